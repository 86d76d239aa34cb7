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

test('segments: links only ever carry http and https URLs', () => {
  const segments = engine.segments('javascript:alert(1) http://ok.example data:x https://fine.example/a');
  const urls = segments.filter((s) => s.type === 'link').map((s) => s.url);
  assert.deepEqual(urls, ['http://ok.example', 'https://fine.example/a']);
});

test('segments: a lone surrogate arrives as U+FFFD, never as broken UTF-8', () => {
  // JS strings may hold lone surrogates; Embind encodes them as U+FFFD.
  const [segment] = engine.segments('a\uD800b');
  assert.equal(segment.type, 'text');
  assert.equal(segment.text.length, 3);
  assert.ok(!(engine.segments('x') instanceof SoundoffError));
});
