// The engine alone (no widget) in Chromium: both builds find the tools module
// next to themselves — the classic script through document.currentScript, the
// ES module through import.meta.url — under a strict CSP.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';

import { launch, openPage, waitFor } from './support/browser.mjs';
import { startServer } from './support/server.mjs';

let server;
let browser;
before(async () => {
  server = await startServer();
  browser = await launch();
});
after(async () => {
  await browser?.close();
  await server?.close();
});

const csp = "script-src 'self' 'wasm-unsafe-eval'";
// Runs in the page once `window.engineLoad` is defined by the engine script.
const use = `window.__result = (async () => {
  const engine = await window.engineLoad();
  const check = await engine.checkSpam({ author: 'Reader', body: 'see http://a.example and https://b.example/x' });
  const resolved = await engine.resolveReplies(await (await fetch('/fixtures/seed-thread.json')).text());
  return { verdict: check.verdict, codes: check.reasons.map((r) => r.code), inferred: resolved.replies.filter((r) => r.inferred_parent).length };
})().catch((e) => ({ error: e.code + ': ' + e.message }));`;

const variants = {
  'a classic <script>': {
    page: '<script src="/dist/soundoff-engine.js"></script><script src="/classic-use.js"></script>',
    scripts: { '/classic-use.js': `window.engineLoad = () => Soundoff.load();\n${use}` },
  },
  'an ES module': {
    page: '<script type="module" src="/module-use.mjs"></script>',
    scripts: { '/module-use.mjs': `import { load } from '/dist/soundoff-engine.mjs';\nwindow.engineLoad = () => load();\n${use}` },
  },
};

for (const [name, { page, scripts }] of Object.entries(variants)) {
  test(`${name} loads soundoff-tools.mjs from its own directory on first use`, async () => {
    for (const [path, body] of Object.entries(scripts)) server.route(path, body, { type: 'text/javascript' });
    const path = `/engine-${name.length}.html`;
    const url = server.route(path, `<!doctype html><html><head><meta charset="utf-8"><title>t</title></head><body>${page}</body></html>`, {
      headers: { 'Content-Security-Policy': csp },
    });
    const p = await openPage(browser);
    const before = server.requests.length;
    await p.goto(url);
    await waitFor(p, () => window.__result !== undefined);
    const result = await p.evaluate(() => window.__result);
    assert.equal(result.error, undefined, result.error);
    assert.equal(result.verdict, 'hold');
    assert.ok(result.codes.includes('link_limit'));
    assert.ok(result.inferred > 0);
    assert.equal(server.requests.slice(before).filter((r) => r === '/dist/soundoff-tools.mjs').length, 1);
    assert.deepEqual(p.errors, []);
    await p.context().close();
  });
}
