// The moderator console's first paint with a big queue: `soundoff serve` on a
// new SQLite database seeded with N held comments, a signed-in moderator
// opens /admin#/held in a fresh page, and we time from navigation start to
// the frame after the first queue page (50 items, newest first) is in the
// DOM, in headless Debian chromium.
//   node bench/console-paint.mjs [runs, default 7] [held comments, default 10000]
// Needs web/dist (node web/scripts/build.mjs) and a soundoff binary (BIN, default the release build).
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

import { launch } from '../web/test/browser/support/browser.mjs';

const root = dirname(dirname(fileURLToPath(import.meta.url)));
const runs = Number(process.argv[2] ?? 7);
const held = Number(process.argv[3] ?? 10000);
const binary = process.env.BIN ?? join(root, 'build/native-release/native/soundoff');
const password = 'bench-password-0123456789';

const dir = mkdtempSync(join(tmpdir(), 'soundoff-console-bench-'));
const db = join(dir, 'bench.db');
const start = Date.UTC(2026, 0, 1);
const comments = Array.from({ length: held }, (_, i) => ({
  id: String(i + 1),
  author: `reader${i % 997}`,
  created: new Date(start + i * 60000).toISOString(),
  body: `Held comment number ${i + 1}: a paragraph of ordinary length so the queue shows realistic items. `.repeat(2),
  status: 'pending',
}));
writeFileSync(join(dir, 'seed.json'), JSON.stringify({ thread: 'bench', comments }));
writeFileSync(join(dir, 'password'), `${password}\n`);
const add = spawnSync(binary, ['user', 'add', 'bench', '--role', 'moderator', '--db', db, '--password-file', join(dir, 'password')], { encoding: 'utf8' });
if (add.status !== 0) throw new Error(`soundoff user add: ${add.stderr}`);

const server = spawn(binary, ['serve', '--db', db, '--host', '127.0.0.1', '--port', '0', '--static', join(root, 'web/dist'),
  '--seed', join(dir, 'seed.json'), '--no-rate-limit', '--access-log', 'off'], { stdio: ['ignore', 'pipe', 'pipe'] });
let stderr = '';
server.stderr.on('data', (d) => (stderr += d));
const origin = await new Promise((resolve, reject) => {
  let out = '';
  const timer = setTimeout(() => reject(new Error(`soundoff serve did not start: ${stderr}`)), 60000);
  server.stdout.on('data', (d) => {
    out += d;
    const m = /listening on (http:\/\/[^\s/]+)\//.exec(out);
    if (m) {
      clearTimeout(timer);
      resolve(m[1]);
    }
  });
});

const browser = await launch();
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
try {
  const context = await browser.newContext();
  const signIn = await context.newPage();
  await signIn.goto(`${origin}/admin`);
  await signIn.getByLabel('Name').fill('bench');
  await signIn.getByLabel('Password').fill(password);
  await signIn.getByRole('button', { name: 'Sign in' }).click();
  await signIn.waitForFunction(() => document.querySelector('nav') !== null);
  await signIn.close();
  const times = [];
  let shown = 0;
  let count = '';
  for (let i = 0; i < runs + 1; i++) {
    const page = await context.newPage(); // same session cookie, cold page
    await page.goto(`${origin}/admin#/held`);
    const painted = await page.waitForFunction(() => {
      const list = document.querySelector('ol.items');
      if (!list || list.getAttribute('aria-busy') !== 'false' || !list.querySelector('li.item')) return null;
      return new Promise((resolve) => requestAnimationFrame(() => setTimeout(() => resolve(performance.now()))));
    }, null, { timeout: 60000, polling: 10 }).then((h) => h.jsonValue());
    shown = await page.evaluate(() => document.querySelectorAll('ol.items li.item').length);
    count = await page.evaluate(() => document.querySelector('nav')?.textContent ?? '');
    await page.close();
    if (i > 0) times.push(painted); // the first run warms the browser and the server's caches
  }
  await context.close();
  console.log(`console first paint, ${held} held comments, median of ${runs} runs: ${median(times).toFixed(0)} ms ` +
    `from navigation (min ${Math.min(...times).toFixed(0)}, max ${Math.max(...times).toFixed(0)}); ` +
    `${shown} items on the first page; chromium ${browser.version()}`);
  console.log(`nav: ${count.replace(/\s+/g, ' ').trim()}`);
} finally {
  await browser.close();
  server.kill('SIGTERM');
  rmSync(dir, { recursive: true, force: true });
}
