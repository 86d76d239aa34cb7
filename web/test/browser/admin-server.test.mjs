// The moderation console against the real server (`soundoff serve` with
// --static web/dist, hold_all so every new comment is held): sign in, see the
// comment the demo form just held, approve it and see it in the widget; ban
// its author and see the next post refused; close the thread and see the
// widget say so; approve and reject with the keyboard only; axe-core on every
// view. Parts skip, with the reason, while the server lacks the routes they
// need (the desk's identity, moderation and threads branches, docs/moderation-api.md).
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';

import { fixtures, web } from '../support/paths.mjs';
import { axeViolations } from './support/axe.mjs';
import { launch, openPage, waitFor, waitForWidget } from './support/browser.mjs';
import { soundoffBinary, startSoundoff, whyNoServer } from './support/soundoff-serve.mjs';

const binary = soundoffBinary;
const password = 'correct horse battery staple';
const demoThread = 'russia-calls-for-talks-in-moscow-on-syria';

function whyNot() {
  const noServer = whyNoServer();
  if (noServer) return noServer;
  if (!existsSync(join(web, 'dist/soundoff.js')) || !existsSync(join(web, 'dist/admin.js'))) return 'web/dist is not built (npm run build:widget)';
  return null;
}
const skip = whyNot();
const help = skip ? null : spawnSync(binary, ['--help'], { encoding: 'utf8' });
const hasUserCommand = !skip && /\buser\b/.test(`${help.stdout}${help.stderr}`);

