// thread.page() rebuilds each page from the arrays the engine hands over
// (web/src/binary-page.js, core/include/soundoff/page_binary.h): it must give
// exactly the JSON `soundoff thread` prints for the same document and request,
// key order included. Skipped, with the reason, when the native CLI is absent.
import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';

import { load } from '../dist/soundoff-engine.mjs';
import { documentBytes, makeDocument } from './support/documents.mjs';
import { noCli, runCli } from './support/native.mjs';
import { readFixture } from './support/paths.mjs';

// A generated thread with what most pages lack: pinned, edited and badged
// comments, astral and combining characters, a BOM first, an orphan, a cycle
// and a record the engine leaves out (so the page carries errors).
function variedDocument() {
  const document = makeDocument(400, { seed: 7, thread: 'varied' });
  const [first, second, third] = document.comments;
  first.id = '\uFEFFfirst';
  for (const c of document.comments) if (c.parent === '1') c.parent = first.id;
  first.pinned = true;
  first.author = 'Mary \u{1F339}';
  first.body = 'caf\u00e9 \u{1F600} \u2028 <b>&amp;</b> e\u0301 "quoted" \\ back';
  second.edited = '2013-09-10T08:00:00Z';
  second.badge = 'verified';
  third.badge = 'staff';
  document.comments.push({ id: 'o1', author: 'orphan', created: '2013-09-11T00:00:00Z', body: 'lost', parent: 'nobody' });
  document.comments.push({ id: 'c1', author: 'a', created: '2013-09-11T00:01:00Z', body: 'one', parent: 'c2' });
  document.comments.push({ id: 'c2', author: 'b', created: '2013-09-11T00:02:00Z', body: 'two', parent: 'c1' });
  document.comments.push({ id: 'bad', author: 7, created: '2013-09-11T00:03:00Z', body: 'author is a number' });
  return documentBytes(document);
}

// Facade options and the CLI flags of the same request.
const requests = [
  {},
  { sort: 'top', perPage: 5, maxDepth: 2, maxReplies: 2 },
  { sort: 'newest', page: 2, perPage: 10, replies: 'newest' },
  { sort: 'oldest', perPage: 3, maxDepth: 0 },
];
const flagNames = { sort: 'sort', page: 'page', perPage: 'per-page', maxDepth: 'max-depth', maxReplies: 'max-replies', replies: 'replies', around: 'around', after: 'after' };
const flagsOf = (request) => Object.entries(request).flatMap(([key, value]) => [`--${flagNames[key]}`, String(value)]);

describe('thread.page() equals `soundoff thread`', { skip: noCli ?? false }, () => {
  let engine;
  before(async () => {
    engine = await load();
  });

  // The seed page is flat as its readers wrote it: no reply lists to collapse.
  const documents = [
    ['the seed page', () => readFixture('seed-thread.json'), { nested: false }],
    ['a generated thread with every kind of field', variedDocument, { nested: true }],
  ];
  for (const [name, bytesOf, { nested }] of documents) {
    test(name, () => {
      const bytes = new Uint8Array(bytesOf());
      const thread = engine.ingest(bytes);
      try {
        const same = (request) => {
          const page = thread.page(request);
          assert.equal(JSON.stringify(page), JSON.stringify(JSON.parse(runCli(['thread', ...flagsOf(request)], bytes))), JSON.stringify(request));
          return page;
        };
        for (const request of requests) same(request);
        // Cursors and permalinks: the next page, a replies cursor, the page around a reply.
        const first = same({ perPage: 4, maxReplies: 1 });
        assert.notEqual(first.next_cursor, null);
        same({ perPage: 4, maxReplies: 1, after: first.next_cursor });
        const capped = first.items.find((item) => item.replies_cursor !== null);
        assert.equal(Boolean(capped), nested, 'a comment with hidden replies');
        if (capped) same({ after: capped.replies_cursor, maxReplies: 2 });
        same({ around: (capped ? capped.children[0] : first.items[1]).id, perPage: 4 });
      } finally {
        thread.dispose();
      }
    });
  }

  test('the varied page holds what it is meant to test', () => {
    const thread = engine.ingest(variedDocument());
    const page = thread.page({ perPage: 1000 });
    const all = [];
    const walk = (items) => items.forEach((item) => (all.push(item), walk(item.children)));
    walk(page.items);
    assert.equal(all[0].id, '\uFEFFfirst');
    assert.equal(all[0].pinned, true);
    assert.match(all[0].body, /\u{1F600}/u);
    assert.ok(all.some((c) => c.badge === 'verified' && c.edited));
    assert.ok(all.some((c) => c.orphan));
    assert.ok(all.some((c) => c.cycle_broken));
    assert.ok(all.some((c) => c.tombstone && c.author === null));
    assert.equal(page.errors.length, 1);
    thread.dispose();
  });
});

test('a big page keeps every comment and its text', async () => {
  const engine = await load();
  const document = makeDocument(20000, { seed: 3 });
  const thread = engine.ingest(documentBytes(document));
  const page = thread.page({ perPage: 1000 });
  const bodies = new Map(document.comments.map((c) => [c.id, c.body]));
  let seen = 0;
  const walk = (items) => {
    for (const item of items) {
      seen++;
      if (!item.tombstone) assert.equal(item.body, bodies.get(item.id));
      walk(item.children);
    }
  };
  walk(page.items);
  assert.ok(seen > 10000, `${seen} comments on the page`);
  thread.dispose();
});
