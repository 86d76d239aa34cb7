// Screenshots of web/demo/index.html (static mode) for the README:
//   node web/scripts/screenshot.mjs   -> docs/widget.png (light) and docs/widget-dark.png
// Serves the repository root on 127.0.0.1 and uses Debian's chromium.
import { readFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import { extname, join, normalize, resolve } from 'node:path';

import { launch } from '../test/browser/support/browser.mjs';
import { web } from '../test/support/paths.mjs';

const repo = resolve(web, '..');
const types = { '.html': 'text/html; charset=utf-8', '.css': 'text/css', '.js': 'text/javascript', '.json': 'application/json' };
const server = createServer(async (req, res) => {
  const file = normalize(join(repo, decodeURIComponent(new URL(req.url, 'http://x').pathname)));
  try {
    if (!file.startsWith(repo)) throw new Error('outside');
    const data = await readFile(file);
    res.writeHead(200, { 'Content-Type': types[extname(file)] ?? 'application/octet-stream' }).end(data);
  } catch {
    res.writeHead(404).end();
  }
});
await new Promise((r) => server.listen(0, '127.0.0.1', r));
const browser = await launch();
try {
  for (const [scheme, name] of [['light', 'widget.png'], ['dark', 'widget-dark.png']]) {
    const context = await browser.newContext({ viewport: { width: 860, height: 1100 }, colorScheme: scheme, locale: 'en-US', timezoneId: 'America/New_York' });
    const page = await context.newPage();
    await page.goto(`http://127.0.0.1:${server.address().port}/web/demo/index.html`);
    await page.waitForFunction(() => document.querySelector('#soundoff')?.shadowRoot?.querySelector('.so-comments[aria-busy="false"]'));
    // The viewport, not the full page: off-screen comments skip rendering (content-visibility) until scrolled to.
    await page.screenshot({ path: join(repo, 'docs', name) });
    await context.close();
    console.log(`docs/${name}`);
  }
} finally {
  await browser.close();
  server.close();
}
