// API mode against a stand-in server with the documented routes and shapes
// (support/mock-api.mjs): rendering with votes, posting (optimistic insert,
// field errors, 429), "N new comments", reports, and the count script.
import assert from 'node:assert/strict';
import { after, before, beforeEach, test } from 'node:test';

import { readFixtureJson } from '../support/paths.mjs';
import { launch, openPage, renderedComments, waitFor, waitForWidget } from './support/browser.mjs';
import { mockApi } from './support/mock-api.mjs';
import { articlePage, startServer } from './support/server.mjs';

let server;
let browser;
let api;
const thread = 'russia-calls';
before(async () => {
  server = await startServer();
  browser = await launch();
});
beforeEach(async () => {
  server = server && (await server.close(), await startServer());
  api = await mockApi(server, { thread, comments: readFixtureJson('seed-thread.json').comments });
});
after(async () => {
  await browser?.close();
  await server?.close();
});

const attributes = { api: '', thread, poll: 0 };
const text = (page, selector) => page.evaluate((s) => document.querySelector('#soundoff').shadowRoot.querySelector(s)?.textContent ?? null, selector);
const root = (page) => page.locator('#soundoff');

async function open(extra = {}, options = {}) {
  const page = await openPage(browser, options);
  await page.goto(server.route('/api.html', articlePage({ attributes: { ...attributes, ...extra } })));
  await waitForWidget(page);
  return page;
}

test('API mode renders the server page with votes and the header count', async () => {
  const page = await open();
  assert.equal((await renderedComments(page)).length, 15);
  assert.equal(await text(page, 'h2'), 'soundoff (15 Responses)');
  assert.equal(await page.locator('#soundoff article .so-vote').count(), 30);
  assert.equal(await root(page).locator('.so-submit').isDisabled(), false);
  await page.context().close();
});

test('posting inserts the comment at once and confirms it with its server id', async () => {
  const page = await open();
  await root(page).getByLabel('Name').fill('Reader');
  await root(page).getByLabel('Comment', { exact: true }).fill('A new thought 😉 on http://example.org');
  await root(page).getByRole('button', { name: 'Post comment' }).click();
  await waitFor(page, () => document.querySelector('#soundoff').shadowRoot.getElementById('comment-1000') !== null);
  const posted = await page.evaluate(() => {
    const r = document.querySelector('#soundoff').shadowRoot;
    const a = r.getElementById('comment-1000');
    return { body: a.querySelector('.so-body').textContent, pending: a.classList.contains('so-pending'), link: a.querySelector('.so-body a')?.rel, status: r.querySelector('.so-form-status').textContent, heading: r.querySelector('h2').textContent };
  });
  assert.deepEqual(posted, { body: 'A new thought 😉 on http://example.org', pending: false, link: 'nofollow ugc noopener', status: 'Your comment was posted.', heading: 'soundoff (16 Responses)' });
  assert.deepEqual(api.state.posts, [{ author: 'Reader', body: 'A new thought 😉 on http://example.org' }]);
  await page.context().close();
});

test('a reply is posted with its parent and shown below it; held comments say so', async () => {
  api.state.hold = true;
  const page = await open();
  await root(page).locator('#comment-3 .so-reply').click();
  assert.equal(await text(page, '.so-replying span'), 'Replying to Mary');
  assert.equal(await page.evaluate(() => document.querySelector('#soundoff').shadowRoot.activeElement?.id), 'so-body');
  await root(page).getByLabel('Name').fill('Replier');
  await root(page).getByLabel('Comment', { exact: true }).fill('@Mary indeed');
  await root(page).getByRole('button', { name: 'Post comment' }).click();
  await waitFor(page, () => document.querySelector('#soundoff').shadowRoot.getElementById('comment-1000') !== null);
  const reply = await page.evaluate(() => {
    const a = document.querySelector('#soundoff').shadowRoot.getElementById('comment-1000');
    return { under: a.closest('.so-children')?.parentNode.querySelector('article').id, badge: a.querySelector('.so-badge')?.textContent, mention: a.querySelector('.so-mention')?.getAttribute('href') };
  });
  // Mary's latest comment before the reply is number 10.
  assert.deepEqual(reply, { under: 'comment-3', badge: 'Awaiting moderation', mention: '#comment-10' });
  assert.equal(api.state.posts[0].parent, '3');
  assert.equal(await text(page, '.so-form-status'), 'Your comment was received and awaits moderation.');
  await page.context().close();
});

