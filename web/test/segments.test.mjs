// engine.segments() against the fixture GoogleTest also reads.
import assert from 'node:assert/strict';
import { before, test } from 'node:test';

import { load, SoundoffError } from '../dist/soundoff-engine.mjs';
import { readFixtureJson } from './support/paths.mjs';

let engine;
before(async () => {
  engine = await load();
});

for (const c of readFixtureJson('text-segments.json').cases) {
  test(`segments: ${c.name}`, () => {
    assert.deepEqual(engine.segments(c.body), c.segments);
  });
}

test('segments: a body that is not a string is invalid_argument', () => {
  assert.throws(() => engine.segments(42), (e) => e instanceof SoundoffError && e.code === 'invalid_argument');
});

test('segments: links only ever carry http and https URLs', () => {
  const segments = engine.segments('javascript:alert(1) http://ok.example data:x https://fine.example/a');
  const urls = segments.filter((s) => s.type === 'link').map((s) => s.url);
  assert.deepEqual(urls, ['http://ok.example', 'https://fine.example/a']);
});

test('segments: a lone surrogate becomes U+FFFD and never eats the next character', () => {
  // JS strings may hold lone surrogates; they must not reach wasm as broken UTF-8.
  for (const [body, text] of [['a\uD800b', 'a\uFFFDb'], ['a\uDC00b', 'a\uFFFDb'], ['x\uD83D', 'x\uFFFD'],
                              ['ok \uD83D\uDE09', 'ok \u{1F609}']]) {
    assert.deepEqual(engine.segments(body), [{ type: 'text', text }]);
  }
});

test('documents: a lone surrogate is replaced in text, and rejected by name when JSON escapes it', () => {
  const record = { id: '1', author: 'a\uD800b', created: '2013-09-09T20:00:00Z', body: 'x' };
  // Raw in a string: TextEncoder makes it U+FFFD, the next character survives.
  const raw = `{"comments":[{"id":"1","author":"a\uD800b","created":"2013-09-09T20:00:00Z","body":"x"}]}`;
  const thread = engine.ingest(raw);
  assert.equal(thread.page().items[0].author, 'a\uFFFDb');
  thread.dispose();
  // In an object: JSON.stringify writes it as the escape \ud800, which JSON cannot carry alone.
  assert.throws(() => engine.ingest({ comments: [record] }),
                (e) => e instanceof SoundoffError && e.code === 'invalid_json' && /surrogate/.test(e.message));
});
