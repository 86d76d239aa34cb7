// engine.loadSiteModel / clearSiteModel: a site's own spam model (docs/spam.md)
// in the tools module, used by every later checkSpam of that engine as
// `soundoff spam --site-model` uses it.
//
// tests/fixtures/site-model-garden.json is what the real CLI learns from
// tests/fixtures/site-model-garden.csv (a gardening site whose moderators reject
// praise of one compost brand, which neither the rules nor the shipped filter
// know as spam); regenerate it with
//   soundoff spam --format youtube-csv --learn-site tests/fixtures/site-model-garden.json \
//     tests/fixtures/site-model-garden.csv
// The last test checks that the fixture is still what the CLI writes (skipped without a CLI).
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { before, test } from 'node:test';

import { load, SoundoffError } from '../dist/soundoff-engine.mjs';
import { noCli, runCli } from './support/native.mjs';
import { fixtures, readFixture, readFixtureJson } from './support/paths.mjs';

const modelText = readFixture('site-model-garden.json').toString('utf8');
// Like the rejected comments, not one of them; and an ordinary comment.
const brandPraise = { author: 'Rosa', body: 'Got the Marigold Growers compost tea at my garden centre and the harvest doubled' };
const gardenTalk = { author: 'Rosa', body: 'My lettuce bolted in the heat, should I have planted it in the shade instead?' };

let engine;
before(async () => {
  engine = await load();
});

async function expectRejection(code, promise, pattern) {
  await assert.rejects(promise, (e) => {
    assert.ok(e instanceof SoundoffError, `expected a SoundoffError, got ${e}`);
    assert.equal(e.code, code, e.message);
    assert.match(e.message, pattern);
    return true;
  });
}

const codes = (check) => check.reasons.map((r) => r.code);

test('a loaded site model holds what the site\'s moderators rejected; clearing it restores the default verdict', async () => {
  const fresh = await load();
  const without = await fresh.checkSpam(brandPraise);
  assert.equal(without.verdict, 'accept', JSON.stringify(without));
  assert.ok(!codes(without).includes('site_model'));

  const summary = await fresh.loadSiteModel(modelText, { minExamples: 5 });
  assert.deepEqual(summary, { ...summary, spam_examples: 6, ham_examples: 6, decisions: 12, min_examples: 5, active: true });
  assert.ok(summary.buckets > 50, `${summary.buckets} buckets`);

  const withModel = await fresh.checkSpam(brandPraise);
  assert.equal(withModel.verdict, 'hold', JSON.stringify(withModel));
  assert.ok(withModel.score > without.score);
  const reason = withModel.reasons.find((r) => r.code === 'site_model');
  assert.ok(reason, JSON.stringify(withModel));
  assert.match(reason.message, /this site's moderators rejected comments like it/);
  assert.deepEqual(await fresh.checkSpam(gardenTalk), await load().then((e) => e.checkSpam(gardenTalk)), 'ordinary comments are unaffected');

  await fresh.clearSiteModel();
  assert.deepEqual(await fresh.checkSpam(brandPraise), without);
});

test('the model counts only with minExamples of each class (default 20); the model may be an object', async () => {
  const fresh = await load();
  const summary = await fresh.loadSiteModel(readFixtureJson('site-model-garden.json'));
  assert.equal(summary.min_examples, 20);
  assert.equal(summary.active, false);
  assert.ok(!codes(await fresh.checkSpam(brandPraise)).includes('site_model'));
  assert.equal((await fresh.loadSiteModel(modelText, { minExamples: 6 })).active, true);
  assert.ok(codes(await fresh.checkSpam(brandPraise)).includes('site_model'));
});

test('each engine has its own site model', async () => {
  const [a, b] = await Promise.all([load(), load()]);
  await a.loadSiteModel(modelText, { minExamples: 5 });
  assert.equal((await a.checkSpam(brandPraise)).verdict, 'hold');
  assert.equal((await b.checkSpam(brandPraise)).verdict, 'accept');
});

test('a bad model or option rejects naming the problem, and the loaded model stays', async () => {
  await engine.loadSiteModel(modelText, { minExamples: 5 });
  await expectRejection('invalid_model', engine.loadSiteModel('{"format": "soundoff-site-model",'), /^site model: not valid JSON \(byte 33\)/);
  await expectRejection('invalid_model', engine.loadSiteModel({ format: 'soundoff-token-filter' }), /"format" must be "soundoff-site-model"/);
  const model = readFixtureJson('site-model-garden.json');
  await expectRejection('invalid_model', engine.loadSiteModel({ ...model, version: 2 }), /"version" must be 1/);
  await expectRejection('invalid_model', engine.loadSiteModel({ ...model, spam_examples: -1 }), /"spam_examples" must be a number/);
  await expectRejection('invalid_model', engine.loadSiteModel({ ...model, features: { 12: [1] } }), /features\["12"\] must be \[spam count, ham count\]/);
  await expectRejection('invalid_model', engine.loadSiteModel({ ...model, features: { 999999999: [1, 0] } }), /bucket number below 262144/);
  await expectRejection('invalid_argument', engine.loadSiteModel(modelText, { minExamples: -1 }), /'minExamples' must be a non-negative integer/);
  await expectRejection('invalid_argument', engine.loadSiteModel(modelText, { minExample: 3 }), /unknown field 'minExample'/);
  await expectRejection('invalid_argument', engine.loadSiteModel(), /a site model is required/);
  await expectRejection('invalid_argument', engine.loadSiteModel([]), /a site model must be an object or JSON text/);
  assert.equal((await engine.checkSpam(brandPraise)).verdict, 'hold', 'the model loaded before the failures still counts');
  await engine.clearSiteModel();
  assert.equal((await engine.checkSpam(brandPraise)).verdict, 'accept');
});

test('the fixture is what `soundoff spam --learn-site` writes, and the CLI checks with it as the engine does', { skip: noCli ?? false }, async () => {
  const out = join(mkdtempSync(join(tmpdir(), 'soundoff-site-')), 'model.json');
  runCli(['spam', '--format', 'youtube-csv', '--learn-site', out, join(fixtures, 'site-model-garden.csv')]);
  assert.equal(readFileSync(out, 'utf8'), modelText);

  const document = JSON.stringify({ thread: 't', comments: [{ id: '1', created: '2024-03-02T10:00:00Z', ...brandPraise }] });
  const [native] = JSON.parse(runCli(['spam', '--site-model', out, '--min-examples', '5', '-'], document)).verdicts;
  const fresh = await load();
  await fresh.loadSiteModel(modelText, { minExamples: 5 });
  assert.deepEqual({ id: '1', ...(await fresh.checkSpam({ ...brandPraise, created: '2024-03-02T10:00:00Z' }, { authorApproved: 0 })) }, native);
});
