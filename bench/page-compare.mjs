// The cost of thread.page() alone — build the page in wasm, hand it to JS,
// rebuild the items — or (--what ingest) of engine.ingest() alone, for one or
// more builds of the facade, interleaved in one process so they share the
// machine's state. Warm median CPU ms per build.
//   node bench/page-compare.mjs [--what page|ingest] [--sizes 1000,10000,100000] [--per-page 50] DIST.mjs [DIST.mjs ...]
// e.g. the current build against a checkout of an older commit:
//   node bench/page-compare.mjs ../old/web/dist/soundoff-engine.mjs web/dist/soundoff-engine.mjs
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

import { documentBytes, makeDocument } from '../web/test/support/documents.mjs';

const args = process.argv.slice(2);
const option = (name, fallback) => {
  const i = args.indexOf(`--${name}`);
  if (i < 0) return fallback;
  const [value] = args.splice(i, 2).slice(1);
  return value;
};
const sizes = option('sizes', '1000,10000,100000').split(',').map(Number);
const perPage = Number(option('per-page', '50'));
const what = option('what', 'page');
if (what !== 'page' && what !== 'ingest') throw new Error(`--what is page or ingest, not ${what}`);
const dists = args.length ? args : ['web/dist/soundoff-engine.mjs'];
const engines = await Promise.all(dists.map(async (d) => (await import(pathToFileURL(resolve(d)).href)).load()));

const cpuMs = (work) => {
  const start = process.cpuUsage();
  work();
  const used = process.cpuUsage(start);
  return (used.user + used.system) / 1000;
};
const median = (xs) => [...xs].sort((a, b) => a - b)[xs.length >> 1];

const label = what === 'page' ? `page({ perPage: ${perPage} })` : 'ingest(document)';
console.log(`${label}, warm median CPU ms over 3 rounds x 11 calls; columns: ${dists.join(' | ')}`);
for (const size of sizes) {
  const bytes = documentBytes(makeDocument(size));
  const threads = engines.map((engine) => engine.ingest(bytes));
  const pageBytes = JSON.stringify(threads[0].page({ perPage })).length;
  const work = (k) => (what === 'page' ? threads[k].page({ perPage }) : engines[k].ingest(bytes).dispose());
  const times = threads.map(() => []);
  for (let round = 0; round < 3; round++) {
    threads.forEach((thread, k) => {
      // V8 tiers wasm and JS up in the background: warm up before timing.
      for (let i = 0, until = performance.now() + 500; i < 3 || performance.now() < until; i++) work(k);
      for (let i = 0; i < 11; i++) times[k].push(cpuMs(() => work(k)));
    });
  }
  const sizeNote = what === 'page' ? `page ${(pageBytes / 1e6).toFixed(2)} MB as JSON` : `${(bytes.length / 1e6).toFixed(2)} MB`;
  console.log(`${size} comments (${sizeNote}): ${times.map((t) => median(t).toFixed(2)).join(' | ')}`);
  threads.forEach((thread) => thread.dispose());
}