test('errors: empty fields stop locally, server field errors and 429 are explained', async () => {
  const page = await open();
  const submit = () => root(page).getByRole('button', { name: 'Post comment' }).click();
  await submit();
  assert.equal(await text(page, '#so-author-error'), 'Please fill in this field.');
  assert.equal(await text(page, '#so-body-error'), 'Please fill in this field.');
  assert.equal(await page.evaluate(() => document.querySelector('#soundoff').shadowRoot.activeElement?.id), 'so-author');
  assert.equal(api.state.posts.length, 0);

  await root(page).getByLabel('Name').fill('Reader');
  await root(page).getByLabel('Comment', { exact: true }).fill('this is forbidden here');
  await submit();
  await waitFor(page, () => document.querySelector('#soundoff').shadowRoot.querySelector('#so-body-error')?.textContent !== '');
  assert.equal(await text(page, '#so-body-error'), 'body contains a control character');
  assert.equal(await page.locator('#soundoff #so-body[aria-invalid="true"]').count(), 1);
  assert.equal(await page.locator('#soundoff article.so-pending').count(), 0, 'the optimistic comment was taken back');

  api.state.rateLimitNext = 1;
  await root(page).getByLabel('Comment', { exact: true }).fill('fine text');
  await submit();
  await waitFor(page, () => /Try again/.test(document.querySelector('#soundoff').shadowRoot.querySelector('.so-form-status')?.textContent));
  assert.equal(await text(page, '.so-form-status'), 'Too many comments. Try again in 7 seconds.');
  assert.equal((await renderedComments(page)).length, 15);
  await page.context().close();
});

test('new comments are announced and shown only on request, without moving the page', async () => {
  const page = await open();
  api.add({ author: 'Late', body: 'late one' });
  api.add({ author: 'Later', body: 'later one' });
  await page.evaluate(() => window.SoundoffWidget.widget.checkNow());
  await waitFor(page, () => !document.querySelector('#soundoff').shadowRoot.querySelector('.so-new-comments').hidden);
  assert.equal(await text(page, '.so-new-comments'), '2 new comments');
  assert.equal((await renderedComments(page)).length, 15, 'nothing was inserted yet');
  await waitFor(page, () => document.querySelector('#soundoff').shadowRoot.querySelector('[aria-live]').textContent === '2 new comments');
  await root(page).getByRole('button', { name: '2 new comments' }).click();
  await waitFor(page, () => document.querySelector('#soundoff').shadowRoot.querySelectorAll('article.so-new').length === 2);
  assert.equal((await renderedComments(page)).length, 17);
  assert.equal(await text(page, 'h2'), 'soundoff (17 Responses)');
  await page.context().close();
});

test('votes and reports go to the server once', async () => {
  const page = await open();
  const up = root(page).locator('#comment-1 .so-vote').first();
  await up.click();
  await waitFor(page, () => document.querySelector('#soundoff').shadowRoot.querySelector('#comment-1 .so-vote')?.getAttribute('aria-pressed') === 'true');
  assert.equal(await text(page, '#comment-1 .so-count'), '1');
  await up.click();
  await waitFor(page, () => document.querySelector('#soundoff').shadowRoot.querySelector('[aria-live]').textContent === 'You have already voted on this comment.');
  await root(page).locator('#comment-2 .so-report').click();
  await waitFor(page, () => document.querySelector('#soundoff').shadowRoot.querySelector('[aria-live]').textContent === 'Reported. Thank you.');
  assert.ok(api.state.reports.has('2'));
  await page.context().close();
});

test('count.js fills count elements and #soundoff links', async () => {
  const page = await openPage(browser);
  const html = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>List</title></head><body>
<a id="link" href="/articles/x#soundoff" data-soundoff-thread="${thread}">comments</a>
<span id="span" data-soundoff-count="${thread}" data-soundoff-count-format="number"></span>
<span id="none" data-soundoff-count="other"></span>
<span id="static" data-soundoff-count-src="/fixtures/seed-thread.json"></span>
<script src="/dist/count.js" data-soundoff-api="" async></script></body></html>`;
  await page.goto(server.route('/list.html', html));
  await waitFor(page, () => document.querySelectorAll('[data-soundoff-counted]').length === 4);
  const counts = await page.evaluate(() => ['link', 'span', 'none', 'static'].map((id) => document.getElementById(id).textContent));
  assert.deepEqual(counts, ['15 Responses', '15', '0 Responses', '15 Responses']);
  await page.context().close();
});

test("API mode: the pre-check uses the server's published policy (/api/spam-policy)", async () => {
  api.state.spamPolicy = { links: { hold_at: 1 }, weights: { content_model: 0, link_only: 0 } };
  const page = await open();
  await root(page).locator('#so-author').fill('Reader');
  await root(page).locator('#so-body').fill('The transcript is here: https://a.example/transcript');
  await waitFor(page, () => document.querySelector('#soundoff').shadowRoot.querySelector('.so-check li[data-code="link_limit"]') !== null);
  assert.equal(await text(page, '.so-check li'), '1 link: will be held for moderation.');
  assert.ok(server.requests.includes('/api/spam-policy'));
  await page.context().close();
});