let server;
let browser;
let dir;
// Which parts of the desk API this server has: {identity, moderation, bans, threads}.
const has = {};
before(async () => {
  if (skip) return;
  dir = mkdtempSync(join(tmpdir(), 'soundoff-admin-'));
  const db = join(dir, 'desk.db');
  writeFileSync(join(dir, 'password'), `${password}\n`);
  // A webhook that refuses every connection (the discard port, nothing listens), tried once: each held comment
  // leaves a dead letter for the Deliveries view.
  writeFileSync(join(dir, 'config.json'), JSON.stringify({
    hold_all: true,
    webhooks: [{ url: 'http://127.0.0.1:9/hook', events: ['comment.held'] }],
    webhook_allow_private: true,
    outbox: { max_attempts: 1, poll_ms: 50 },
  }));
  if (hasUserCommand) {
    const add = spawnSync(binary, ['user', 'add', 'editor', '--role', 'admin', '--db', db, '--password-file', join(dir, 'password')], { encoding: 'utf8' });
    assert.equal(add.status, 0, `soundoff user add: ${add.stderr}`);
  }
  server = await startSoundoff(db, ['--config', join(dir, 'config.json'), '--seed', join(fixtures, 'seed-thread.json')]);
  // Probe the routes with a session: a missing route answers 404 (the static fallback), a present one anything else.
  const login = await fetch(`${server.origin}/api/admin/login`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ name: 'editor', password }) });
  has.identity = login.status === 200;
  const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0];
  const probe = async (path) => (await fetch(`${server.origin}/api/admin/${path}`, { headers: { Cookie: cookie } })).status !== 404;
  has.moderation = has.identity && (await probe('queue/held')) && (await probe('counts'));
  has.bans = has.identity && (await probe('bans'));
  has.threads = has.identity && (await probe('threads'));
  has.policy = has.identity && (await probe('policy'));
  has.audit = has.identity && (await probe('audit'));
  has.outbox = has.identity && (await probe('outbox'));
  browser = await launch();
});
after(async () => {
  await browser?.close();
  await server?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/** Fails the running test unless the server has every part in `needs` (the whole desk is merged: a missing route is a regression). */
function lacks(t, ...needs) {
  const missing = needs.filter((n) => !has[n]);
  assert.deepEqual(missing, [], hasUserCommand ? `the server has no ${missing.join(', ')} routes (docs/moderation-api.md)`
    : 'the server has no user command');
  return false;
}

const expected = (errors) => errors.filter((e) => !/^Failed to load resource: the server responded with a status of 4\d\d/.test(e));
const queueLoaded = (page) => waitFor(page, () => document.querySelector('ol.items')?.getAttribute('aria-busy') === 'false');

async function signIn() {
  const page = await openPage(browser);
  await page.goto(`${server.origin}/admin`);
  await page.getByLabel('Name').fill('editor');
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await waitFor(page, () => document.querySelector('nav') !== null);
  return page;
}

/** Posts through the demo page's widget form; returns the status line the reader sees. */
async function postThroughWidget(author, body) {
  const page = await openPage(browser);
  await page.goto(`${server.origin}/demo`);
  await waitForWidget(page);
  const root = page.locator('#soundoff');
  await root.getByLabel('Name').fill(author);
  await root.getByLabel('Comment', { exact: true }).fill(body);
  await root.getByRole('button', { name: 'Post comment' }).click();
  await waitFor(page, () => document.querySelector('#soundoff').shadowRoot.querySelector('.so-form-status').textContent !== '');
  const status = await root.locator('.so-form-status').textContent();
  assert.deepEqual(expected(page.errors), []);
  await page.context().close();
  return status;
}

/** The bodies the demo widget shows now. */
async function widgetBodies() {
  const page = await openPage(browser);
  await page.goto(`${server.origin}/demo`);
  await waitForWidget(page);
  const bodies = await page.evaluate(() => [...document.querySelector('#soundoff').shadowRoot.querySelectorAll('.so-body')].map((b) => b.textContent));
  await page.context().close();
  return bodies;
}

/** The article of the shown queue item whose body is `body`. */
const itemWith = (page, body) => page.locator('ol.items article', { has: page.locator('.body', { hasText: body }) });

test('/admin under the server\'s own CSP loads the console without a CSP refusal and shows an accessible sign-in form', { skip: skip ?? false }, async () => {
  const page = await openPage(browser);
  const refusals = [];
  page.on('console', (m) => /Content Security Policy/i.test(m.text()) && refusals.push(m.text()));
  const response = await page.goto(`${server.origin}/admin`);
  const csp = response.headers()['content-security-policy'];
  assert.match(csp, /script-src 'self'; style-src 'self';/);
  assert.doesNotMatch(csp, /unsafe/, 'no unsafe-inline, no unsafe-eval');
  await waitFor(page, () => document.querySelector('form.login') !== null);
  assert.equal(await page.evaluate(() => getComputedStyle(document.querySelector('.login')).display), 'grid', 'admin.css applied');
  assert.deepEqual(await axeViolations(page), []);
  await page.getByLabel('Name').fill('nobody');
  await page.getByLabel('Password').fill('wrong');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await waitFor(page, () => document.querySelector('.login .error')?.textContent !== '');
  assert.deepEqual(refusals, []);
  assert.deepEqual(expected(page.errors), []);
  await page.context().close();
});

test('sign in, see the comment the demo form just held, approve it, and it appears in the widget', { skip: skip ?? false }, async (t) => {
  if (lacks(t, 'identity', 'moderation')) return;
  const body = 'Held until a moderator looks 7f3a';
  assert.equal(await postThroughWidget('Marta Reader', body), 'Your comment was received and awaits moderation.');
  assert.ok(!(await widgetBodies()).includes(body));

  const page = await signIn();
  await queueLoaded(page);
  const item = itemWith(page, body);
  await waitFor(page, (text) => [...document.querySelectorAll('ol.items .body')].some((b) => b.textContent === text), body);
  assert.equal(await item.locator('.author').textContent(), 'Marta Reader');
  // The counts arrive in their own request, after the queue: wait for the label rather than race it.
  await waitFor(page, () => /^Held, [1-9]/.test(document.querySelector('a[href="#/queue/held"]')?.getAttribute('aria-label') ?? ''));
  const id = await item.getAttribute('data-id');
  await item.getByRole('button', { name: `Approve: comment ${id}` }).click();
  await waitFor(page, (i) => !document.querySelector(`ol.items article[data-id="${i}"]`), id);
  assert.deepEqual(expected(page.errors), []);
  await page.context().close();
  assert.ok((await widgetBodies()).includes(body), 'the approved comment is on the page');
});

test('ban the author from the queue; their next post is refused', { skip: skip ?? false }, async (t) => {
  if (lacks(t, 'identity', 'moderation', 'bans')) return;
  const author = 'Persistent Spammer';
  await postThroughWidget(author, 'First of many b71c');
  const page = await signIn();
  await queueLoaded(page);
  const item = itemWith(page, 'First of many b71c');
  await waitFor(page, () => document.querySelector('ol.items article') !== null);
  const id = await item.getAttribute('data-id');
  await item.getByRole('button', { name: `Ban…: comment ${id}` }).click();
  const dialog = page.getByRole('dialog', { name: 'Ban' });
  assert.equal(await dialog.getByLabel('Value').inputValue(), author);
  await dialog.getByLabel('Reason').fill('spam');
  await dialog.getByRole('button', { name: 'Add ban' }).click();
  await waitFor(page, () => !document.querySelector('dialog'));
  await page.getByRole('link', { name: 'Bans' }).click();
  // The server stores the author's name key (core's name_key), so the list shows that, with the reason.
  await waitFor(page, () => [...document.querySelectorAll('main tbody tr')].some((r) => r.cells[0].textContent === 'Author name' && r.cells[2].textContent === 'spam'));
  assert.deepEqual(expected(page.errors), []);
  await page.context().close();
  assert.equal(await postThroughWidget(author, 'Second of many'), 'You may not comment here.');
});

test('close the thread; the widget says "Comments are closed"; reopen it', { skip: skip ?? false }, async (t) => {
  if (lacks(t, 'identity', 'threads')) return;
  const page = await signIn();
  await page.getByRole('link', { name: 'Threads' }).click();
  // Registering is "register or update", so this works whether or not the seed put the thread in the registry.
  await page.getByLabel('Key', { exact: true }).fill(demoThread);
  await page.getByLabel('Title').fill('Russia calls for talks in Moscow on Syria');
  await page.getByRole('button', { name: 'Register' }).click();
  const close = page.getByRole('button', { name: `Close thread ${demoThread}` });
  await close.waitFor();
  await close.click();
  await page.getByRole('button', { name: `Reopen thread ${demoThread}` }).waitFor();

  const reader = await openPage(browser);
  await reader.goto(`${server.origin}/demo`);
  await waitForWidget(reader);
  await waitFor(reader, () => document.querySelector('#soundoff').shadowRoot.querySelector('.so-closed')?.textContent === 'Comments are closed.');
  assert.equal(await reader.locator('#soundoff .so-form').isVisible(), false);
  await reader.context().close();
  const refused = await fetch(`${server.origin}/api/threads/${demoThread}/comments`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ author: 'Late', body: 'too late' }) });
  assert.equal(refused.status, 403);
  assert.equal((await refused.json()).code, 'closed');

  await page.getByRole('button', { name: `Reopen thread ${demoThread}` }).click();
  await page.getByRole('button', { name: `Close thread ${demoThread}` }).waitFor();
  assert.deepEqual(expected(page.errors), []);
  await page.context().close();
});

