// A tiny HTTP server on 127.0.0.1 for browser tests: web/dist at /dist/,
// tests/fixtures at /fixtures/, and pages/documents registered by the test.
import { readFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import { extname, join, normalize } from 'node:path';

import { fixtures, web } from '../../support/paths.mjs';

const types = { '.js': 'text/javascript', '.mjs': 'text/javascript', '.json': 'application/json', '.html': 'text/html; charset=utf-8', '.wasm': 'application/wasm' };
const roots = { '/dist/': join(web, 'dist'), '/fixtures/': fixtures };

export async function startServer() {
  const routes = new Map();
  const handlers = [];
  const requests = [];
  const server = createServer(async (req, res) => {
    const url = new URL(req.url, 'http://127.0.0.1');
    requests.push(url.pathname);
    if (url.pathname === '/favicon.ico') return res.writeHead(204).end();
    for (const handler of handlers) if (await handler(req, res, url)) return;
    const route = routes.get(url.pathname);
    if (route) {
      const body = typeof route.body === 'function' ? await route.body(req, url) : route.body;
      res.writeHead(route.status ?? 200, { 'Content-Type': route.type ?? types[extname(url.pathname)] ?? 'text/html; charset=utf-8', ...route.headers });
      return res.end(body);
    }
    for (const [prefix, dir] of Object.entries(roots)) {
      if (!url.pathname.startsWith(prefix)) continue;
      const file = normalize(join(dir, decodeURIComponent(url.pathname.slice(prefix.length))));
      if (!file.startsWith(dir)) break;
      try {
        const data = await readFile(file);
        res.writeHead(200, { 'Content-Type': types[extname(file)] ?? 'application/octet-stream' });
        return res.end(data);
      } catch {
        break;
      }
    }
    res.writeHead(404, { 'Content-Type': 'text/plain' });
    res.end('not found');
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${server.address().port}`;
  return {
    origin,
    requests,
    /** Serves `body` at `path` (string or (req, url) => string). */
    route(path, body, options = {}) {
      routes.set(path, { body, ...options });
      return `${origin}${path}`;
    },
    /** Adds `async (req, res, url) => handled` ahead of the routes. */
    handle(handler) {
      handlers.push(handler);
    },
    close: () => new Promise((resolve) => server.close(resolve)),
  };
}

/** An article page with the widget's script tag; `attributes` become data-soundoff-*. */
export function articlePage({ attributes = {}, lang = 'en', before = '', after = '', head = '', script = 'soundoff.js' } = {}) {
  const attrs = Object.entries(attributes)
    .map(([k, v]) => ` data-soundoff-${k}="${String(v).replace(/&/g, '&amp;').replace(/"/g, '&quot;')}"`)
    .join('');
  return `<!doctype html><html lang="${lang}"><head><meta charset="utf-8"><title>Article</title>${head}</head>
<body><main><h1>Russia calls for talks in Moscow on Syria</h1><p>Article text.</p>${before}
<script src="/dist/${script}"${attrs} async></script>${after}</main></body></html>`;
}
