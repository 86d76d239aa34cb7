// What moderation shows readers (docs/moderation-api.md, docs/widget.md): a
// "Pinned" badge for `pinned: true`, "edited" for `edited`, "Comments are
// closed." instead of the form for a page with `closed: true` or a POST
// answered 403 closed, and a clear message for 403 banned. The stand-in API
// (support/mock-api.mjs) serves the real page format; this file adds the
// server's moderation fields to it.
import assert from 'node:assert/strict';
import { after, before, beforeEach, test } from 'node:test';

import { readFixtureJson } from '../support/paths.mjs';
import { launch, openPage, waitFor, waitForWidget } from './support/browser.mjs';
import { mockApi } from './support/mock-api.mjs';
import { articlePage, startServer } from './support/server.mjs';

let server;
let browser;
const thread = 'russia-calls';
// What the stand-in adds to pages and answers to POSTs.
const marks = { pinned: new Set(), edited: new Map(), closed: false, refusePost: null };
before(async () => {
  browser = await launch();
});
beforeEach(async () => {
  await server?.close();
  server = await startServer();
  Object.assign(marks, { pinned: new Set(), edited: new Map(), closed: false, refusePost: null });
  // Ahead of the stand-in: rewrite its page JSON on the way out, or refuse a POST like the server would.
  server.handle(async (req, res, url) => {
    if (!url.pathname.endsWith('/comments')) return false;
    if (req.method === 'POST' && marks.refusePost) {
      const [code, message] = marks.refusePost;
      res.writeHead(403, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify({ code, message }));
      return true;
    }
    if (req.method === 'GET') {
      const end = res.end.bind(res);
      res.end = (body) => {
        const page = JSON.parse(body);
        const mark = (items) => {
          for (const item of items) {
            if (marks.pinned.has(item.id)) item.pinned = true;
            else item.pinned = false;
            item.edited = marks.edited.get(item.id) ?? null;
            mark(item.children ?? []);
          }
        };
        mark(page.items ?? []);
        if (marks.closed) page.closed = true;
        return end(JSON.stringify(page));
      };
    }
    return false;
  });
  await mockApi(server, { thread, comments: readFixtureJson('seed-thread.json').comments });
});
after(async () => {
  await browser?.close();
  await server?.close();
});

async function open(lang = 'en') {
  const page = await openPage(browser);
  await page.goto(server.route('/marks.html', articlePage({ lang, attributes: { api: '', thread, poll: 0 } })));
  await waitForWidget(page);
  return page;
}
const inWidget = (page, fn, arg) => page.evaluate(fn, arg);

test('a pinned comment has a "Pinned" badge and an edited one says "edited" with the time as its tooltip', async () => {
  const ids = readFixtureJson('seed-thread.json').comments.map((c) => c.id);
  marks.pinned.add(ids[0]);
  marks.edited.set(ids[1], '2026-12-02T10:00:00Z');
  const page = await open();
  const seen = await inWidget(page, ([pinnedId, editedId]) => {
    const root = document.querySelector('#soundoff').shadowRoot;
    const article = (id) => root.getElementById(`comment-${id}`);
    return {
      pinnedBadge: article(pinnedId).querySelector('.so-pinned-badge')?.textContent ?? null,
      pinnedClass: article(pinnedId).classList.contains('so-pinned'),
      edited: article(editedId).querySelector('.so-edited')?.textContent ?? null,
      editedTitle: article(editedId).querySelector('.so-edited')?.title ?? null,
      badges: root.querySelectorAll('.so-pinned-badge').length,
      editedNotes: root.querySelectorAll('.so-edited').length,
      form: !root.querySelector('.so-form').hidden,
    };
  }, [ids[0], ids[1]]);
  assert.deepEqual({ ...seen, editedTitle: /^Edited .*2026/.test(seen.editedTitle) }, {
    pinnedBadge: 'Pinned', pinnedClass: true, edited: 'edited', editedTitle: true, badges: 1, editedNotes: 1, form: true,
  });
  await page.context().close();

  const de = await open('de');
  assert.equal(await inWidget(de, () => document.querySelector('#soundoff').shadowRoot.querySelector('.so-pinned-badge').textContent), 'Angeheftet');
  assert.equal(await inWidget(de, () => document.querySelector('#soundoff').shadowRoot.querySelector('.so-edited').textContent), 'bearbeitet');
  await de.context().close();
});

test('a page with closed: true shows "Comments are closed." instead of the form, and no reply buttons', async () => {
  marks.closed = true;
  const page = await open();
  const seen = await inWidget(page, () => {
    const root = document.querySelector('#soundoff').shadowRoot;
    const form = root.querySelector('.so-form');
    return {
      note: root.querySelector('.so-closed')?.textContent ?? null,
      formShown: form.checkVisibility(),
      replies: root.querySelectorAll('.so-reply').length,
      comments: root.querySelectorAll('article.so-comment').length,
    };
  });
  assert.deepEqual(seen, { note: 'Comments are closed.', formShown: false, replies: 0, comments: 15 });
  await page.context().close();
});

test('a POST answered 403 closed closes the form; 403 banned says so and keeps it', async () => {
  const page = await open();
  const root = page.locator('#soundoff');
  marks.refusePost = ['banned', 'you may not comment here'];
  await root.getByLabel('Name').fill('Banned reader');
  await root.getByLabel('Comment', { exact: true }).fill('Let me in');
  await root.getByRole('button', { name: 'Post comment' }).click();
  await waitFor(page, () => document.querySelector('#soundoff').shadowRoot.querySelector('.so-form-status').textContent !== '');
  assert.equal(await root.locator('.so-form-status').textContent(), 'You may not comment here.');
  assert.equal(await root.locator('article.so-comment').count(), 15, 'the optimistic comment is taken back');
  assert.ok(await root.locator('.so-form').isVisible());

  marks.refusePost = ['closed', 'comments are closed'];
  await root.getByRole('button', { name: 'Post comment' }).click();
  await waitFor(page, () => document.querySelector('#soundoff').shadowRoot.querySelector('.so-closed') !== null);
  assert.equal(await root.locator('.so-closed').textContent(), 'Comments are closed.');
  assert.equal(await root.locator('.so-form').isVisible(), false);
  assert.equal(await root.locator('article.so-comment').count(), 15);
  await page.context().close();
});