test('keyboard only: j to the newest held comment, a approves it, r rejects the next', { skip: skip ?? false }, async (t) => {
  if (lacks(t, 'identity', 'moderation')) return;
  for (const body of ['keyboard older d41', 'keyboard newer d42']) {
    const res = await fetch(`${server.origin}/api/threads/${demoThread}/comments`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ author: 'Keys', body }) });
    assert.equal(res.status, 201);
  }
  const page = await signIn();
  await queueLoaded(page);
  await page.getByLabel('Author').fill('Keys');
  await page.getByLabel('Author').press('Enter');
  await waitFor(page, () => document.querySelectorAll('ol.items article').length === 2 && document.querySelector('ol.items').getAttribute('aria-busy') === 'false');
  await page.locator('main').focus();
  await page.keyboard.press('j');
  assert.equal(await page.evaluate(() => document.activeElement.querySelector('.body')?.textContent), 'keyboard newer d42');
  await page.keyboard.press('a');
  await waitFor(page, () => document.querySelectorAll('ol.items article').length === 1);
  assert.equal(await page.evaluate(() => document.activeElement.querySelector('.body')?.textContent), 'keyboard older d41', 'focus moved on');
  await page.keyboard.press('r');
  await waitFor(page, () => document.querySelectorAll('ol.items article').length === 0);

  const statuses = await page.evaluate(async () => {
    const page = await (await fetch('/api/admin/queue/recent?author=Keys')).json();
    return Object.fromEntries(page.comments.map((c) => [c.body, c.status]));
  });
  assert.deepEqual(statuses, { 'keyboard newer d42': 'published', 'keyboard older d41': 'spam' });
  assert.deepEqual(expected(page.errors), []);
  await page.context().close();
});

