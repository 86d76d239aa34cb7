// Threads by page URL (issue 22) against the real server: an article page that
// gives the widget no thread key shows the thread of its canonical URL. The
// first published comment registers the page's URL and title, so the thread is
// then found by any spelling of that URL, and another article gets its own. An
// imported thread is found by its old page URL, and an old permalink
// (#comment-<original id>) opens the page holding that comment, focused.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';

import { fixtures } from '../support/paths.mjs';
import { openPage, readerBrowser as reader, renderedComments, waitFor, waitForWidget } from './support/browser.mjs';
import { serverAndBrowserForFile, whyNoServer } from './support/soundoff-serve.mjs';

const skip = whyNoServer();
// The server starts with a thread imported under its page URL (an old Disqus site's, with Disqus' ids).
const env = serverAndBrowserForFile(skip, 'soundoff-page-url-', ['--import', join(fixtures, 'imported-by-url.json')]);

/** An article page on the server's origin (served by the test, not the server) that embeds the widget by URL only. */
function article(title, head, attributes = '') {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${title}</title>${head}</head>
<body><h1>${title}</h1><div id="soundoff"></div><script src="/soundoff.js" data-soundoff-api="" ${attributes}></script></body></html>`;
}

async function openArticle(path, html) {
  const page = await openPage(env.browser, reader);
  await page.route(`${env.server.origin}/articles/**`, (route) => route.fulfill({ contentType: 'text/html', body: html }));
  await page.goto(`${env.server.origin}${path}`);
  await waitForWidget(page);
  return page;
}

const lookUp = (url) => fetch(`${env.server.origin}/api/threads?url=${encodeURIComponent(url)}`).then((r) => r.json());

test('a page without a thread key shows its canonical URL\'s thread; the first comment registers URL and title', { skip: skip ?? false }, async () => {
  const html = article('Russia calls for talks in Moscow on Syria', '<link rel="canonical" href="/articles/syria-talks/">');
  // Reached through a tracking link: the canonical URL, not this one, names the thread.
  const page = await openArticle('/articles/syria-talks/?utm_source=newsletter&from=feed', html);
  assert.deepEqual(await renderedComments(page), []);
  const root = page.locator('#soundoff');
  await root.locator('#so-author').fill('saywhat');
  await root.locator('#so-body').fill('First comment on this article.');
  await root.locator('.so-submit').click();
  await waitFor(page, () => /posted/.test(document.querySelector('#soundoff').shadowRoot.querySelector('.so-form-status').textContent));

  const registered = await lookUp(`${env.server.origin}/articles/syria-talks/?utm_campaign=x#top`);
  assert.equal(registered.exists, true);
  assert.equal(registered.url, `${env.server.origin}/articles/syria-talks`);
  assert.equal(registered.title, 'Russia calls for talks in Moscow on Syria');
  assert.equal(registered.comments, 1);

  await page.reload();
  await waitForWidget(page);
  assert.deepEqual((await renderedComments(page)).map((c) => c.body), ['First comment on this article.']);
  assert.deepEqual(page.errors, [], 'no errors in the page console (a fresh page\'s lookup is no 404)');
  await page.context().close();
});

// After the test above (node:test runs a file's tests in order): the syria-talks thread has its comment.
test('another article, and data-soundoff-url naming a page, each get their own thread', { skip: skip ?? false }, async () => {
  const other = await openArticle('/articles/other-story', article('Another story', ''));
  assert.deepEqual(await renderedComments(other), [], 'no link rel=canonical: location.href names a thread of its own');
  await other.context().close();

  // data-soundoff-url wins over the canonical link: a page can show the syria-talks thread from anywhere.
  const html = article('A liveblog', '<link rel="canonical" href="/articles/liveblog">', `data-soundoff-url="${env.server.origin}/articles/syria-talks/#comments"`);
  const named = await openArticle('/articles/liveblog', html);
  assert.deepEqual((await renderedComments(named)).map((c) => c.author), ['saywhat']);
  assert.equal((await lookUp(`${env.server.origin}/articles/liveblog`)).exists, false);
  assert.deepEqual(named.errors, []);
  await named.context().close();
});

test('an imported thread opens by its old page URL at #comment-<original id>: that comment\'s page, focused', { skip: skip ?? false }, async () => {
  const html = article('An imported story', '<link rel="canonical" href="https://news.example/2013/06/imported-story">');
  // disqus-158 is the 58th of 60 top-level comments: page 2 of 50 per page.
  const page = await openArticle('/articles/imported-story#comment-disqus-158', html);
  const focused = await waitFor(page, () => {
    const root = document.querySelector('#soundoff').shadowRoot;
    const active = root.activeElement;
    return active?.classList.contains('so-highlight') && active.querySelector('.so-body')?.textContent;
  });
  assert.equal(focused, 'Imported comment 158');
  const bodies = (await renderedComments(page)).map((c) => c.body);
  assert.ok(!bodies.includes('Imported comment 101'), 'page 2, not page 1');
  assert.ok(bodies.includes('@reader57 a reply'), 'the reply came with its parent');
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('count.js counts threads by page URL: links with data-soundoff-count-by="url", and data-soundoff-count-url', { skip: skip ?? false }, async () => {
  const html = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Front page</title></head><body>
<a id="imported" href="https://news.example/2013/06/imported-story/?utm_source=front#soundoff">comments</a>
<a id="fresh" href="https://news.example/2013/06/no-comments-yet#soundoff">comments</a>
<span id="syria" data-soundoff-count-url="${env.server.origin}/articles/syria-talks/" data-soundoff-count-format="number"></span>
<script src="/count.js" data-soundoff-api="" data-soundoff-count-by="url" async></script></body></html>`;
  const page = await openPage(env.browser, reader);
  await page.route(`${env.server.origin}/articles/**`, (route) => route.fulfill({ contentType: 'text/html', body: html }));
  await page.goto(`${env.server.origin}/articles/front`);
  const counted = await waitFor(page, () => {
    const ids = ['imported', 'fresh', 'syria'];
    const els = ids.map((id) => document.getElementById(id));
    return els.every((e) => e.hasAttribute('data-soundoff-counted')) && els.map((e) => e.textContent);
  });
  // 61 imported comments (60 and a reply); the syria-talks page's one comment from the first test.
  assert.deepEqual(counted, ['61 Responses', '0 Responses', '1']);
  assert.deepEqual(page.errors, []);
  await page.context().close();
});
