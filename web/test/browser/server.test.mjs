// API mode against the real comment server (`soundoff serve`, docs/server-api.md):
// its demo page loads web/dist/soundoff.js same-origin. Skipped, with the
// reason, while the native binary has no `serve` command.
import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';

import { fixtures } from '../support/paths.mjs';
import { axeViolations } from './support/axe.mjs';
import { launch, openPage, renderedComments, waitFor, waitForWidget } from './support/browser.mjs';
import { startSoundoff, whyNoServer } from './support/soundoff-serve.mjs';

const skip = whyNoServer();

const ssoSecret = 'a-demo-site-secret-of-at-least-32-bytes';
/** An HS256 token as the embedding site would mint it for its logged-in reader. */
function siteToken(claims) {
  const part = (o) => Buffer.from(JSON.stringify(o)).toString('base64url');
  const body = `${part({ alg: 'HS256', typ: 'JWT' })}.${part({ exp: Math.floor(Date.now() / 1000) + 600, ...claims })}`;
  return `${body}.${createHmac('sha256', ssoSecret).update(body).digest('base64url')}`;
}

let server;
let browser;
let dir;
before(async () => {
  if (skip) return;
  dir = mkdtempSync(join(tmpdir(), 'soundoff-widget-'));
  // Sign-in is optional: anonymous readers post as before, a site token signs a reader in (docs/sso.md).
  writeFileSync(join(dir, 'config.json'), JSON.stringify({ identity: { mode: 'optional', algorithm: 'HS256', secret: ssoSecret, staff_roles: ['staff'], demo_login: true } }));
  server = await startSoundoff(join(dir, 'test.db'), ['--config', join(dir, 'config.json'), '--seed', join(fixtures, 'seed-thread.json')]);
  browser = await launch();
});
after(async () => {
  await browser?.close();
  await server?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

test('the server demo page shows the seeded thread with votes, and a posted comment appears', { skip: skip ?? false }, async () => {
  const page = await openPage(browser);
  await page.goto(`${server.origin}/demo`);
  await waitForWidget(page);
  const comments = await renderedComments(page);
  assert.equal(comments.length, 15);
  assert.equal(comments[0].author, 'banasy©');
  assert.ok((await page.locator('#soundoff .so-vote').count()) >= 30);
  const heading = await page.evaluate(() => document.querySelector('#soundoff').shadowRoot.querySelector('h2').textContent);
  assert.equal(heading, 'soundoff (15 Responses)');
  // The thread's Atom feed is linked from the widget, and the server answers it as a feed.
  const feed = await page.evaluate(() => document.querySelector('#soundoff').shadowRoot.querySelector('a.so-feed')?.getAttribute('href'));
  assert.match(feed ?? '', /^\/feed\/threads\/[^/]+\.atom$/);
  const feedType = await page.evaluate(async (href) => (await fetch(href)).headers.get('content-type'), feed);
  assert.match(feedType ?? '', /^application\/atom\+xml/);

  const root = page.locator('#soundoff');
  await root.locator('#so-author').fill('Browser test');
  await root.locator('#so-body').fill('Posted through the widget 😉');
  await root.locator('.so-submit').click();
  await waitFor(page, () => /posted|awaits/.test(document.querySelector('#soundoff').shadowRoot.querySelector('.so-form-status').textContent));
  const status = await root.locator('.so-form-status').textContent();
  const ids = (await renderedComments(page)).map((c) => c.id);
  assert.equal(ids.length, 16, status);
  assert.match(ids.at(-1), /^comment-\d+$/);
  if (status === 'Your comment was posted.') {
    const count = await page.evaluate(async () => (await (await fetch('/api/threads/' + document.querySelector('script[data-soundoff-thread]').dataset.soundoffThread + '/count')).json()).count);
    assert.equal(count, 16);
  }
  await page.context().close();
});

test('without JavaScript the demo page shows the server-rendered first page, escaped, laid out by the widget stylesheet', { skip: skip ?? false }, async () => {
  const page = await openPage(browser, { javaScriptEnabled: false });
  await page.goto(`${server.origin}/demo`);
  const ssr = page.locator('#soundoff > .soundoff-ssr');
  assert.equal(await ssr.locator('article.so-comment').count(), 15);
  assert.equal(await ssr.locator('h2').textContent(), 'soundoff (15 Responses)');
  assert.equal(await ssr.locator('article.so-comment .so-author').first().textContent(), 'banasy©');
  // The widget's stylesheet, scoped to the server's markup, applies: lists unstyled, replies indented.
  const listStyle = await ssr.locator('ol.so-list').evaluate((e) => getComputedStyle(e).listStyleType);
  assert.equal(listStyle, 'none');
  assert.equal(await page.locator('#soundoff').evaluate((e) => e.shadowRoot), null, 'no script ran');
  await page.context().close();
});

test('the widget takes the server-rendered page over where it stands: same place, one copy of each comment', { skip: skip ?? false }, async () => {
  // The server's page alone (the widget script blocked) ...
  const still = await openPage(browser);
  await still.route('**/soundoff.js', (route) => route.abort());
  await still.goto(`${server.origin}/demo`);
  const serverBox = await still.locator('#soundoff > .soundoff-ssr article.so-comment').first().boundingBox();
  await still.context().close();
  // ... and the widget's own page once it is up.
  const page = await openPage(browser);
  await page.goto(`${server.origin}/demo`);
  await waitForWidget(page);
  const state = await page.evaluate(() => {
    const host = document.querySelector('#soundoff');
    const first = host.shadowRoot.querySelector('article.so-comment');
    const box = first.getBoundingClientRect();
    return {
      lightCopies: host.querySelectorAll(':scope > .soundoff-ssr').length,
      slots: host.shadowRoot.querySelectorAll('slot').length,
      sectionHidden: host.shadowRoot.querySelector('section.so').hidden,
      id: first.id,
      x: box.x,
      y: box.y,
    };
  });
  assert.equal(state.lightCopies, 0, 'the server copy is gone');
  assert.equal(state.slots, 0);
  assert.equal(state.sectionHidden, false);
  assert.equal(state.id, 'comment-1');
  assert.ok(Math.abs(state.y - serverBox.y) <= 2, `first comment moved from y=${serverBox.y} to y=${state.y}`);
  assert.ok(Math.abs(state.x - serverBox.x) <= 2, `first comment moved from x=${serverBox.x} to x=${state.x}`);
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('a reader signed in with the site token posts under the account; signed out, the name is reserved', { skip: skip ?? false }, async () => {
  const page = await openPage(browser);
  await page.goto(`${server.origin}/demo/sso-thread`);
  await waitForWidget(page);
  const root = page.locator('#soundoff');
  const post = async (name, body) => {
    await page.evaluate(() => (document.querySelector('#soundoff').shadowRoot.querySelector('.so-form-status').textContent = ''));
    await root.locator('#so-author').fill(name);
    await root.locator('#so-body').fill(body);
    await root.locator('.so-submit').click();
    await waitFor(page, () => document.querySelector('#soundoff').shadowRoot.querySelector('.so-form-status').textContent !== '');
    return root.locator('.so-form-status').textContent();
  };
  // The embedding site signs its reader in on the auto-mounted widget (window.SoundoffWidget.widget).
  await page.evaluate((token) => window.SoundoffWidget.widget.setUser(token), siteToken({ sub: 'reader-42', name: 'Reader Rita' }));
  const posted = await post('Someone Else', 'Posted while signed in');
  assert.match(posted, /posted|awaits/, posted);
  await waitFor(page, () => document.querySelector('#soundoff').shadowRoot.querySelectorAll('article.so-comment[id]').length === 1);
  const comments = await renderedComments(page);
  assert.equal(comments.at(-1).author, 'Reader Rita', 'the account name, not the form field');
  // Signed out, the account's name (in another spelling) is refused with the server's reason.
  await page.evaluate(() => window.SoundoffWidget.widget.setUser(null));
  const refused = await post('reader RITA', 'Pretending to be Rita');
  assert.match(refused, /belongs to a signed-in account/, refused);
  assert.equal((await renderedComments(page)).length, 1);
  await page.context().close();
});

test('the demo page\'s "log in as a reader" switch signs the widget in, survives a reload, and logs out', { skip: skip ?? false }, async () => {
  const page = await openPage(browser);
  await page.goto(`${server.origin}/demo/demo-login-thread`);
  await waitForWidget(page);
  const form = page.locator('#demo-login');
  assert.equal(await form.isVisible(), true, 'the script shows the switch');
  assert.equal(await page.locator('#demo-login-status').textContent(), 'Not signed in');
  await form.locator('input[name=name]').fill('Demo Dora');
  await form.locator('button[type=submit]').click();
  await waitFor(page, () => document.getElementById('demo-login-status').textContent.startsWith('Signed in'));
  assert.equal(await page.locator('#demo-login-status').textContent(), 'Signed in as Demo Dora');
  assert.deepEqual(await axeViolations(page), [], 'the demo page with its switch and the widget');

  // After a reload the sign-in is still there (sessionStorage) and the widget posts as the account.
  await page.reload();
  await waitForWidget(page);
  assert.equal(await page.locator('#demo-login-status').textContent(), 'Signed in as Demo Dora');
  const root = page.locator('#soundoff');
  await root.locator('#so-author').fill('Typed Name');
  await root.locator('#so-body').fill('Posted through the demo sign-in');
  await root.locator('.so-submit').click();
  // The stored comment (with its id) replaces the provisional one, which shows what the form said.
  await waitFor(page, () => document.querySelector('#soundoff').shadowRoot.querySelectorAll('article.so-comment[id]').length === 1);
  assert.equal((await renderedComments(page)).at(-1).author, 'Demo Dora');

  // Logged out, the name is the demo account's: the widget shows the server's refusal.
  await page.locator('#demo-logout').click();
  assert.equal(await page.locator('#demo-login-status').textContent(), 'Not signed in');
  await page.evaluate(() => (document.querySelector('#soundoff').shadowRoot.querySelector('.so-form-status').textContent = ''));
  await root.locator('#so-author').fill('demo dora');
  await root.locator('#so-body').fill('Pretending to be Dora');
  await root.locator('.so-submit').click();
  await waitFor(page, () => document.querySelector('#soundoff').shadowRoot.querySelector('.so-form-status').textContent !== '');
  assert.match(await root.locator('.so-form-status').textContent(), /belongs to a signed-in account/);
  // No script error (the console's resource lines are the 409 above and the favicon's 404).
  assert.deepEqual(page.errors.filter((e) => !e.startsWith('Failed to load resource')), []);
  await page.context().close();
});

test('a reader signed in as staff through the demo page posts with a "Staff" badge', { skip: skip ?? false }, async () => {
  const page = await openPage(browser);
  await page.goto(`${server.origin}/demo/staff-badge-thread`);
  await waitForWidget(page);
  const form = page.locator('#demo-login');
  await form.locator('input[name=name]').fill('Editor Erin');
  await form.locator('input[name=staff]').check();
  await form.locator('button[type=submit]').click();
  await waitFor(page, () => document.getElementById('demo-login-status').textContent.startsWith('Signed in'));
  assert.equal(await page.locator('#demo-login-status').textContent(), 'Signed in as Editor Erin (staff)');

  const root = page.locator('#soundoff');
  await root.locator('#so-author').fill('Typed Name'); // the account's name wins
  await root.locator('#so-body').fill('A note from the newsroom');
  await root.locator('.so-submit').click();
  await waitFor(page, () => document.querySelector('#soundoff').shadowRoot.querySelectorAll('article.so-comment[id]').length === 1);
  const badgeOf = () => page.evaluate(() => {
    const badge = document.querySelector('#soundoff').shadowRoot.querySelector('article.so-comment[id] .so-account-badge');
    return badge && { text: badge.textContent, title: badge.title, html: badge.innerHTML };
  });
  // At once, from the POST's answer: the server decided it from the token.
  assert.deepEqual(await badgeOf(), { text: 'Staff', title: 'Staff', html: 'Staff' });
  assert.equal((await renderedComments(page)).at(-1).author, 'Editor Erin');
  // (Held for review on this new thread: the pending comment's tint must keep its text readable too.)
  assert.deepEqual(await axeViolations(page), [], 'the widget with a staff badge');

  assert.deepEqual(page.errors.filter((e) => !e.startsWith('Failed to load resource')), []);
  await page.context().close();
});
