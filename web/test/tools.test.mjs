// The tools module behind engine.checkSpam and engine.resolveReplies: loaded
// on first use, and giving the same answers as the native CLI (`soundoff spam`,
// `soundoff resolve`) for the same input, on the repository's fixtures and the
// shared data sets (skipped, with the reason, when ../shared or the CLI is absent).
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { before, describe, test } from 'node:test';
import vm from 'node:vm';

import { load, SoundoffError } from '../dist/soundoff-engine.mjs';
import { ircToDocument, noCli, parseCsv, readShared, runCli } from './support/native.mjs';
import { readFixture, readFixtureJson, web } from './support/paths.mjs';

const toolsUrl = pathToFileURL(join(web, 'dist/soundoff-tools.mjs')).href;

let engine;
before(async () => {
  engine = await load();
});

async function expectRejection(code, promise) {
  await assert.rejects(promise, (e) => {
    assert.ok(e instanceof SoundoffError, `expected a SoundoffError, got ${e}`);
    assert.equal(e.code, code, e.message);
    assert.ok(e.message.length > 0);
    return true;
  });
}

/**
 * What `soundoff spam` does for a document (native/cli/spam_command.cpp), through
 * engine.checkSpam: each comment, in time order, against the 500 comments before
 * it, with the author's earlier published comments as their approved count.
 */
async function checkLikeTheCli(comments) {
  const order = comments.map((c, i) => i).sort((a, b) => Date.parse(comments[a].created) - Date.parse(comments[b].created) || a - b);
  const earlier = [];
  const approved = new Map();
  const verdicts = new Array(comments.length);
  for (const i of order) {
    const c = comments[i];
    const context = { thread: earlier.slice(-500), authorApproved: approved.get(c.author) ?? 0 };
    verdicts[i] = { id: c.id, ...(await engine.checkSpam({ author: c.author, body: c.body, created: c.created }, context)) };
    earlier.push({ author: c.author, body: c.body, created: c.created });
    if ((c.status ?? 'published') === 'published' && c.author) approved.set(c.author, (approved.get(c.author) ?? 0) + 1);
  }
  return verdicts;
}

/** A YouTube Spam Collection file (COMMENT_ID,AUTHOR,DATE,CONTENT,CLASS) as a comment document. */
function youtubeDocument(text, thread) {
  const [header, ...rows] = parseCsv(text).filter((r) => r.length > 1);
  const col = (name) => header.indexOf(name);
  return {
    thread,
    comments: rows.map((r) => ({
      id: r[col('COMMENT_ID')],
      author: r[col('AUTHOR')],
      // Rows without a date sort first, as an unknown time does in the CLI.
      created: /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d/.test(r[col('DATE')]) ? `${r[col('DATE')].slice(0, 19)}Z` : '1970-01-01T00:00:00Z',
      body: r[col('CONTENT')],
    })),
  };
}

describe('checkSpam agrees with `soundoff spam`', { skip: noCli ?? false }, () => {
  test('on the seed thread', async () => {
    const document = readFixtureJson('seed-thread.json');
    const native = JSON.parse(runCli(['spam', '-'], JSON.stringify(document))).verdicts;
    assert.deepEqual(await checkLikeTheCli(document.comments), native);
  });

  for (const file of ['Youtube01-Psy.csv', 'Youtube02-KatyPerry.csv', 'Youtube03-LMFAO.csv']) {
    test(`on the YouTube Spam Collection's ${file}, reasons and scores included`, async (t) => {
      const text = readShared(`datasets/youtube-spam/${file}`);
      if (text === null) return t.skip('../shared/datasets/youtube-spam is absent');
      const document = youtubeDocument(text, file);
      const native = JSON.parse(runCli(['spam', '-'], JSON.stringify(document))).verdicts;
      assert.equal(native.length, document.comments.length, 'the CLI checked every comment');
      const wasm = await checkLikeTheCli(document.comments);
      assert.deepEqual(wasm, native);
      assert.ok(wasm.filter((v) => v.verdict !== 'accept').length > 50, 'the file exercises holds and rejects');
    });
  }

  test('with a policy, given as an object or as JSON text', async () => {
    const policy = { moderation_words: ['russian'], links: { hold_at: 1 }, weights: { content_model: 0 } };
    const document = readFixtureJson('seed-thread.json');
    const native = JSON.parse(runCli(['spam', '--policy', policyFile(policy), '-'], JSON.stringify(document))).verdicts;
    const [first] = document.comments.filter((c) => /russian/i.test(c.body));
    const expected = native.find((v) => v.id === first.id);
    const earlierThan = (c) => document.comments.filter((o) => Date.parse(o.created) < Date.parse(c.created));
    const context = { thread: earlierThan(first), authorApproved: earlierThan(first).filter((o) => o.author === first.author).length };
    const candidate = { author: first.author, body: first.body, created: first.created };
    assert.deepEqual({ id: first.id, ...(await engine.checkSpam(candidate, context, policy)) }, expected);
    assert.deepEqual({ id: first.id, ...(await engine.checkSpam(candidate, context, JSON.stringify(policy))) }, expected);
    assert.equal(expected.verdict, 'hold');
    assert.ok(expected.reasons.some((r) => r.code === 'moderation_word'));
  });
});

