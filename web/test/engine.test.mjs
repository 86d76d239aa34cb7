// The facade over the wasm engine: ingest, pages, permalinks, cursors, errors
// and handle ownership, on the seed fixture and generated threads (the shared
// page cases run in page-cases.test.mjs).
import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';

import { load, SoundoffError } from '../dist/soundoff-engine.mjs';
import { documentBytes, makeDocument } from './support/documents.mjs';
import { readFixture, readFixtureJson } from './support/paths.mjs';

let engine;
before(async () => {
  engine = await load();
});

// Pre-order walk of a page's items.
function* walk(items) {
  const stack = [...items].reverse();
  while (stack.length) {
    const item = stack.pop();
    yield item;
    for (let i = item.children.length - 1; i >= 0; i--) stack.push(item.children[i]);
  }
}

function expectError(code, fn) {
  assert.throws(fn, (e) => {
    assert.ok(e instanceof SoundoffError, `expected a SoundoffError, got ${e}`);
    assert.equal(e.code, code, e.message);
    assert.equal(typeof e.message, 'string');
    assert.ok(e.message.length > 0);
    return true;
  });
}

describe('ingesting the seed fixture', () => {
  test('counts every published comment of the fixture', () => {
    const fixture = readFixtureJson('seed-thread.json');
    const published = fixture.comments.filter((c) => (c.status ?? 'published') === 'published').length;
    const thread = engine.ingest(readFixture('seed-thread.json'));
    assert.equal(thread.thread, fixture.thread);
    assert.equal(thread.total, published);
    assert.equal(thread.comments, fixture.comments.length);
    assert.equal(thread.skipped, 0);
    thread.dispose();
  });

  test('accepts the same document as bytes, text, ArrayBuffer and a parsed object', () => {
    const bytes = readFixture('seed-thread.json');
    const inputs = [bytes, bytes.toString('utf8'), bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.length),
      JSON.parse(bytes.toString('utf8'))];
    const pages = inputs.map((input) => {
      const thread = engine.ingest(input);
      try {
        return thread.page({ perPage: 5 });
      } finally {
        thread.dispose();
      }
    });
    for (const page of pages.slice(1)) assert.deepEqual(page, pages[0]);
  });

  test('pages number comments in display order, oldest first by default', () => {
    const thread = engine.ingest(readFixture('seed-thread.json'));
    const page = thread.page({ perPage: 4, page: 2 });
    assert.equal(page.page, 2);
    assert.equal(page.per_page, 4);
    assert.equal(page.pages, Math.ceil(thread.total / 4));
    assert.deepEqual(page.items.map((i) => i.number), [5, 6, 7, 8]);
    assert.equal(page.links.prev, 1);
    thread.dispose();
  });
});

describe('paging a generated thread with replies', () => {
  const document = makeDocument(600, { seed: 7 });
  const shownIds = (pages) => pages.flatMap((p) => [...walk(p.items)].map((i) => i.id));

  test('numbered pages and cursor pages list the same comments in the same order', () => {
    const thread = engine.ingest(documentBytes(document));
    const numbered = [];
    const first = thread.page({ perPage: 25, maxDepth: 0 });
    for (let n = 1; n <= first.pages; n++) numbered.push(thread.page({ perPage: 25, maxDepth: 0, page: n }));
    const byCursor = [first];
    for (let p = thread.nextPage(first); p; p = thread.nextPage(p)) byCursor.push(p);
    assert.ok(numbered.length > 3);
    assert.deepEqual(shownIds(byCursor), shownIds(numbered));
    thread.dispose();
  });

  test('every visible comment is shown exactly once, under its parent', () => {
    const thread = engine.ingest(documentBytes(document));
    const pages = [];
    for (let p = thread.page({ perPage: 40, maxDepth: 0 }); p; p = thread.nextPage(p)) pages.push(p);
    const items = pages.flatMap((p) => [...walk(p.items)]);
    const visible = items.filter((i) => !i.tombstone);
    assert.equal(visible.length, thread.total);
    assert.equal(new Set(items.map((i) => i.id)).size, items.length);
    const byId = new Map(document.comments.map((c) => [c.id, c]));
    for (const page of pages) {
      for (const top of page.items) {
        for (const item of walk([top])) for (const child of item.children) assert.equal(byId.get(child.id).parent, item.id);
      }
    }
    thread.dispose();
  });

  test('pageOf names the page whose items hold the comment, for every sort', () => {
    const thread = engine.ingest(documentBytes(document));
    for (const sort of ['oldest', 'newest', 'top', 'best', 'controversial', 'active']) {
      for (const id of ['1', '77', '300', '599']) {
        let n;
        try {
          n = thread.pageOf(id, { sort, perPage: 30 });
        } catch (e) {
          assert.equal(e.code, 'not_found'); // hidden comments without replies are not shown
          continue;
        }
        const page = thread.page({ sort, perPage: 30, page: n, maxDepth: 0 });
        assert.ok([...walk(page.items)].some((i) => i.id === id), `${id} not on page ${n} (${sort})`);
        assert.equal(thread.page({ sort, perPage: 30, around: id }).page, n);
      }
    }
    thread.dispose();
  });

  test('an ingest option keeps only one thread of a multi-thread document', () => {
    const mixed = { thread: 'a', comments: [
      { id: '1', author: 'x', created: '2013-09-09T20:00:00Z', body: 'in a' },
      { id: '2', author: 'y', created: '2013-09-09T20:01:00Z', body: 'in b', thread: 'b' },
    ] };
    const thread = engine.ingest(mixed, { thread: 'b' });
    assert.equal(thread.total, 1);
    assert.deepEqual(thread.page().items.map((i) => i.id), ['2']);
    thread.dispose();
  });
});