test('axe-core finds no violations on any console view served by the server', { skip: skip ?? false }, async (t) => {
  if (lacks(t, 'identity')) return;
  const signInPage = await openPage(browser);
  await signInPage.goto(`${server.origin}/admin`);
  await waitFor(signInPage, () => document.querySelector('form.login') !== null);
  assert.deepEqual(await axeViolations(signInPage), [], 'sign-in');
  await signInPage.context().close();

  const page = await signIn();
  const views = [];
  if (has.moderation) views.push('queue/held', 'queue/reported', 'queue/spam', 'queue/recent');
  for (const part of ['bans', 'threads', 'policy', 'audit', 'outbox']) if (has[part]) views.push(part);
  for (const view of views) {
    await page.goto(`${server.origin}/admin#/${view}`);
    await waitFor(page, () => document.querySelector('main h1') !== null && document.querySelector('[aria-busy="true"]') === null);
    await waitFor(page, () => document.querySelector('main table, main .items article, main textarea, main .note p, main .table-box p') !== null);
    assert.deepEqual(await axeViolations(page), [], view);
  }
  assert.deepEqual(expected(page.errors), [], 'no page errors, no CSP refusals under the server\'s CSP');
  await page.context().close();
});

test('an admin sees the webhook call that failed as a dead letter, in words, and sends it again', { skip: skip ?? false }, async (t) => {
  if (lacks(t, 'identity', 'outbox')) return;
  assert.equal(await postThroughWidget('Dora Deadletter', 'This one is held, and the webhook is down.'), 'Your comment was received and awaits moderation.');
  const login = await fetch(`${server.origin}/api/admin/login`, { method: 'POST', headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ name: 'editor', password }) });
  const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0];
  const deadFor = async () => {
    const list = await (await fetch(`${server.origin}/api/admin/outbox?state=dead`, { headers: { Cookie: cookie } })).json();
    return list.entries.find((e) => e.comment?.author === 'Dora Deadletter');
  };
  let dead = null;
  for (let i = 0; i < 100 && !dead; ++i) {
    dead = await deadFor();
    if (!dead) await new Promise((resolve) => setTimeout(resolve, 100));
  }
  assert.ok(dead, 'the failed delivery became a dead letter');

  const page = await signIn();
  assert.ok(await page.getByRole('link', { name: 'Deliveries' }).isVisible(), 'admins have the view in the nav');
  await page.goto(`${server.origin}/admin#/outbox`);
  await waitFor(page, () => document.querySelector('main h1')?.textContent === 'Deliveries');
  const row = page.locator('main tbody tr', { has: page.getByRole('button', { name: `Retry delivery ${dead.id}` }) });
  await row.waitFor();
  const cells = await row.locator('td').allTextContents();
  assert.equal(cells[1], 'comment.held');
  assert.equal(cells[2], 'http://127.0.0.1:9/hook');
  assert.ok(cells[6].length > 0, `the last error is shown: ${cells[6]}`);
  await row.getByRole('button', { name: `Retry delivery ${dead.id}` }).click();
  await waitFor(page, (id) => document.querySelector('.status')?.textContent === `Delivery ${id} is queued to be sent again.`, dead.id);
  // The retry counted: the sender tried it again (and, the hook still down, it is a dead letter once more).
  let again = null;
  for (let i = 0; i < 100; ++i) {
    again = await deadFor();
    if (again && again.last_error && again.attempts === 1 && again.next_attempt !== dead.next_attempt) break;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  assert.notEqual(again?.next_attempt, dead.next_attempt, 'the row was sent again after the retry');
  await page.getByLabel('Show').selectOption('pending');
  await waitFor(page, () => document.querySelector('main .table-box')?.getAttribute('aria-busy') === 'false');
  assert.deepEqual(expected(page.errors), []);
  await page.context().close();
});
