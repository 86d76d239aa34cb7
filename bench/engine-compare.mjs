// Same work three ways — bytes of a comment document -> ordered first page —
// natively (bench/engine_bench.cpp), as the shipped wasm engine in node
// (web/dist), and as a plain-JS implementation (plain-js-engine.mjs), at
// several thread sizes; cold (fresh process, module load included) and warm
// (median of runs after a warm-up), medians over several processes, with ratios.
//
//   cmake --preset native-release && cmake --build --preset native-release --target soundoff_engine_bench
//   scripts/test   # or: emcmake cmake --preset wasm-release ... && node web/scripts/build.mjs
//   node bench/engine-compare.mjs [--sizes 1000,10000,100000] [--runs 5] [--processes 5]
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

import { documentBytes, makeDocument } from '../web/test/support/documents.mjs';
import { firstPage } from './plain-js-engine.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const self = fileURLToPath(import.meta.url);
const args = process.argv.slice(2);
const option = (name, fallback) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : fallback;
};
// --dist compares another build of the facade (e.g. other optimisation flags).
const dist = resolve(option('dist', join(root, 'web/dist/soundoff-engine.mjs')));

// Pre-order (id, depth) of a page: what must agree between the three sides.
function shape(items) {
  const out = [];
  const stack = [...items].reverse();
  while (stack.length) {
    const item = stack.pop();
    out.push(`${item.id}@${item.depth}`);
    for (let i = item.children.length - 1; i >= 0; i--) stack.push(item.children[i]);
  }
  return out.join(' ');
}

// ---- child processes: one side, one document, cold then warm ----
async function child(side, file, runs) {
  const bytes = new Uint8Array(readFileSync(file));
  let work;
  const start = performance.now();
  const startCpu = process.cpuUsage();
  if (side === 'wasm') {
    const { load } = await import(dist);
    const engine = await load();
    work = () => {
      const thread = engine.ingest(bytes);
      try {
        return thread.page();
      } finally {
        thread.dispose();
      }
    };
  } else {
    work = () => firstPage(bytes);
  }
  const loaded = performance.now();
  let page = work();
  const cold = performance.now() - start;
  const coldCpu = process.cpuUsage(startCpu);
  // V8 compiles wasm and JS in tiers (Liftoff/Ignition first, TurboFan in the
  // background): keep calling for a second before timing the warm runs.
  for (let n = 0, until = performance.now() + 1000; n < 2 || performance.now() < until; n++) work();
  const warm = [];
  const warmCpu = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    const c = process.cpuUsage();
    page = work();
    const used = process.cpuUsage(c);
    warmCpu.push((used.user + used.system) / 1000);
    warm.push(performance.now() - t);
  }
  const mid = (xs) => xs.sort((a, b) => a - b)[xs.length >> 1];
  console.log(JSON.stringify({ cold_ms: cold, cold_cpu_ms: (coldCpu.user + coldCpu.system) / 1000, load_ms: loaded - start, warm_ms: mid(warm), warm_cpu_ms: mid(warmCpu),
                               shape: shape(page.items), total: page.total }));
}

function runSide(side, file, runs) {
  if (side === 'native') {
    const binary = join(root, 'build/native-release/bench/soundoff_engine_bench');
    const [stats, pageJson] = execFileSync(binary, [file, String(runs), '--print-page'], { encoding: 'utf8',
      maxBuffer: 1 << 28 }).split('\n');
    const page = JSON.parse(pageJson);
    return { ...JSON.parse(stats), load_ms: 0, shape: shape(page.items), total: page.total };
  }
  const out = execFileSync(process.execPath, [self, '--child', side, file, String(runs), '--dist', dist],
                           { encoding: 'utf8' });
  return JSON.parse(out);
}

const median = (xs) => [...xs].sort((a, b) => a - b)[xs.length >> 1];
const fmt = (ms) => (ms >= 100 ? ms.toFixed(0) : ms >= 10 ? ms.toFixed(1) : ms.toFixed(2));

async function main() {
  const sizes = option('sizes', '1000,10000,100000').split(',').map(Number);
  const runs = Number(option('runs', '5'));
  const processes = Number(option('processes', '5'));
  const dir = join(tmpdir(), 'soundoff-engine-compare');
  mkdirSync(dir, { recursive: true });
  const rows = [];
  for (const size of sizes) {
    const file = join(dir, `thread-${size}.json`);
    if (!existsSync(file)) writeFileSync(file, documentBytes(makeDocument(size, { seed: 42 })));
    const bytes = readFileSync(file).length;
    const result = {};
    for (const side of ['native', 'wasm', 'js']) {
      const samples = Array.from({ length: processes }, () => runSide(side, file, runs));
      result[side] = {
        cold: median(samples.map((s) => s.cold_ms)),
        coldCpu: median(samples.map((s) => s.cold_cpu_ms)),
        load: median(samples.map((s) => s.load_ms)),
        warm: median(samples.map((s) => s.warm_ms)),
        cpu: median(samples.map((s) => s.warm_cpu_ms)),
        shape: samples[0].shape,
        total: samples[0].total,
      };
    }
    // The comparison is only fair if all three produced the same page.
    assert.equal(result.wasm.shape, result.native.shape, `wasm and native pages differ at ${size}`);
    assert.equal(result.js.shape, result.native.shape, `plain JS and native pages differ at ${size}`);
    assert.equal(result.js.total, result.native.total);
    rows.push({ size, bytes, ...result });
  }

  console.log(`node ${process.version}; ${processes} processes x (1 cold + warm-up + ${runs} warm runs); medians in ms;` +
              ` load average ${loadavg().map((x) => x.toFixed(1)).join(' ')}`);
  console.log('| comments | MB | warm CPU: native | wasm | JS | wasm/native | wasm/JS | warm wall: native | wasm | JS |' +
              ' cold wall: native | wasm (load) | JS | cold CPU: native | wasm | JS |');
  console.log('|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|');
  for (const r of rows) {
    console.log(`| ${r.size} | ${(r.bytes / 1e6).toFixed(2)} | ${fmt(r.native.cpu)} | ${fmt(r.wasm.cpu)} | ${fmt(r.js.cpu)} | ` +
      `${(r.wasm.cpu / r.native.cpu).toFixed(2)}x | ${(r.wasm.cpu / r.js.cpu).toFixed(2)}x | ` +
      `${fmt(r.native.warm)} | ${fmt(r.wasm.warm)} | ${fmt(r.js.warm)} | ` +
      `${fmt(r.native.cold)} | ${fmt(r.wasm.cold)} (${fmt(r.wasm.load)}) | ${fmt(r.js.cold)} | ` +
      `${fmt(r.native.coldCpu)} | ${fmt(r.wasm.coldCpu)} | ${fmt(r.js.coldCpu)} |`);
  }
}

if (args[0] === '--child') await child(args[1], args[2], Number(args[3]));
else await main();
