// Where the time of bench/engine-compare.mjs goes (CPU ms): the wasm engine's
// cold start by phase in a fresh process, and what JSON.parse of the
// resulting page costs in JS. Native phases: soundoff_engine_bench --phases.
//   node bench/engine-phases.mjs [--size 1000] [--dist web/dist/soundoff-engine.mjs]
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

import { documentBytes, makeDocument } from '../web/test/support/documents.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const option = (name, fallback) => (args.includes(`--${name}`) ? args[args.indexOf(`--${name}`) + 1] : fallback);
const size = Number(option('size', '1000'));
const dist = resolve(option('dist', join(root, 'web/dist/soundoff-engine.mjs')));

const dir = join(tmpdir(), 'soundoff-engine-compare');
mkdirSync(dir, { recursive: true });
const file = join(dir, `thread-${size}.json`);
if (!existsSync(file)) writeFileSync(file, documentBytes(makeDocument(size, { seed: 42 })));
const bytes = new Uint8Array(readFileSync(file));

const cpu = (since) => {
  const used = process.cpuUsage(since);
  return ((used.user + used.system) / 1000).toFixed(1);
};
const phases = [];
let mark = process.cpuUsage();
const phase = (name) => {
  phases.push(`${name} ${cpu(mark)}`);
  mark = process.cpuUsage();
};
const { load } = await import(dist);
phase('import');
const engine = await load();
phase('load()');
const thread = engine.ingest(bytes);
phase('first ingest');
const page = thread.page();
phase('first page');
console.log(`${size} comments, wasm cold, CPU ms: ${phases.join(', ')}`);

const pageJson = JSON.stringify(page);
for (let i = 0; i < 10; i++) JSON.parse(pageJson);
const runs = 20;
const before = process.cpuUsage();
for (let i = 0; i < runs; i++) JSON.parse(pageJson);
console.log(`JSON.parse of the ${pageJson.length}-byte page: ${(cpu(before) / runs).toFixed(2)} ms CPU`);

const native = join(root, 'build/native-release/bench/soundoff_engine_bench');
if (existsSync(native)) console.log(`native: ${execFileSync(native, [file, '5', '--phases'], { encoding: 'utf8' }).trim()}`);