function policyFile(policy) {
  const path = join(mkdtempSync(join(tmpdir(), 'soundoff-policy-')), 'policy.json');
  writeFileSync(path, JSON.stringify(policy));
  return path;
}

describe('resolveReplies agrees with `soundoff resolve`', { skip: noCli ?? false }, () => {
  test('on the seed thread', async () => {
    const bytes = readFixture('seed-thread.json');
    assert.deepEqual(await engine.resolveReplies(bytes), JSON.parse(runCli(['resolve', '-'], bytes)));
  });

  test('on Ubuntu IRC dev logs as documents, with options', async (t) => {
    const dir = 'datasets/ubuntu-irc/dev';
    const names = ['2004-11-15_03', '2005-06-27_12', '2005-08-08_01'];
    let linked = 0;
    for (const name of names) {
      const raw = readShared(`${dir}/${name}.raw.txt`);
      if (raw === null) return t.skip(`../shared/${dir} is absent`);
      const document = JSON.stringify(ircToDocument(raw, name));
      const wasm = await engine.resolveReplies(document, { bots: ['ubottu', 'ubotu'], window: 10, maxGapMinutes: 30 });
      const native = JSON.parse(runCli(['resolve', '--bots', 'ubottu,ubotu', '--window', '10', '--max-gap-minutes', '30', '-'], document));
      assert.deepEqual(wasm, native, name);
      linked += wasm.replies.filter((r) => r.inferred_parent !== null).length;
    }
    assert.ok(linked > 100, `${linked} inferred links: the logs exercise the resolver`);
  });
});

describe('checkSpam on its own', () => {
  test('two links hold a comment; the result is plain data in core\'s snake_case', async () => {
    const result = await engine.checkSpam({ author: 'Reader', body: 'see http://a.example and https://b.example/x' });
    assert.equal(result.verdict, 'hold');
    assert.equal(Object.getPrototypeOf(result), Object.prototype);
    assert.deepEqual(Object.keys(result), ['verdict', 'score', 'reasons']);
    assert.ok(result.reasons.some((r) => r.code === 'link_limit' && typeof r.message === 'string' && r.weight === 0.5));
  });

  test('a repeat of the same author\'s comment in the thread is a duplicate; the time defaults to now', async () => {
    const body = 'I think the talks in Moscow are a distraction from the real question here.';
    const thread = [{ author: 'Mary', body, created: new Date(Date.now() - 60_000).toISOString() }];
    const repeat = await engine.checkSpam({ author: 'mary', body }, { thread });
    assert.equal(repeat.verdict, 'hold');
    assert.equal(repeat.reasons[0].code, 'duplicate');
    const other = await engine.checkSpam({ author: 'Bob', body: 'A different remark about the talks.' }, { thread });
    assert.equal(other.verdict, 'accept');
  });

  test('too long a comment is held (over 5,000 characters besides spaces)', async () => {
    const result = await engine.checkSpam({ author: 'Reader', body: 'Words of a long comment, going on. '.repeat(200) });
    assert.ok(result.reasons.some((r) => r.code === 'too_long'), JSON.stringify(result));
    assert.equal(result.verdict, 'hold');
  });

  test('request facts: an ip key and a user agent reach the checks', async () => {
    const result = await engine.checkSpam({ author: 'x', body: 'hello there, nice article' }, { userAgent: 'curl/8.0', ip: 'k' });
    assert.ok(result.reasons.some((r) => r.code === 'automated_user_agent'), JSON.stringify(result));
  });

  test('bad input is a SoundoffError with a code, never a bare value', async () => {
    await expectRejection('invalid_argument', engine.checkSpam());
    await expectRejection('invalid_argument', engine.checkSpam('a body'));
    await expectRejection('invalid_argument', engine.checkSpam({ author: 'a' }));
    await expectRejection('invalid_argument', engine.checkSpam({ body: 'x', bodyy: 'typo' }));
    await expectRejection('invalid_argument', engine.checkSpam({ body: 42 }));
    await expectRejection('invalid_argument', engine.checkSpam({ body: 'x' }, { thread: 'nope' }));
    await expectRejection('invalid_argument', engine.checkSpam({ body: 'x' }, { thread: [{ body: 'y', created: 'yesterday' }] }));
    await expectRejection('invalid_argument', engine.checkSpam({ body: 'x' }, { authorApproved: -1 }));
    await expectRejection('invalid_json', engine.checkSpam({ body: 'lone \uD800 surrogate' }));
    await expectRejection('invalid_policy', engine.checkSpam({ body: 'x' }, null, '{not json'));
    await expectRejection('invalid_policy', engine.checkSpam({ body: 'x' }, null, { flood: { burst: 0 } }));
    await expectRejection('invalid_policy', engine.checkSpam({ body: 'x' }, null, { no_such_rule: 1 }));
    await expectRejection('invalid_argument', engine.checkSpam({ body: 'x' }, null, 42));
  });
});

