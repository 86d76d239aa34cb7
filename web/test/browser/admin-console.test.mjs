// The moderation console (dist/admin.js) against a stand-in for the desk API
// (support/mock-desk.mjs, the shapes of docs/moderation-api.md) under the
// /admin page's CSP: sign-in, queues with paging and filters, every action,
// bulk, the ban dialog, bans, threads, policy errors, the keyboard path,
// en/de, and axe-core on every view in light and dark. The same console
// against the real server: admin-server.test.mjs.
import assert from 'node:assert/strict';
import { after, before, beforeEach, test } from 'node:test';

import { axeViolations } from './support/axe.mjs';
import { launch, openPage, waitFor } from './support/browser.mjs';
import { deskComments, mockDesk } from './support/mock-desk.mjs';
import { startServer } from './support/server.mjs';

let server;
let browser;
let desk;
before(async () => {
  browser = await launch();
});
beforeEach(async () => {
  await server?.close();
  server = await startServer();
  desk = mockDesk(server, { comments: deskComments(130) });
});
after(async () => {
  await browser?.close();
  await server?.close();
});

const queueLoaded = (page) => waitFor(page, () => document.querySelector('ol.items')?.getAttribute('aria-busy') === 'false');
const shownIds = (page) => page.evaluate(() => [...document.querySelectorAll('ol.items article')].map((a) => a.dataset.id));
const statusText = (page) => page.evaluate(() => document.querySelector('.status')?.textContent ?? '');

async function signIn(page, { name = 'admin', password = 'admin-password', path = '/admin' } = {}) {
  await page.goto(`${server.origin}${path}`);
  await page.getByLabel('Name').fill(name);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await waitFor(page, () => document.querySelector('nav') !== null);
}

async function open(options = {}, signInOptions = {}) {
  const page = await openPage(browser, options);
  await signIn(page, signInOptions);
  await queueLoaded(page);
  return page;
}

// HTTP errors the tests cause on purpose (401 before signing in, 400 for a bad policy) are logged by Chromium as
// "Failed to load resource"; everything else (page errors, CSP refusals) fails the test.
async function done(page) {
  assert.deepEqual(page.errors.filter((e) => !/^Failed to load resource: the server responded with a status of 4\d\d/.test(e)), [],
    'no page errors and no CSP violations');
  await page.context().close();
}

test('a wrong password is refused in words; the right one shows the held queue newest first with counts', async () => {
  const page = await openPage(browser);
  await page.goto(`${server.origin}/admin`);
  await page.getByLabel('Name').fill('admin');
  await page.getByLabel('Password').fill('wrong');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await waitFor(page, () => document.querySelector('.login .error')?.textContent === 'Wrong name or password.');
  await page.getByLabel('Password').fill('admin-password');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await queueLoaded(page);
  const ids = await shownIds(page);
  assert.equal(ids.length, 50, 'one page of 50');
  assert.deepEqual(ids.slice(0, 3), ['129', '128', '127']);
  // The author's account badge, as readers see it; a value the server never sends shows nothing.
  const badges = await page.evaluate(() => ['129', '128', '127'].map((id) => document.querySelector(`article[data-id="${id}"] .badge.account`)?.textContent ?? null));
  assert.deepEqual(badges, ['Staff', 'Verified', null]);
  assert.deepEqual(ids.map(Number), [...ids.map(Number)].sort((a, b) => b - a));
  const expected = desk.comments.filter((c) => c.status === 'pending' && !c.reasons.includes('reported')).length;
  await waitFor(page, (n) => document.querySelector('a[href="#/queue/held"]')?.getAttribute('aria-label') === `Held, ${n}`, expected);
  assert.equal(await page.locator('a[href="#/queue/held"]').getAttribute('aria-current'), 'page');
  assert.match(await page.locator('.who').textContent(), /Signed in as admin \(admin\)/);
  await done(page);
});