describe('errors', () => {
  test('a document that is not JSON is invalid_json, with a message', () => {
    expectError('invalid_json', () => engine.ingest('{"comments": [}'));
  });

  test('bad records are reported on the page, not dropped silently', () => {
    const thread = engine.ingest({ comments: [{ id: '1', author: 'a', created: 'yesterday', body: 'x' },
      { id: '2', author: 'b', created: '2013-09-09T20:00:00Z', body: 'ok' }] });
    assert.equal(thread.skipped, 1);
    const page = thread.page();
    assert.equal(page.errors.length, 1);
    assert.equal(page.errors[0].index, 0);
    assert.equal(page.errors[0].field, 'created');
    thread.dispose();
  });

  test('wrong argument types and unknown options are invalid_argument', () => {
    const thread = engine.ingest(readFixture('seed-thread.json'));
    expectError('invalid_argument', () => engine.ingest(42));
    expectError('invalid_argument', () => engine.ingest('[]', { threads: 'x' }));
    expectError('invalid_argument', () => thread.page({ perPage: 'ten' }));
    expectError('invalid_argument', () => thread.page({ perPage: 2.5 }));
    expectError('invalid_argument', () => thread.page({ page: -1 }));
    expectError('invalid_argument', () => thread.page({ perpage: 10 }));
    expectError('invalid_argument', () => thread.page({ sort: 'random' }));
    expectError('invalid_argument', () => thread.page({ page: 2, around: '1' }));
    expectError('invalid_argument', () => thread.page(3));
    expectError('invalid_argument', () => thread.pageOf(1));
    expectError('invalid_argument', () => engine.segments(null));
    thread.dispose();
  });

  test('page option errors name the options as the caller wrote them', () => {
    const thread = engine.ingest(readFixture('seed-thread.json'));
    const messageOf = (fn) => {
      try {
        fn();
      } catch (e) {
        return e.message;
      }
      assert.fail('no error');
    };
    assert.match(messageOf(() => thread.page({ perPage: 0 })), /'perPage' must be between 1 and 1000, not 0/);
    assert.match(messageOf(() => thread.page({ maxDepth: 'deep' })), /'maxDepth' must be a whole number/);
    const typo = messageOf(() => thread.page({ perpage: 10 }));
    assert.match(typo, /'perpage' is unknown/);
    assert.match(typo, /perPage, maxDepth, maxReplies/);
    assert.doesNotMatch(typo, /per_page/);
    assert.match(messageOf(() => thread.pageOf('1', { page: 2 })), /'page' is unknown; known for pageOf: sort, perPage/);
    assert.match(messageOf(() => thread.page({ page: 2, after: 'x' })), /at most one of/);
    thread.dispose();
  });

  test('unknown comments and cursors have their own codes', () => {
    const thread = engine.ingest(readFixture('seed-thread.json'));
    expectError('not_found', () => thread.pageOf('no-such-comment'));
    expectError('not_found', () => thread.page({ around: 'no-such-comment' }));
    expectError('invalid_cursor', () => thread.page({ after: 'not a cursor' }));
    thread.dispose();
  });
});

describe('handle ownership', () => {
  test('dispose is idempotent and later calls throw disposed', () => {
    const thread = engine.ingest(readFixture('seed-thread.json'));
    assert.equal(thread.disposed, false);
    thread.dispose();
    thread.dispose();
    assert.equal(thread.disposed, true);
    expectError('disposed', () => thread.page());
    expectError('disposed', () => thread.pageOf('1'));
  });

  test('disposing one thread leaves the others usable', () => {
    const a = engine.ingest(readFixture('seed-thread.json'));
    const b = engine.ingest(documentBytes(makeDocument(50)));
    a.dispose();
    assert.equal(b.page({ perPage: 1000 }).total, b.total);
    b.dispose();
  });

  test('results are plain data that outlive the thread', () => {
    const thread = engine.ingest(readFixture('seed-thread.json'));
    const page = thread.page();
    thread.dispose();
    assert.equal(Object.getPrototypeOf(page), Object.prototype);
    assert.equal(JSON.parse(JSON.stringify(page)).items.length, page.items.length);
  });

  test('engines loaded separately are independent', async () => {
    const other = await load();
    const a = engine.ingest(readFixture('seed-thread.json'));
    const b = other.ingest(readFixture('seed-thread.json'));
    a.dispose();
    assert.equal(b.page().total, a.total);
    b.dispose();
  });
});