describe('resolveReplies on its own', () => {
  test('an @mention links to the named author\'s comment', async () => {
    const result = await engine.resolveReplies({
      thread: 't',
      comments: [
        { id: '1', author: 'Mary', body: 'The talks will fail.', created: '2013-09-09T20:00:00Z' },
        { id: '2', author: 'Bob', body: 'Something else entirely.', created: '2013-09-09T20:01:00Z' },
        { id: '3', author: 'saywhat', body: 'blockage@Mary why would they?', created: '2013-09-09T20:02:00Z' },
      ],
    });
    const third = result.replies[2];
    assert.equal(third.inferred_parent, '1');
    assert.deepEqual(third.evidence[0], { kind: 'mention', begin: 8, end: 13, text: '@Mary' });
  });

  test('bad documents and options are SoundoffErrors', async () => {
    await expectRejection('invalid_json', engine.resolveReplies('{"comments": ['));
    await expectRejection('invalid_argument', engine.resolveReplies(42));
    await expectRejection('invalid_argument', engine.resolveReplies('[]', { windw: 3 }));
    await expectRejection('invalid_argument', engine.resolveReplies('[]', { window: -1 }));
    await expectRejection('invalid_argument', engine.resolveReplies('[]', { bots: 'ubottu' }));
    await expectRejection('invalid_argument', engine.resolveReplies('[]', 'window=3'));
  });
});

describe('loading the tools module', () => {
  test('is lazy and shared: concurrent first calls wait for one load', async () => {
    let loads = 0;
    const fresh = await load({ tools: () => (loads++, import(toolsUrl)) });
    assert.equal(loads, 0, 'load() does not fetch the tools');
    const results = await Promise.all([fresh.checkSpam({ body: 'hi' }), fresh.resolveReplies('[]'), fresh.loadTools()]);
    assert.equal(loads, 1);
    assert.equal(results[0].verdict, 'accept');
    await fresh.checkSpam({ body: 'again' });
    assert.equal(loads, 1);
  });

  test('a failed load is load_failed naming the place, and a later call tries again', async () => {
    const missing = pathToFileURL(join(web, 'dist/no-such-tools.mjs')).href;
    const broken = await load({ tools: missing });
    await expectRejection('load_failed', broken.checkSpam({ body: 'x' }));
    await assert.rejects(broken.loadTools(), (e) => e.code === 'load_failed' && e.message.includes('no-such-tools.mjs'));
    await expectRejection('load_failed', (await load({ tools: () => Promise.resolve({}) })).resolveReplies('[]'));

    let attempts = 0;
    const flaky = await load({ tools: () => (++attempts === 1 ? Promise.reject(new Error('offline')) : import(toolsUrl)) });
    await expectRejection('load_failed', flaky.checkSpam({ body: 'x' }));
    assert.equal((await flaky.checkSpam({ body: 'x' })).verdict, 'accept');
    assert.equal(attempts, 2);
  });

  test('the ES module finds soundoff-tools.mjs next to itself; so does the classic build under require()', async () => {
    assert.equal((await (await load()).checkSpam({ body: 'hello' })).verdict, 'accept');
    const classic = createRequire(import.meta.url)(join(web, 'dist/soundoff-engine.js'));
    const engineFromRequire = await classic.load();
    assert.equal((await engineFromRequire.resolveReplies('[]')).replies.length, 0);
    await assert.rejects(engineFromRequire.checkSpam({}), (e) => e instanceof classic.SoundoffError && e.code === 'invalid_argument');
  });

  test('a classic script whose location is unknown says how to give it; the tools option works there', async () => {
    const script = join(web, 'dist/soundoff-engine.js');
    const context = vm.createContext({ TextDecoder, TextEncoder, WebAssembly, console, URL });
    vm.runInContext(readFileSync(script, 'utf8'), context, { filename: script });
    const unknown = await context.Soundoff.load();
    await assert.rejects(unknown.checkSpam({ body: 'x' }), (e) => e.code === 'load_failed' && /load\(\{ tools: url \}\)/.test(e.message));
    const given = await context.Soundoff.load({ tools: () => import(toolsUrl) });
    assert.equal((await given.checkSpam({ body: 'x' })).verdict, 'accept');
  });
});