test('"Load more" pages by cursor to the end; filters go to the server and narrow the queue', async () => {
  const page = await open();
  const total = desk.comments.filter((c) => c.status === 'pending' && !c.reasons.includes('reported')).length;
  const more = page.getByRole('button', { name: 'Load more' });
  while (await more.isVisible()) {
    const before = (await shownIds(page)).length;
    await more.click();
    await waitFor(page, (n) => document.querySelectorAll('ol.items article').length > n, before);
  }
  const ids = await shownIds(page);
  assert.equal(ids.length, total);
  assert.equal(new Set(ids).size, total, 'no comment twice');

  await page.getByLabel('Author').fill('reader 1');
  await page.getByLabel('Text').fill('body');
  await page.getByRole('button', { name: 'Filter' }).click();
  await waitFor(page, () => {
    const authors = [...document.querySelectorAll('ol.items .author')];
    return document.querySelector('ol.items').getAttribute('aria-busy') === 'false' && authors.length > 0 && authors.every((a) => a.textContent === 'Reader 1');
  });
  const filtered = await shownIds(page);
  assert.ok(filtered.length > 0 && filtered.length < total);
  await page.getByRole('button', { name: 'Clear' }).click();
  await waitFor(page, () => document.querySelectorAll('ol.items article').length === 50);
  await done(page);
});

test('hostile text is text: bodies, authors and excerpts never become markup; a javascript: permalink is no link', async () => {
  const page = await open();
  await page.goto(`${server.origin}/admin#/queue/recent`);
  await queueLoaded(page);
  await page.getByLabel('Text').fill('script');
  await page.getByRole('button', { name: 'Filter' }).click();
  await waitFor(page, () => document.querySelectorAll('ol.items article').length === 1);
  const seen = await page.evaluate(() => ({
    body: document.querySelector('ol.items .body').textContent,
    scripts: document.querySelectorAll('main script, main img, main svg').length,
    hrefs: [...document.querySelectorAll('main a[href]')].map((a) => a.getAttribute('href')),
  }));
  assert.equal(seen.body, '<script>alert(1)</script> see http://spam.example');
  assert.equal(seen.scripts, 0);
  assert.deepEqual(seen.hrefs, ['/demo/article-1#comment-3']);
  await page.getByRole('button', { name: 'Clear' }).click();
  await queueLoaded(page);
  const item4 = page.locator('article[data-id="124"]');
  await waitFor(page, () => document.querySelector('article[data-id="124"]') !== null);
  assert.equal(await item4.locator('a.permalink').count(), 0, 'javascript: is never a link');
  assert.equal(await page.evaluate(() => document.querySelectorAll('main img').length), 0, 'the <img> author is text');
  await done(page);
});

test('approve, reject, delete, pin and edit send the session CSRF token; the item leaves a queue it no longer belongs to', async () => {
  const page = await open();
  const csrf = [...desk.sessions.values()][0].csrf;
  await page.getByRole('button', { name: 'Approve: comment 129' }).click();
  await waitFor(page, () => !document.querySelector('article[data-id="129"]'));
  assert.equal(desk.comments.find((c) => c.id === '129').status, 'published');
  assert.equal(await statusText(page), 'Comment 129 approved.');
  assert.equal(await page.evaluate(() => document.activeElement?.closest('article')?.dataset.id), '128', 'focus moves on to the next comment');

  await page.getByRole('button', { name: 'Reject: comment 128' }).click();
  await waitFor(page, () => !document.querySelector('article[data-id="128"]'));
  assert.equal(desk.comments.find((c) => c.id === '128').status, 'spam');

  await page.getByRole('button', { name: 'Pin: comment 127' }).click();
  await waitFor(page, () => document.querySelector('article[data-id="127"] .badge.pinned')?.textContent === 'Pinned');
  await page.getByRole('button', { name: 'Unpin: comment 127' }).click();
  await waitFor(page, () => !document.querySelector('article[data-id="127"] .badge.pinned'));

  await page.getByRole('button', { name: 'Edit: comment 127' }).click();
  const editor = page.getByLabel('Edit the body of comment 127');
  await editor.fill('A cleaned-up body');
  await page.getByRole('button', { name: 'Save' }).click();
  await waitFor(page, () => document.querySelector('article[data-id="127"] .body')?.textContent === 'A cleaned-up body');
  assert.match(await page.locator('article[data-id="127"] .badge.edited').textContent(), /^edited /);

  await page.getByRole('button', { name: 'Delete: comment 127' }).click();
  await waitFor(page, () => !document.querySelector('article[data-id="127"]'));
  assert.equal(desk.comments.find((c) => c.id === '127').status, 'deleted');

  const actions = desk.posts.filter((p) => p.path.startsWith('comments/'));
  assert.equal(actions.length, 6);
  for (const p of actions) {
    assert.equal(p.csrf, csrf, `${p.path} carries X-CSRF-Token`);
    assert.equal(p.type, 'application/json');
  }
  await done(page);
});

