// Own comments in the widget against the real server (issue 21): a post
// keeps its edit key in localStorage, so after a reload the author still
// sees Edit and Delete, edits in place and sees "edited"; deleting removes
// the comment, or leaves the tombstone ("Comment deleted.") when replied to.
import assert from 'node:assert/strict';
import { test } from 'node:test';

import { openPage, readerBrowser as reader, renderedComments, waitFor, waitForWidget } from './support/browser.mjs';
import { serverAndBrowserForFile, whyNoServer } from './support/soundoff-serve.mjs';

const skip = whyNoServer();
const env = serverAndBrowserForFile(skip, 'soundoff-own-');
const shadowText = (selector) => document.querySelector('#soundoff').shadowRoot.querySelector(selector)?.textContent ?? '';

async function post(page, name, body) {
  const root = page.locator('#soundoff');
  await page.evaluate(() => (document.querySelector('#soundoff').shadowRoot.querySelector('.so-form-status').textContent = ''));
  await root.locator('#so-author').fill(name);
  await root.locator('#so-body').fill(body);
  await root.locator('.so-submit').click();
  await waitFor(page, () => /posted|awaits/.test(document.querySelector('#soundoff').shadowRoot.querySelector('.so-form-status').textContent));
  return (await renderedComments(page)).at(-1).id; // "comment-<id>"
}

test('the author posts, reloads, edits in place and sees "edited"; a stranger sees no Edit button', { skip: skip ?? false }, async () => {
  const page = await openPage(env.browser, reader);
  await page.goto(`${env.server.origin}/demo/own-edit-thread`);
  await waitForWidget(page);
  const articleId = await post(page, 'Edith', 'Frist comment');
  const stored = await page.evaluate(() => JSON.parse(localStorage.getItem('soundoff:edit:own-edit-thread')));
  const id = articleId.replace('comment-', '');
  assert.match(stored[id].key, /^[0-9a-f]{64}$/);

  await page.reload();
  await waitForWidget(page);
  const article = page.locator(`#soundoff #${articleId}`);
  assert.equal(await article.locator('.so-edit').count(), 1, 'Edit is offered after a reload');
  await article.locator('.so-edit').click();
  await article.locator('.so-edit-form textarea').fill('First comment, <b>not bold</b>');
  await article.locator('.so-save').click();
  await waitFor(page, (sel) => document.querySelector('#soundoff').shadowRoot.querySelector(`${sel} .so-edited`), `#${articleId}`);
  assert.equal(await article.locator('.so-edited').textContent(), 'edited');
  assert.equal(await article.locator('.so-body').textContent(), 'First comment, <b>not bold</b>', 'user text stays text');
  assert.equal(await article.locator('.so-body b').count(), 0);

  // After another reload the server's page says it was edited.
  await page.reload();
  await waitForWidget(page);
  assert.equal(await page.locator(`#soundoff #${articleId} .so-edited`).count(), 1);
  assert.match(await page.evaluate(shadowText, `#${articleId} .so-body`), /^First comment/);

  // Another browser (no key) gets no Edit or Delete.
  const stranger = await openPage(env.browser, reader);
  await stranger.goto(`${env.server.origin}/demo/own-edit-thread`);
  await waitForWidget(stranger);
  assert.equal(await stranger.locator(`#soundoff #${articleId}`).count(), 1);
  assert.equal(await stranger.locator('#soundoff .so-edit').count(), 0);
  // (The demo page has no favicon: that 404 is no script error.)
  assert.deepEqual(page.errors.filter((e) => !e.startsWith('Failed to load resource')), []);
  await stranger.context().close();
  await page.context().close();
});

test('delete removes an unanswered comment and leaves a tombstone for one with a reply', { skip: skip ?? false }, async () => {
  const page = await openPage(env.browser, reader);
  await page.goto(`${env.server.origin}/demo/own-delete-thread`);
  await waitForWidget(page);
  const lonely = await post(page, 'Dora', 'Nobody will answer this');
  await page.locator(`#soundoff #${lonely} .so-delete`).click();
  await waitFor(page, (sel) => !document.querySelector('#soundoff').shadowRoot.querySelector(sel), `#${lonely}`);

  const parent = await post(page, 'Dora', 'Please answer this');
  // A reply from someone else, straight to the API.
  await page.evaluate(async (id) => {
    await fetch('/api/threads/own-delete-thread/comments', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ author: 'Rex', body: 'An answer', parent: id }),
    });
  }, parent.replace('comment-', ''));
  await page.reload();
  await waitForWidget(page);
  await page.locator(`#soundoff #${parent} .so-delete`).click();
  await waitFor(page, (sel) => document.querySelector('#soundoff').shadowRoot.querySelector(`${sel}.so-tombstone`), `#${parent}`);
  assert.equal(await page.locator(`#soundoff #${parent} .so-deleted`).textContent(), 'Comment deleted.');
  await page.reload();
  await waitForWidget(page);
  const comments = await renderedComments(page);
  assert.equal(comments.length, 2, 'the tombstone and the reply');
  assert.equal(await page.locator(`#soundoff #${parent}.so-tombstone`).count(), 1);
  assert.equal(await page.locator('#soundoff .so-edit').count(), 0, 'no key is left for a deleted comment');
  assert.equal((await page.evaluate(() => document.querySelector('#soundoff').shadowRoot.textContent)).includes('Please answer this'), false);
  await page.context().close();
});
