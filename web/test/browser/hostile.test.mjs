// Hostile bodies, authors and ids are shown as text: nothing executes, no
// element outside the widget's own structure appears, links are http(s) only.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';

import { launch, openPage, waitForWidget } from './support/browser.mjs';
import { articlePage, startServer } from './support/server.mjs';
import { installTraps } from './support/traps.mjs';

const payloads = [
  '<script>alert(1)</script>',
  '<img src=x onerror=alert(1)>',
  '<svg onload=alert(1)><circle/></svg>',
  '<svg><script>alert(1)</script></svg>',
  '<math><mtext><table><mglyph><style><img src=x onerror=alert(1)></style></mglyph></table></mtext></math>',
  '<a href="javascript:alert(1)">click</a> javascript:alert(1) [x](javascript:alert(1))',
  '<iframe src="javascript:alert(1)"></iframe><object data="data:text/html,<script>alert(1)</script>">',
  '"><img src=x onerror=alert(1)> \'><body onload=alert(1)>',
  '<div <b onclick=alert(1)>broken <p><i>unclosed <!-- comment',
  'see http://example.org/"onmouseover="alert(1) and https://example.org/<script>alert(1)</script>',
  '<style>*{display:none}</style><link rel=stylesheet href=x><meta http-equiv=refresh content=0>',
  '<template><img src=x onerror=alert(1)></template><noscript><img src=x onerror=alert(1)></noscript>',
  '&lt;script&gt;alert(1)&lt;/script&gt; &#60;img src=x onerror=alert(1)&#62; \u2028\u2029',
  '<a href="http://ok.example" onclick="alert(1)">ok</a> @<img src=x onerror=alert(1)>',
];
const hostileIds = ['"><img src=x onerror=alert(4)>', "x' onfocus='alert(5)", '</script><script>alert(6)</script>', 'javascript:alert(7)', '#comment-1 .so'];
const hostileAuthors = ['<img src=x onerror=alert(2)>', '"><script>alert(3)</script>', '<svg/onload=alert(8)>', 'javascript:alert(9)'];

function hostileDocument() {
  const comments = [];
  let minute = 0;
  const created = () => new Date(Date.UTC(2013, 8, 9, 20, 0) + minute++ * 60000).toISOString();
  payloads.forEach((body, i) => comments.push({ id: `p${i}`, author: hostileAuthors[i % hostileAuthors.length], created: created(), body }));
  hostileIds.forEach((id, i) => comments.push({ id, author: hostileAuthors[i % hostileAuthors.length], created: created(), body: `@${hostileAuthors[i % hostileAuthors.length]} ${payloads[i]}` }));
  // Replies below hostile ids, deeper than the cap, so "in reply to" names hostile authors and links hostile ids.
  comments.push({ id: 'r1', parent: hostileIds[0], author: 'Replier', created: created(), body: 'reply 1' });
  comments.push({ id: 'r2', parent: 'r1', author: '<b>x</b>', created: created(), body: 'reply 2' });
  comments.push({ id: 'r3', parent: 'r2', author: 'Deep', created: created(), body: 'reply 3' });
  comments.push({ id: 'gone', parent: hostileIds[1], author: '<script>x</script>', created: created(), body: '<script>alert(1)</script>', status: 'deleted' });
  comments.push({ id: 'r4', parent: 'gone', author: 'Under tombstone', created: created(), body: 'reply 4' });
  return { thread: '<script>alert(10)</script>', comments };
}

const allowedTags = new Set(['SECTION', 'H2', 'H3', 'DIV', 'LABEL', 'SELECT', 'OPTION', 'BUTTON', 'OL', 'UL', 'LI', 'ARTICLE', 'HEADER',
  'FOOTER', 'SPAN', 'A', 'TIME', 'P', 'BR', 'BLOCKQUOTE', 'FORM', 'INPUT', 'TEXTAREA', 'NAV', 'STYLE']);

let server;
let browser;
before(async () => {
  server = await startServer();
  browser = await launch();
  server.route('/hostile.json', JSON.stringify(hostileDocument()));
});
after(async () => {
  await browser?.close();
  await server?.close();
});