test('erase asks first: cancel keeps the comment, confirm erases it', async () => {
  const page = await open();
  await page.getByRole('button', { name: 'Erase: comment 129' }).click();
  const dialog = page.getByRole('dialog', { name: 'Confirm' });
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  assert.ok(desk.comments.some((c) => c.id === '129'));
  assert.equal(await page.evaluate(() => document.activeElement?.getAttribute('aria-label')), 'Erase: comment 129', 'focus returns');
  await page.getByRole('button', { name: 'Erase: comment 129' }).click();
  await page.getByRole('dialog', { name: 'Confirm' }).getByRole('button', { name: 'Erase' }).click();
  await waitFor(page, () => !document.querySelector('article[data-id="129"]'));
  assert.ok(!desk.comments.some((c) => c.id === '129'));
  await done(page);
});

test('bulk: select all shown and reject them in one request; x selects one from the keyboard', async () => {
  const page = await open();
  await page.getByLabel('Select all shown').check();
  assert.equal(await page.locator('.selected').textContent(), '50 selected');
  await page.getByLabel('Action for selected').selectOption('reject');
  await page.getByRole('button', { name: 'Apply to selected' }).click();
  await waitFor(page, () => /^Done: 50 succeeded, 0 failed\.$/.test(document.querySelector('.status').textContent));
  const bulk = desk.posts.find((p) => p.path === 'comments/bulk');
  assert.equal(bulk.body.action, 'reject');
  assert.equal(bulk.body.ids.length, 50);
  await queueLoaded(page);
  const rest = await shownIds(page);
  assert.ok(rest.every((id) => !bulk.body.ids.includes(id)), 'the rejected ones left the held queue');

  await page.keyboard.press('j');
  await page.keyboard.press('x');
  await page.keyboard.press('j');
  await page.keyboard.press('x');
  assert.equal(await page.locator('.selected').textContent(), '2 selected');
  await page.getByLabel('Action for selected').selectOption('erase');
  await page.getByRole('button', { name: 'Apply to selected' }).click();
  await page.getByRole('dialog', { name: 'Confirm' }).getByRole('button', { name: 'Erase' }).click();
  await waitFor(page, () => /^Done: 2 succeeded/.test(document.querySelector('.status').textContent));
  assert.deepEqual(desk.posts.filter((p) => p.path === 'comments/bulk').at(-1).body, { action: 'erase', ids: rest.slice(0, 2) });
  await done(page);
});

test('keyboard only: j/k move, a approves, r rejects, ? shows the help, Tab and Enter reach every action', async () => {
  const page = await open();
  const focusedId = () => page.evaluate(() => document.activeElement?.closest('article')?.dataset.id ?? null);
  await page.keyboard.press('j');
  assert.equal(await focusedId(), '129');
  await page.keyboard.press('j');
  await page.keyboard.press('j');
  await page.keyboard.press('k');
  assert.equal(await focusedId(), '128');
  await page.keyboard.press('a');
  await waitFor(page, () => !document.querySelector('article[data-id="128"]'));
  assert.equal(await focusedId(), '127', 'focus stays in the list for the next key');
  await page.keyboard.press('r');
  await waitFor(page, () => !document.querySelector('article[data-id="127"]'));
  assert.deepEqual([desk.comments.find((c) => c.id === '128').status, desk.comments.find((c) => c.id === '127').status], ['published', 'spam']);

  await page.keyboard.press('?');
  const help = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
  assert.match(await help.textContent(), /approve the current comment/);
  await page.keyboard.press('Escape');
  assert.equal(await help.count(), 0);

  // Tab from the focused comment through its controls to "Approve", then Enter.
  const current = await focusedId();
  let label = null;
  for (let i = 0; i < 6 && label !== `Approve: comment ${current}`; i++) {
    await page.keyboard.press('Tab');
    label = await page.evaluate(() => document.activeElement?.getAttribute('aria-label'));
  }
  assert.equal(label, `Approve: comment ${current}`);
  const outline = await page.evaluate(() => getComputedStyle(document.activeElement).outlineStyle);
  assert.equal(outline, 'solid', 'the focused button shows a visible outline');
  await page.keyboard.press('Enter');
  await waitFor(page, (id) => !document.querySelector(`article[data-id="${id}"]`), current);
  assert.equal(desk.comments.find((c) => c.id === current).status, 'published');
  await done(page);
});

