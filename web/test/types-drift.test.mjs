// The hand-written .d.ts repeats names that C++ owns (sort orders, segment
// types). These tests fail when the two drift apart.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { before, test } from 'node:test';

import { load } from '../dist/soundoff-engine.mjs';
import { readFixture, web } from './support/paths.mjs';

const declarations = readFileSync(join(web, 'src/soundoff-engine.d.ts'), 'utf8');
const quoted = (text) => [...text.matchAll(/'([a-z_]+)'/g)].map((m) => m[1]);

let engine;
before(async () => {
  engine = await load();
});

test('the declared sort orders are exactly the ones the engine accepts', () => {
  const declared = quoted(/export type SortOrder =([^;]*);/.exec(declarations)[1]);
  const thread = engine.ingest(readFixture('seed-thread.json'));
  for (const sort of declared) assert.equal(thread.page({ sort }).sort, sort);
  let accepted;
  try {
    thread.page({ sort: 'no-such-order' });
  } catch (e) {
    accepted = /use (.*)$/.exec(e.message)[1].split(/, | or /);
  }
  thread.dispose();
  assert.deepEqual([...accepted].sort(), [...declared].sort());
});

test('the declared segment types are exactly the ones the engine emits', () => {
  const union = /export type TextSegment =([\s\S]*?)\n\n/.exec(declarations)[1];
  const declared = [...union.matchAll(/type: '([a-z_]+)'/g)].map((m) => m[1]);
  const emitted = new Set(engine.segments('> q\nhi @Mary\n\nsee http://x.org').map((s) => s.type));
  assert.deepEqual([...emitted].sort(), [...declared].sort());
});

test('the declared spam reason codes are exactly core\'s (each one a policy weight the engine accepts)', async () => {
  const declared = quoted(/export type SpamReasonCode =([^;]*);/.exec(declarations)[1]);
  const table = readFileSync(join(web, '../core/src/spam_reasons.h'), 'utf8');
  const core = [...table.matchAll(/\{"([a-z_]+)", ReasonKind::/g)].map((m) => m[1]);
  assert.deepEqual([...declared].sort(), [...core].sort());
  const weights = Object.fromEntries(declared.map((code) => [code, 0.5]));
  assert.equal((await engine.checkSpam({ body: 'hello' }, null, { weights })).verdict, 'accept');
  await assert.rejects(engine.checkSpam({ body: 'hello' }, null, { weights: { not_a_reason: 0.5 } }), (e) => e.code === 'invalid_policy');
});