async function inspect(page) {
  return page.evaluate(() => {
    const root = document.querySelector('#soundoff').shadowRoot;
    const elements = [...root.querySelectorAll('*')];
    return {
      tags: [...new Set(elements.map((e) => e.tagName))],
      handlerAttributes: elements.flatMap((e) => [...e.attributes].filter((a) => /^on/i.test(a.name)).map((a) => `${e.tagName}.${a.name}`)),
      hrefs: [...root.querySelectorAll('[href]')].map((a) => a.getAttribute('href')),
      srcs: elements.filter((e) => e.hasAttribute('src') || e.hasAttribute('srcdoc') || e.hasAttribute('data')).length,
      bodies: [...root.querySelectorAll('.so-body')].map((b) => b.textContent),
      authors: [...root.querySelectorAll('.so-author')].map((a) => a.textContent),
      articleIds: [...root.querySelectorAll('article')].map((a) => a.id),
      lightDom: [...document.body.querySelectorAll('*')].map((e) => e.tagName),
      hostChildren: document.querySelector('#soundoff').children.length,
      traps: window.__traps,
    };
  });
}

test('hostile bodies, authors and ids render as text and never execute', async () => {
  const page = await openPage(browser);
  await page.addInitScript(installTraps);
  const url = server.route('/hostile.html', articlePage({ attributes: { src: '/hostile.json', 'max-depth': 1 } }));
  await page.goto(url);
  await waitForWidget(page);
  // Interact: every permalink and reply button, keyboard through the widget.
  await page.locator('#soundoff .so-reply').first().click();
  for (let i = 0; i < 40; i++) await page.keyboard.press('Tab');
  await page.waitForTimeout(300);
  const seen = await inspect(page);
  assert.deepEqual(seen.traps.alert + seen.traps.confirm + seen.traps.prompt, 0, 'no dialog was opened');
  assert.equal(seen.traps.eval, 0, seen.traps.FunctionCallers.join('\n'));
  assert.equal(seen.traps.Function, 0, seen.traps.FunctionCallers.join('\n'));
  assert.equal(seen.traps.stringTimer, 0);
  assert.equal(seen.traps.write, 0);
  // The engine's binary from next to the script, and the document: nothing else (no data: URL, nothing a
  // hostile comment names).
  const requests = seen.traps.fetch.map((u) => u.slice(0, 200));
  assert.equal(requests.length, 2, requests.join('\n'));
  assert.equal(requests.filter((u) => /^http:\/\/127\.0\.0\.1:\d+\/dist\/soundoff-engine\.[0-9a-f]{16}\.wasm$/.test(u)).length, 1);
  assert.ok(requests.includes('/hostile.json'), 'the document is the only other request');
  assert.deepEqual(seen.traps.outsideElements, [], 'only the host was added to the page');
  assert.deepEqual(seen.lightDom, ['MAIN', 'H1', 'P', 'SCRIPT', 'DIV']);
  assert.equal(seen.hostChildren, 0);
  for (const tag of seen.tags) assert.ok(allowedTags.has(tag), `unexpected element <${tag.toLowerCase()}> in the widget`);
  assert.deepEqual(seen.handlerAttributes, []);
  assert.equal(seen.srcs, 0);
  for (const href of seen.hrefs) assert.match(href, /^(#comment-[^"'<>\s]+|https?:\/\/[^"'<>\s]+)$/, `href ${href}`);
  for (const payload of payloads) {
    assert.ok(seen.bodies.some((b) => b.includes(payload.split('\n')[0].slice(0, 25))), `payload shown as text: ${payload}`);
  }
  for (const author of hostileAuthors) assert.ok(seen.authors.includes(author), `author shown as text: ${author}`);
  for (const id of hostileIds) assert.ok(seen.articleIds.includes(`comment-${id}`), `id kept as text: ${id}`);
  assert.deepEqual(page.errors.filter((e) => !/Failed to load resource/.test(e)), []);
  await page.context().close();
});

test('a permalink to a hostile id opens and highlights that comment', async () => {
  const page = await openPage(browser);
  await page.addInitScript(installTraps);
  const url = server.route('/hostile-permalink.html', articlePage({ attributes: { src: '/hostile.json', 'per-page': 3 } }));
  await page.goto(`${url}#comment-${encodeURIComponent(hostileIds[0])}`);
  await waitForWidget(page);
  const highlighted = await page.evaluate(() => document.querySelector('#soundoff').shadowRoot.querySelector('.so-highlight')?.id);
  assert.equal(highlighted, `comment-${hostileIds[0]}`);
  // "in reply to" below the depth cap links the hostile parent id, percent-encoded.
  const context = await page.evaluate(() => [...document.querySelector('#soundoff').shadowRoot.querySelectorAll('.so-context a')].map((a) => a.getAttribute('href')));
  for (const href of context) assert.ok(!/[<>"' ]/.test(href), href);
  const traps = await page.evaluate(() => window.__traps);
  assert.equal(traps.alert, 0);
  assert.deepEqual(traps.outsideElements, []);
  await page.context().close();
});