test('the ban dialog is prefilled from the comment; the ban is listed and can be lifted', async () => {
  const page = await open();
  const comment = desk.comments.find((c) => c.id === '129');
  await page.getByRole('button', { name: 'Ban…: comment 129' }).click();
  const dialog = page.getByRole('dialog', { name: 'Ban' });
  assert.equal(await dialog.getByLabel('Value').inputValue(), comment.author);
  await dialog.getByLabel('Ban by').selectOption('network');
  assert.equal(await dialog.getByLabel('Value').inputValue(), '203.0.113.0/24');
  await dialog.getByLabel('Ban by').selectOption('address');
  assert.equal(await dialog.getByLabel('Value').inputValue(), comment.ip);
  await dialog.getByLabel('Ban by').selectOption('email');
  await dialog.getByLabel('Reason').fill('link spam');
  await dialog.getByLabel('Expires (empty: never)').fill('2027-01-31T12:00');
  await dialog.getByLabel(/Shadow ban/).check();
  await dialog.getByRole('button', { name: 'Add ban' }).click();
  await waitFor(page, () => !document.querySelector('dialog'));
  const posted = desk.posts.find((p) => p.path === 'bans').body;
  assert.deepEqual({ ...posted, expires: typeof posted.expires }, { kind: 'email', value: comment.email, reason: 'link spam', expires: 'string', shadow: true });
  assert.ok(!Number.isNaN(Date.parse(posted.expires)));

  await page.getByRole('link', { name: 'Bans' }).click();
  await waitFor(page, () => document.querySelector('main table') !== null);
  assert.match(await page.locator('main table').textContent(), new RegExp(comment.email.replace('.', '\\.')));
  await page.getByRole('button', { name: 'Lift ban 1' }).click();
  await waitFor(page, () => document.querySelector('main')?.textContent.includes('No bans.'));
  assert.equal(desk.bans.length, 0);
  await done(page);
});

test('threads: close, reopen and register; the audit log lists what was done', async () => {
  const page = await open();
  await page.getByRole('link', { name: 'Threads' }).click();
  await waitFor(page, () => document.querySelector('main table') !== null);
  await page.getByRole('button', { name: 'Close thread article-1' }).click();
  await waitFor(page, () => document.querySelector('button[aria-label="Reopen thread article-1"]') !== null);
  assert.equal(desk.threads.find((x) => x.key === 'article-1').state, 'closed');
  await page.getByRole('button', { name: 'Reopen thread article-2' }).click();
  await waitFor(page, () => document.querySelector('button[aria-label="Close thread article-2"]') !== null);
  await page.getByLabel('Key', { exact: true }).fill('article-3');
  await page.getByLabel('Title').fill('Article three');
  await page.getByRole('button', { name: 'Register' }).click();
  await waitFor(page, () => document.querySelector('main table')?.textContent.includes('article-3'));
  assert.deepEqual(desk.posts.find((p) => p.path === 'threads').body, { key: 'article-3', title: 'Article three', url: '' });

  await page.getByRole('link', { name: 'Audit log' }).click();
  // Read in the same evaluation that sees the three rows: the list may be redrawn between two calls.
  const actions = await waitFor(page, () => {
    const rows = [...document.querySelectorAll('main tbody tr')];
    return rows.length === 3 && rows.map((r) => r.cells[4].textContent);
  });
  assert.deepEqual(actions, ['thread.register', 'thread.reopen', 'thread.close']);
  await done(page);
});

