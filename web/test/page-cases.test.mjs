// tests/fixtures/page-cases.json through the built engine and the public
// facade: the cases GoogleTest runs (tests/page_fixtures_test.cpp), with each
// request given as a JS caller writes it (camelCase options).
import assert from 'node:assert/strict';
import { before, test } from 'node:test';

import { load } from '../dist/soundoff-engine.mjs';
import { readFixture, readFixtureJson } from './support/paths.mjs';

const cases = readFixtureJson('page-cases.json');

// snake_case fixture keys as facade options: per_page -> perPage.
const camelCase = (request) =>
  Object.fromEntries(Object.entries(request).map(([key, value]) => [key.replace(/_([a-z])/g, (_, c) => c.toUpperCase()), value]));

// Empty when every key/element of `expected` is in `actual` (objects: a
// subset; arrays: the same length, element by element); else the first
// difference with its path. The same rule as tests/support/fixtures.cpp.
function subsetMismatch(expected, actual, path = '$') {
  if (expected !== null && typeof expected === 'object' && !Array.isArray(expected)) {
    if (actual === null || typeof actual !== 'object' || Array.isArray(actual)) {
      return `${path}: expected an object, got ${JSON.stringify(actual)}`;
    }
    for (const [key, value] of Object.entries(expected)) {
      if (!(key in actual)) return `${path}.${key}: missing`;
      const m = subsetMismatch(value, actual[key], `${path}.${key}`);
      if (m) return m;
    }
    return '';
  }
  if (Array.isArray(expected)) {
    if (!Array.isArray(actual)) return `${path}: expected an array, got ${JSON.stringify(actual)}`;
    if (expected.length !== actual.length) return `${path}: expected ${expected.length} elements, got ${actual.length}`;
    for (let i = 0; i < expected.length; i++) {
      const m = subsetMismatch(expected[i], actual[i], `${path}[${i}]`);
      if (m) return m;
    }
    return '';
  }
  return expected === actual ? '' : `${path}: expected ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}`;
}

let engine;
before(async () => {
  engine = await load();
});

test('the fixture file holds the cases', () => {
  assert.ok(Array.isArray(cases));
  assert.ok(cases.length >= 10, `only ${cases.length} cases`);
});

test('the matcher reports a difference (so a passing case means something)', () => {
  assert.equal(subsetMismatch({ a: [1, { b: 2 }] }, { a: [1, { b: 2, c: 3 }], d: 4 }), '');
  assert.match(subsetMismatch({ a: [1, { b: 2 }] }, { a: [1, { b: 3 }] }), /^\$\.a\[1\]\.b: expected 2, got 3$/);
  assert.match(subsetMismatch({ a: [1] }, { a: [1, 2] }), /expected 1 elements, got 2/);
  assert.match(subsetMismatch({ a: null }, {}), /missing/);
});

for (const c of cases) {
  test(c.name, () => {
    const document = c.document_file ? readFixture(c.document_file) : c.document;
    const thread = engine.ingest(document);
    try {
      const page = thread.page(camelCase(c.request));
      assert.equal(subsetMismatch(c.expected, page), '');
    } finally {
      thread.dispose();
    }
  });
}
