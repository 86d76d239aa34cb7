// The seed page as the widget renders it, pagination, sorting, permalinks,
// dark mode and German strings.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';

import { launch, openPage, renderedComments, waitFor, waitForWidget } from './support/browser.mjs';
import { makeDocument } from '../support/documents.mjs';
import { articlePage, startServer } from './support/server.mjs';

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

const seed = { src: '/fixtures/seed-thread.json' };
const shadowText = (page, selector) => page.evaluate((s) => document.querySelector('#soundoff').shadowRoot.querySelector(s)?.textContent ?? null, selector);

test('the seed fixture renders exactly 15 numbered comments with names and emoji intact', async () => {
  const url = server.route('/seed.html', articlePage({ attributes: seed }));
  const page = await openPage(browser);
  await page.goto(url);
  await waitForWidget(page);
  const comments = await renderedComments(page);
  assert.equal(comments.length, 15);
  assert.deepEqual(comments.map((c) => c.number), Array.from({ length: 15 }, (_, i) => `${i + 1}.`));
  assert.equal(comments[0].id, 'comment-1');
  assert.equal(comments[0].author, 'banasy©');
  assert.ok(comments.some((c) => c.body.includes('😉')), 'the 😉 emoji survives');
  assert.equal(await shadowText(page, 'h2'), 'soundoff (15 Responses)');
  // Mounted right after the script tag, inside an open shadow root; the page DOM gained only the host.
  assert.equal(await page.evaluate(() => document.querySelector('script[data-soundoff-src]').nextElementSibling.id), 'soundoff');
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('soundoff.js compiles its engine from the hashed .wasm next to it; soundoff-single.js needs no second file', async () => {
  const wasmRequests = (page) =>
    page.evaluate(() => performance.getEntriesByType('resource').map((e) => new URL(e.name).pathname).filter((p) => p.endsWith('.wasm')));
  for (const script of ['soundoff.js', 'soundoff-single.js']) {
    const page = await openPage(browser);
    await page.goto(server.route(`/layout-${script}.html`, articlePage({ attributes: seed, script })));
    await waitForWidget(page);
    assert.equal((await renderedComments(page)).length, 15, script);
    const fetched = await wasmRequests(page);
    if (script === 'soundoff.js') assert.match(fetched.join(), /^\/dist\/soundoff-engine\.[0-9a-f]{16}\.wasm$/);
    else assert.deepEqual(fetched, []);
    assert.deepEqual(page.errors, [], script);
    await page.context().close();
  }
});

test('when the .wasm cannot be loaded the widget says so and the page keeps working', async () => {
  const page = await openPage(browser);
  await page.route('**/*.wasm', (route) => route.fulfill({ status: 404, body: 'gone' }));
  await page.goto(server.route('/no-wasm.html', articlePage({ attributes: seed })));
  await waitFor(page, () => /could not|konnte/i.test(document.querySelector('#soundoff')?.shadowRoot?.textContent ?? ''));
  const text = await page.evaluate(() => document.querySelector('#soundoff').shadowRoot.textContent);
  assert.match(text, /HTTP 404/);
  await page.context().close();
});

test('a long page paints its first screenful in one task and the rest in idle slices, in order', async () => {
  server.route('/long.json', JSON.stringify(makeDocument(1000, { thread: 'long', seed: 7 })));
  const page = await openPage(browser);
  // What the list holds in the task that announced the render, before any idle slice ran.
  await page.addInitScript(() => {
    document.addEventListener('soundoff:render', () => {
      const box = document.querySelector('#soundoff').shadowRoot.querySelector('.so-comments');
      window.__atRender = { drawn: box.querySelectorAll('article.so-comment').length, busy: box.getAttribute('aria-busy') };
    }, { once: true });
  });
  await page.goto(server.route('/long.html', articlePage({ attributes: { src: '/long.json', 'per-page': 50, 'max-replies': 0 } })));
  await waitForWidget(page);
  assert.deepEqual(await page.evaluate(() => window.__atRender), { drawn: 30, busy: 'true' });
  const comments = await renderedComments(page);
  assert.ok(comments.length > 300, `the whole page is drawn in the end (${comments.length})`);
  // Display order: the numbers run 1, 2, 3, ... down the page, every id once.
  const numbers = comments.map((c) => c.number).filter(Boolean);
  assert.ok(numbers.length >= 50);
  assert.deepEqual(numbers, Array.from({ length: numbers.length }, (_, i) => `${i + 1}.`));
  assert.equal(new Set(comments.map((c) => c.id)).size, comments.length);
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('a permalink far down a long page is drawn, focused and highlighted at once', async () => {
  server.route('/long2.json', JSON.stringify(makeDocument(1000, { thread: 'long2', seed: 7 })));
  const page = await openPage(browser);
  await page.goto(server.route('/long2.html', articlePage({ attributes: { src: '/long2.json', 'per-page': 50, 'max-replies': 0 } })));
  await waitForWidget(page);
  const last = (await renderedComments(page)).at(-1).id;
  await page.context().close();
  // A fresh load at the permalink: that page is drawn whole, so the comment is there to focus.
  const direct = await openPage(browser);
  await direct.goto(`${server.origin}/long2.html#${last}`);
  await waitForWidget(direct);
  await waitFor(direct, (id) => document.querySelector('#soundoff').shadowRoot.querySelector('.so-highlight')?.id === id, last);
  assert.equal(await direct.evaluate(() => document.querySelector('#soundoff').shadowRoot.activeElement?.id), last);
  await direct.context().close();
});

test('a mention links to the most recent earlier comment by that author', async () => {
  const doc = {
    thread: 't',
    comments: [
      { id: 'a', author: 'Mary', created: '2013-09-09T20:00:00Z', body: 'first' },
      { id: 'b', author: 'mary', created: '2013-09-09T20:05:00Z', body: 'second' },
      { id: 'c', author: 'Bob', created: '2013-09-09T20:10:00Z', body: '@MARY yes, and @nobody\n\nnext paragraph\nline two' },
      { id: 'd', author: 'Mary', created: '2013-09-09T20:20:00Z', body: 'later' },
    ],
  };
  server.route('/mentions.json', JSON.stringify(doc));
  const page = await openPage(browser);
  await page.goto(server.route('/mentions.html', articlePage({ attributes: { src: '/mentions.json' } })));
  await waitForWidget(page);
  const body = await page.evaluate(() => {
    const article = document.querySelector('#soundoff').shadowRoot.getElementById('comment-c');
    return {
      links: [...article.querySelectorAll('.so-body a')].map((a) => [a.textContent, a.getAttribute('href')]),
      paragraphs: article.querySelectorAll('.so-body p').length,
      breaks: article.querySelectorAll('.so-body br').length,
    };
  });
  assert.deepEqual(body.links, [['@MARY', '#comment-b']]);
  assert.equal(body.paragraphs, 2);
  assert.equal(body.breaks, 1);
  await page.context().close();
});

test('mentions compare names by core\'s name key: symbols, emoji and zero-width characters drop, case of non-ASCII, accents, homoglyphs and leet count', async () => {
  const at = (minute) => `2013-09-09T20:${String(minute).padStart(2, '0')}:00Z`;
  const doc = {
    thread: 't',
    comments: [
      { id: 'a', author: 'banasy\u00a9', created: at(0), body: 'first' },
      { id: 'b', author: '\u{1F609} Zo\u00eb', created: at(1), body: 'emoji before the name' },
      { id: 'd', author: 'Mary\u200d', created: at(2), body: 'a zero-width joiner after the name' },
      { id: 'e', author: 'M\u0430ry', created: at(3), body: 'a Cyrillic a' },
      { id: 'g', author: 'M4RY', created: at(4), body: 'leet' },
      { id: 'f', author: 'Reader', created: at(5), body: '@banasy thanks. @zo\u00eb yes, @ZO\u00cb no, @Zoe no. @mary and @M4ry and @M\u0430ry.' },
    ],
  };
  server.route('/name-keys.json', JSON.stringify(doc));
  const page = await openPage(browser);
  await page.goto(server.route('/name-keys.html', articlePage({ attributes: { src: '/name-keys.json' } })));
  await waitForWidget(page);
  const result = await page.evaluate(async () => {
    const root = document.querySelector('#soundoff').shadowRoot;
    const links = [...root.getElementById('comment-f').querySelectorAll('.so-body a')].map((a) => [a.textContent, a.getAttribute('href')]);
    // Every link joins a mention and an author core gives the same key; every mention left as text has no such author.
    const engine = await window.SoundoffWidget.loadEngine();
    const authors = [...root.querySelectorAll('article')].filter((a) => a.id !== 'comment-f').map((a) => [a.id, a.querySelector('.so-author').textContent]);
    const authorKeys = engine.nameKeys(authors.map(([, name]) => name));
    const mentions = engine.segments(root.getElementById('comment-f').querySelector('.so-body').textContent).filter((s) => s.type === 'mention');
    const mentionKeys = engine.nameKeys(mentions.map((m) => m.name));
    const agreement = mentions.map((m, i) => {
      const link = links.find(([text]) => text === m.text);
      const sameKey = authors.filter((_, j) => authorKeys[j] === mentionKeys[i]).map(([id]) => `#${id}`);
      return link ? sameKey.includes(link[1]) : sameKey.length === 0;
    });
    return { links, agreement };
  });
  assert.deepEqual(result.links, [
    ['@banasy', '#comment-a'],
    ['@zo\u00eb', '#comment-b'],
    ['@mary', '#comment-d'],
    ['@M4ry', '#comment-g'],
    ['@M\u0430ry', '#comment-e'],
  ]);
  assert.deepEqual(result.agreement, [true, true, true, true, true, true, true]);
  await page.context().close();
});

test('page links move between pages and sorting reorders', async () => {
  const page = await openPage(browser);
  await page.goto(server.route('/paged.html', articlePage({ attributes: { ...seed, 'per-page': 5 } })));
  await waitForWidget(page);
  const pager = () => page.evaluate(() => [...document.querySelector('#soundoff').shadowRoot.querySelectorAll('.so-pager li')].map((li) => li.textContent));
  assert.deepEqual(await pager(), ['1', '2', '3', 'Next ›']);
  const root = page.locator('#soundoff');
  await root.locator('button.so-page', { hasText: '3' }).click();
  await waitFor(page, () => document.querySelector('#soundoff').shadowRoot.querySelector('.so-current')?.textContent === '3');
  assert.deepEqual((await renderedComments(page)).map((c) => c.number), ['11.', '12.', '13.', '14.', '15.']);
  assert.deepEqual(await pager(), ['‹ Previous', '1', '2', '3']);
  // Keyboard: the sort selector is labelled and reachable.
  await root.getByLabel('Sort').selectOption('newest');
  await waitFor(page, () => document.querySelector('#soundoff').shadowRoot.querySelector('article')?.id === 'comment-15');
  const newest = await renderedComments(page);
  assert.deepEqual(newest.map((c) => c.id), ['comment-15', 'comment-14', 'comment-13', 'comment-12', 'comment-11']);
  assert.deepEqual(newest.map((c) => c.number), ['1.', '2.', '3.', '4.', '5.'], 'numbers follow the display order');
  await page.context().close();
});

test('load-more mode appends the next top-level threads', async () => {
  const page = await openPage(browser);
  await page.goto(server.route('/more.html', articlePage({ attributes: { ...seed, 'per-page': 6, paging: 'more' } })));
  await waitForWidget(page);
  assert.equal((await renderedComments(page)).length, 6);
  await page.locator('#soundoff').getByRole('button', { name: 'Load more comments' }).click();
  await waitFor(page, () => document.querySelector('#soundoff').shadowRoot.querySelectorAll('article').length === 12);
  await page.locator('#soundoff').getByRole('button', { name: 'Load more comments' }).click();
  await waitFor(page, () => document.querySelector('#soundoff').shadowRoot.querySelectorAll('article').length === 15);
  assert.equal(await page.locator('#soundoff').getByRole('button', { name: 'Load more comments' }).count(), 0);
  await page.context().close();
});

test('a permalink to a comment on page 3 opens that page, highlights and focuses it', async () => {
  const page = await openPage(browser);
  const url = server.route('/permalink.html', articlePage({ attributes: { ...seed, 'per-page': 5 } }));
  await page.goto(`${url}#comment-13`);
  await waitForWidget(page);
  const state = await page.evaluate(() => {
    const root = document.querySelector('#soundoff').shadowRoot;
    return { current: root.querySelector('.so-current')?.textContent, highlighted: root.querySelector('.so-highlight')?.id, focused: root.activeElement?.id };
  });
  assert.deepEqual(state, { current: '3', highlighted: 'comment-13', focused: 'comment-13' });
  // A permalink clicked later (hashchange) moves to page 1.
  await page.evaluate(() => (location.hash = '#comment-2'));
  await waitFor(page, () => document.querySelector('#soundoff').shadowRoot.querySelector('.so-highlight')?.id === 'comment-2');
  assert.equal(await shadowText(page, '.so-current'), '1');
  await page.context().close();
});

test('depth cap: replies below it say whom they answer; extra replies load on request', async () => {
  const comments = [{ id: 'r', author: 'Root', created: '2013-09-09T20:00:00Z', body: 'root' }];
  for (let i = 1; i <= 4; i++) comments.push({ id: `n${i}`, parent: i === 1 ? 'r' : `n${i - 1}`, author: `Nest${i}`, created: `2013-09-09T20:0${i}:00Z`, body: `level ${i}` });
  for (let i = 1; i <= 4; i++) comments.push({ id: `s${i}`, parent: 'r', author: `Sib${i}`, created: `2013-09-09T21:0${i}:00Z`, body: `sibling ${i}` });
  comments.push({ id: 'gone', author: 'X', created: '2013-09-09T22:00:00Z', body: 'x', status: 'deleted' });
  comments.push({ id: 'child-of-gone', parent: 'gone', author: 'Y', created: '2013-09-09T22:01:00Z', body: 'still here' });
  server.route('/deep.json', JSON.stringify({ thread: 'deep', comments }));
  const page = await openPage(browser);
  await page.goto(server.route('/deep.html', articlePage({ attributes: { src: '/deep.json', 'max-depth': 2, 'max-replies': 3 } })));
  await waitForWidget(page);
  const info = await page.evaluate(() => {
    const root = document.querySelector('#soundoff').shadowRoot;
    const context = (id) => root.getElementById(id)?.querySelector('.so-context')?.textContent ?? null;
    return {
      n3: context('comment-n3'),
      n4: context('comment-n4'),
      tombstone: root.getElementById('comment-gone')?.textContent,
      more: root.querySelector('.so-more-replies')?.textContent,
    };
  });
  assert.equal(info.n3, 'in reply to Nest2');
  assert.equal(info.n4, 'in reply to Nest3');
  assert.equal(info.tombstone, 'Comment deleted.');
  assert.equal(info.more, 'Show 2 more replies');
  await page.locator('#soundoff').getByRole('button', { name: 'Show 2 more replies' }).click();
  await waitFor(page, () => document.querySelector('#soundoff').shadowRoot.getElementById('comment-s4') !== null);
  assert.equal(await page.locator('#soundoff .so-more-replies').count(), 0);
  await page.context().close();
});

test('dark mode follows prefers-color-scheme and the theme option overrides it', async () => {
  const background = (page) => page.evaluate(() => getComputedStyle(document.querySelector('#soundoff').shadowRoot.querySelector('.so')).backgroundColor);
  const dark = await openPage(browser, { colorScheme: 'dark' });
  await dark.goto(server.route('/dark.html', articlePage({ attributes: seed })));
  await waitForWidget(dark);
  assert.equal(await background(dark), 'rgb(22, 24, 29)');
  const forcedLight = await openPage(browser, { colorScheme: 'dark' });
  await forcedLight.goto(server.route('/light.html', articlePage({ attributes: { ...seed, theme: 'light' } })));
  await waitForWidget(forcedLight);
  assert.equal(await background(forcedLight), 'rgb(255, 255, 255)');
  const forcedDark = await openPage(browser, { colorScheme: 'light' });
  await forcedDark.goto(server.route('/forced-dark.html', articlePage({ attributes: { ...seed, theme: 'dark' } })));
  await waitForWidget(forcedDark);
  assert.equal(await background(forcedDark), 'rgb(22, 24, 29)');
  for (const p of [dark, forcedLight, forcedDark]) await p.context().close();
});

test('German strings come from <html lang="de">, dates from Intl', async () => {
  const page = await openPage(browser, { locale: 'de-DE' });
  await page.goto(server.route('/de.html', articlePage({ lang: 'de', attributes: { ...seed, 'per-page': 5 } })));
  await waitForWidget(page);
  assert.equal(await shadowText(page, 'h2'), 'soundoff (15 Antworten)');
  assert.equal(await shadowText(page, '.so-reply'), 'Antworten');
  assert.equal(await shadowText(page, '.so-report'), 'Missbrauch melden');
  assert.equal(await shadowText(page, '.so-next'), 'Weiter ›');
  assert.equal(await shadowText(page, '.so-static-note'), 'Kommentieren ist hier nicht möglich: diese Seite zeigt eine statische Kopie der Kommentare.');
  assert.equal(await shadowText(page, 'article time'), '09.09.2013, 20:55');
  const title = await page.evaluate(() => document.querySelector('#soundoff').shadowRoot.querySelector('article time').title);
  assert.match(title, /^Montag, 9\. September 2013 um 20:55:00 (UTC|GMT)/);
  await page.context().close();
});