test('policy: the server\'s validation error is shown; a valid policy is saved; a moderator has no policy view', async () => {
  const page = await open();
  await page.getByRole('link', { name: 'Spam policy' }).click();
  const text = page.getByLabel(/Policy \(JSON/);
  await waitFor(page, () => document.querySelector('#policy-json')?.value.includes('threshold'));
  await text.fill('{"weights": {');
  await page.getByRole('button', { name: 'Save' }).click();
  assert.match(await page.locator('#policy-error').textContent(), /^Not valid JSON: /);
  await text.fill('{"threshold": 0.5, "weights": {"nope": 1}}');
  await page.getByRole('button', { name: 'Save' }).click();
  await waitFor(page, () => document.querySelector('#policy-error').textContent === 'Failed: weights.nope: not a spam reason code');
  assert.equal(await text.getAttribute('aria-invalid'), 'true');
  await text.fill('{"threshold": 0.7, "weights": {"links": 0.2}}');
  await page.getByRole('button', { name: 'Save' }).click();
  await waitFor(page, () => document.querySelector('.meta')?.textContent.startsWith('Source: database'));
  assert.deepEqual(desk.policy, { threshold: 0.7, weights: { links: 0.2 } });
  await done(page);

  const mod = await open({}, { name: 'mod', password: 'mod-password' });
  assert.equal(await mod.getByRole('link', { name: 'Spam policy' }).count(), 0);
  await mod.goto(`${server.origin}/admin#/policy`);
  await waitFor(mod, () => document.querySelector('main p')?.textContent === 'Only admins can change the spam policy.');
  await done(mod);
});

test('German by ?lang=de or the browser language; signing out returns to the form', async () => {
  const de = await openPage(browser);
  await de.goto(`${server.origin}/admin?lang=de`);
  await de.getByLabel('Name').fill('admin');
  await de.getByLabel('Passwort').fill('admin-password');
  await de.getByRole('button', { name: 'Anmelden' }).click();
  await queueLoaded(de);
  assert.equal(await de.evaluate(() => document.documentElement.lang), 'de');
  assert.equal(await de.locator('h1').textContent(), 'Zurückgehalten');
  assert.ok(await de.getByRole('button', { name: 'Freigeben: Kommentar 129' }).isVisible());
  await de.getByRole('button', { name: 'Abmelden' }).click();
  await waitFor(de, () => document.querySelector('form.login') !== null);
  await done(de);

  const browserDe = await openPage(browser, { locale: 'de-DE' });
  await browserDe.goto(`${server.origin}/admin`);
  await waitFor(browserDe, () => document.querySelector('h1')?.textContent === 'Zum Moderieren anmelden');
  await done(browserDe);
});

test('axe-core finds no violations on any console view, light and dark, dialogs included', async () => {
  for (const colorScheme of ['light', 'dark']) {
    const page = await openPage(browser, { colorScheme });
    await page.goto(`${server.origin}/admin`);
    await waitFor(page, () => document.querySelector('form.login') !== null);
    assert.deepEqual(await axeViolations(page), [], `${colorScheme}: sign-in`);
    await page.getByLabel('Name').fill('admin');
    await page.getByLabel('Password').fill('admin-password');
    await page.getByRole('button', { name: 'Sign in' }).click();
    for (const view of ['queue/held', 'queue/reported', 'queue/spam', 'queue/recent', 'bans', 'threads', 'policy', 'audit']) {
      await page.goto(`${server.origin}/admin#/${view}`);
      await waitFor(page, () => document.querySelector('main h1') !== null && document.querySelector('[aria-busy="true"]') === null);
      await waitFor(page, () => document.querySelector('main table, main .items article, main textarea, main .note p, main .table-box p') !== null);
      assert.deepEqual(await axeViolations(page), [], `${colorScheme}: ${view}`);
    }
    await page.goto(`${server.origin}/admin#/queue/held`);
    await queueLoaded(page);
    await page.getByRole('button', { name: 'Ban…: comment 129' }).click();
    assert.deepEqual(await axeViolations(page), [], `${colorScheme}: ban dialog`);
    await page.keyboard.press('Escape');
    await page.getByRole('button', { name: 'Keyboard shortcuts (?)' }).click();
    assert.deepEqual(await axeViolations(page), [], `${colorScheme}: help`);
    await done(page);
  }
});
