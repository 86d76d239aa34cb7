// Time from the widget script's start to its first painted comment, for
// static threads of 1k and 10k comments, in headless Debian chromium.
//   node bench/widget-paint.mjs [runs per size, default 7] [sizes, default 1000,10000]
// Needs web/dist (node web/scripts/build.mjs && node web/scripts/build-widget.mjs) and web/node_modules.
// "Start" is performance.mark('soundoff:start'), the first statement of dist/soundoff.js (after the
// browser fetched and parsed it); "painted" is the frame after the widget's first render (rAF, then a
// task), i.e. the comments are on screen. The widget's own marks split that time into phases. Each run is a fresh browser context (cold caches, new engine).
import { readdirSync, readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

import { launch } from '../web/test/browser/support/browser.mjs';
import { makeDocument } from '../web/test/support/documents.mjs';

const root = dirname(dirname(fileURLToPath(import.meta.url)));
const runs = Number(process.argv[2] ?? 7);
const sizes = (process.argv[3] ?? '1000,10000').split(',').map(Number);
const bundle = readFileSync(join(root, 'web/dist/soundoff.js'));
// soundoff.js compiles its engine from the content-hashed .wasm next to it (docs/widget.md).
const wasmName = readdirSync(join(root, 'web/dist')).find((name) => /^soundoff-engine\.[0-9a-f]{16}\.wasm$/.test(name));
const wasm = readFileSync(join(root, 'web/dist', wasmName));
const documents = new Map(sizes.map((n) => [`/c${n}.json`, JSON.stringify(makeDocument(n, { thread: `t${n}` }))]));
// Long tasks (over 50 ms) from navigation until the whole page is drawn (the widget draws past the first
// screenful in idle slices): the longest is reported.
const probe = `window.__longTasks = [];
new PerformanceObserver((list) => { for (const e of list.getEntries()) window.__longTasks.push(e.duration); })
  .observe({ type: 'longtask', buffered: true });
document.addEventListener('soundoff:render', () => requestAnimationFrame(() => setTimeout(() => {
  performance.mark('soundoff:painted');
  const at = (name) => performance.getEntriesByName('soundoff:' + name)[0].startTime;
  const start = at('start');
  window.__paint = { fromStart: at('painted') - start, fromNavigation: at('painted'),
    engine: at('engine') - start, source: at('source') - start, rendered: at('rendered') - start };
})), { once: true });`;

const server = createServer((req, res) => {
  const url = new URL(req.url, 'http://x');
  if (url.pathname === '/soundoff.js') return res.writeHead(200, { 'Content-Type': 'text/javascript' }).end(bundle);
  if (url.pathname === `/${wasmName}`) return res.writeHead(200, { 'Content-Type': 'application/wasm' }).end(wasm);
  if (url.pathname === '/probe.js') return res.writeHead(200, { 'Content-Type': 'text/javascript' }).end(probe);
  if (documents.has(url.pathname)) return res.writeHead(200, { 'Content-Type': 'application/json' }).end(documents.get(url.pathname));
  const n = url.searchParams.get('n');
  res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' }).end(`<!doctype html><html lang="en"><head><meta charset="utf-8"><title>bench</title>
<script src="/probe.js"></script></head><body><h1>Article</h1><script src="/soundoff.js" data-soundoff-src="/c${n}.json" data-soundoff-per-page="50" async></script></body></html>`);
});
await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
const origin = `http://127.0.0.1:${server.address().port}`;
const browser = await launch();
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
try {
  console.log(`widget first paint, median of ${runs} runs (ms); chromium ${browser.version()}`);
  for (const n of sizes) {
    const fromStart = [];
    const fromNavigation = [];
    let rendered = 0;
    const phases = { engine: [], source: [], rendered: [] };
    const longestTask = [];
    for (let i = 0; i < runs + 1; i++) {
      const context = await browser.newContext();
      const page = await context.newPage();
      await page.goto(`${origin}/?n=${n}`);
      const paint = await page.waitForFunction(() => window.__paint, null, { timeout: 60000, polling: 20 }).then((h) => h.jsonValue());
      await page.waitForFunction(() => document.querySelector('#soundoff').shadowRoot.querySelector('.so-comments')?.getAttribute('aria-busy') === 'false',
        null, { timeout: 60000, polling: 20 });
      await page.waitForTimeout(100); // a long task that just ended reaches the observer
      const shown = await page.evaluate(() => document.querySelector('#soundoff').shadowRoot.querySelectorAll('article').length);
      const longest = await page.evaluate(() => Math.max(0, ...window.__longTasks));
      await context.close();
      if (shown === 0) throw new Error(`${n}: nothing rendered`);
      rendered = shown;
      if (i === 0) continue; // warm-up: the first run pays the browser's own start-up
      fromStart.push(paint.fromStart);
      fromNavigation.push(paint.fromNavigation);
      for (const k of Object.keys(phases)) phases[k].push(paint[k]);
      longestTask.push(longest);
    }
    const doc = documents.get(`/c${n}.json`).length;
    console.log(`${String(n).padStart(6)} comments (${(doc / 1024).toFixed(0)} KiB JSON, page 1 shows ${rendered}): script start -> first painted comment ` +
      `${median(fromStart).toFixed(1)} ms (min ${Math.min(...fromStart).toFixed(1)}, max ${Math.max(...fromStart).toFixed(1)}); ` +
      `navigation -> painted ${median(fromNavigation).toFixed(1)} ms`);
    console.log(`        medians after script start: engine ready ${median(phases.engine).toFixed(0)} ms, document fetched + ` +
      `ingested ${median(phases.source).toFixed(0)} ms, first page rendered ${median(phases.rendered).toFixed(0)} ms; ` +
      `longest task until the page is whole ${median(longestTask).toFixed(0)} ms (max ${Math.max(...longestTask).toFixed(0)})`);
  }
} finally {
  await browser.close();
  server.close();
}
