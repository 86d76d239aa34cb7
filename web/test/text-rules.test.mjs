// engine.nameKeys, isPlausibleEmail and textCounts against the fixture
// GoogleTest also reads (tests/text_rules_test.cpp): the widget's mentions and
// pre-check get core's answers, including where JavaScript's own string rules
// (toLowerCase, trim, \s, String length) would differ.
import assert from 'node:assert/strict';
import { before, test } from 'node:test';

import { load, SoundoffError } from '../dist/soundoff-engine.mjs';
import { readFixtureJson } from './support/paths.mjs';

const fixture = readFixtureJson('text-rules.json');
let engine;
before(async () => {
  engine = await load({ tools: () => import('../dist/soundoff-tools.mjs') });
});

test('nameKeys: every fixture name has core\'s key, all in one call', () => {
  const names = fixture.name_keys.map((c) => c.name);
  assert.deepEqual(engine.nameKeys(names), fixture.name_keys.map((c) => c.key));
});

test('nameKeys: each name alone gets the key it gets in a batch', () => {
  for (const c of fixture.name_keys) assert.deepEqual(engine.nameKeys([c.name]), [c.key], JSON.stringify(c.name));
});

test('nameKeys: the cases where JavaScript\'s own folding would differ are in the fixture', () => {
  // The fixture must keep exercising what the widget used to do (trim + toLowerCase) wrongly.
  const differing = fixture.name_keys.filter((c) => c.name.trim().toLowerCase() !== c.key);
  assert.ok(differing.length >= 6, `${differing.length} cases differ from trim().toLowerCase()`);
});

test('nameKeys: no names is no call; a name that is not a string is invalid_argument; lone surrogates are no letters', () => {
  assert.deepEqual(engine.nameKeys([]), []);
  assert.throws(() => engine.nameKeys(['Mary', 7]), (e) => e instanceof SoundoffError && e.code === 'invalid_argument' && /name 1/.test(e.message));
  assert.throws(() => engine.nameKeys('Mary'), (e) => e instanceof SoundoffError && e.code === 'invalid_argument');
  assert.deepEqual(engine.nameKeys(['Ma\uD800ry', '\uDC00']), ['mary', '']);
});

test('nameKeys: a 0xFF-free encoding keeps names apart whatever they hold', () => {
  const names = ['a\u0000b', '\n', 'ÿ', '\u00ff\u00ff', 'x'.repeat(5000)];
  assert.deepEqual(engine.nameKeys(names), ['ab', '', 'ÿ', 'ÿÿ', 'x'.repeat(5000)]);
});

test('isPlausibleEmail: every fixture address is judged as core (and the server) judges it', () => {
  for (const c of fixture.emails) assert.equal(engine.isPlausibleEmail(c.email), c.plausible, c.email);
});

test('textCounts: every fixture body has core\'s character and link counts', async () => {
  for (const c of fixture.text_counts) {
    assert.deepEqual(await engine.textCounts(c.body), { chars: c.chars, links: c.links }, JSON.stringify(c.body));
  }
});

test('textCounts: the counts are the ones the spam check decides too_long and link_limit from', async () => {
  const body = 'ab\u200b &amp; '.repeat(4); // 3 visible characters each: the zero-width space is none, the entity one
  const { chars } = await engine.textCounts(body);
  assert.equal(chars, 12);
  assert.notEqual(chars, [...body].filter((ch) => !/\s/.test(ch)).length, 'a body JavaScript counts differently');
  const at = await engine.checkSpam({ body }, null, { max_chars: 12 });
  const over = await engine.checkSpam({ body }, null, { max_chars: 11 });
  assert.equal(at.reasons.some((r) => r.code === 'too_long'), false);
  assert.equal(over.reasons.some((r) => r.code === 'too_long'), true);
  assert.match(over.reasons.find((r) => r.code === 'too_long').message, /^12 characters/);
  const linked = await engine.checkSpam({ body: 'visit example.com and http://b.example' }, null, { links: { hold_at: 2 } });
  assert.equal((await engine.textCounts('visit example.com and http://b.example')).links, 2);
  assert.ok(linked.reasons.some((r) => r.code === 'link_limit'));
});

test('textCounts: a body that is not a string is invalid_argument', async () => {
  await assert.rejects(engine.textCounts(5), (e) => e instanceof SoundoffError && e.code === 'invalid_argument');
});
