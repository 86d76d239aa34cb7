// The reply form's pre-check: local field limits, and the messages made from
// a spam-check result. The bundled engine's own checkSpam (the lazily loaded
// tools module) is tested for links, length and duplicates in English and
// German; a stand-in check (declared below, in the documented result shape)
// drives the UI cases the real one cannot stage: unmapped reasons, slow and
// failing checks.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';

import { readFixtureJson } from '../support/paths.mjs';
import { launch, openPage, waitFor, waitForWidget } from './support/browser.mjs';
import { articlePage, startServer } from './support/server.mjs';

let server;
let browser;
before(async () => {
  server = await startServer();
  browser = await launch();
  server.route('/precheck-setup.js', `(${setup})()`, { type: 'text/javascript' });
});
after(async () => {
  await browser?.close();
  await server?.close();
});

// Runs in the page: mounts with a stand-in engine (the real one's other methods) whose checkSpam applies three
// documented rules (2+ links hold, same author+text hold, > 200 characters hold)
// and one unmapped signal, in the result shape of core's check_spam; "slow"
// answers after a second, "boom" fails. `?engine=real` mounts the real engine.
function setup() {
  const params = new URLSearchParams(location.search);
  window.__checks = [];
  window.SoundoffWidget.loadEngine().then((real) => {
    const standIn = {
      ingest: (d, o) => real.ingest(d, o),
      segments: (b) => real.segments(b),
      nameKeys: (names) => real.nameKeys(names),
      isPlausibleEmail: (email) => real.isPlausibleEmail(email),
      textCounts: (b) => real.textCounts(b),
      async checkSpam(candidate, context) {
        window.__checks.push({ candidate, threadSize: context.thread.length });
        if (candidate.body.includes('boom')) throw new Error('the check failed');
        if (candidate.body.includes('slow')) await new Promise((resolve) => setTimeout(resolve, 1000));
        const reasons = [];
        if (real.segments(candidate.body).filter((s) => s.type === 'link').length >= 2) reasons.push({ code: 'link_limit', message: '2 links or more', weight: 0.5 });
        if (context.thread.some((c) => c.author?.toLowerCase() === candidate.author.trim().toLowerCase() && c.body === candidate.body.trim())) {
          reasons.push({ code: 'duplicate', message: 'same text as an earlier comment', weight: 0.8 });
        }
        if ([...candidate.body].length > 200) reasons.push({ code: 'too_long', message: 'more than 200 characters', weight: 0.5 });
        if (/free money/i.test(candidate.body)) reasons.push({ code: 'money_offer', message: 'Offers money.', weight: 0.6 });
        const score = 1 - reasons.reduce((p, r) => p * (1 - r.weight), 1);
        return { verdict: score >= 0.5 ? 'hold' : 'accept', score, reasons };
      },
    };
    const useReal = params.get('engine') === 'real';
    window.widget = window.SoundoffWidget.mount('#soundoff', {
      src: params.get('src') || '/fixtures/seed-thread.json', engine: useReal ? real : standIn, lang: params.get('lang') || 'en',
    });
  });
}

const page = (body) => `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Pre-check</title></head><body><main><h1>Article</h1>
<div id="soundoff"></div>${body}<script src="/dist/soundoff.js"></script><script src="/precheck-setup.js"></script></main></body></html>`;

async function openForm(query = '') {
  const p = await openPage(browser);
  await p.goto(`${server.route('/precheck.html', page(''))}${query}`);
  await waitForWidget(p);
  return p;
}

const check = (p) => p.evaluate(() => {
  const c = document.querySelector('#soundoff').shadowRoot.querySelector('.so-check');
  return { verdict: c.className, headline: c.querySelector('.so-check-headline')?.textContent ?? null, reasons: [...c.querySelectorAll('li')].map((li) => `${li.dataset.code}: ${li.textContent}`) };
});
const typeBody = async (p, author, body) => {
  const root = p.locator('#soundoff');
  await root.locator('#so-author').fill(author);
  await root.locator('#so-body').fill(body);
};
const waitForCheck = (p, n) => waitFor(p, (count) => window.__checks.length >= count, n);

test('two links: the form says the comment will be held for moderation', async () => {
  const p = await openForm();
  await typeBody(p, 'Reader', 'see http://a.example and https://b.example/x');
  await waitFor(p, () => document.querySelector('#soundoff').shadowRoot.querySelector('.so-check li') !== null);
  assert.deepEqual(await check(p), { verdict: 'so-check so-check-hold', headline: 'Will be held for moderation.', reasons: ['link_limit: 2 links: will be held for moderation.'] });
  const last = await p.evaluate(() => window.__checks.at(-1));
  assert.equal(last.threadSize, 15, 'the check sees the comments on the page');
  assert.deepEqual(last.candidate, { author: 'Reader', email: '', body: 'see http://a.example and https://b.example/x' });
  await p.context().close();
});

test('duplicates, length and unmapped reasons are explained; a clean comment looks good', async () => {
  const p = await openForm();
  const { body } = readFixtureJson('seed-thread.json').comments.find((c) => c.id === '15');
  await typeBody(p, 'SAYWHAT', body);
  await waitFor(p, () => /duplicate/.test(document.querySelector('#soundoff').shadowRoot.querySelector('.so-check li')?.dataset.code ?? ''));
  assert.deepEqual((await check(p)).reasons, ['duplicate: You already posted this comment.']);

  await typeBody(p, 'Reader', 'x'.repeat(250));
  await waitFor(p, () => document.querySelector('#soundoff').shadowRoot.querySelector('.so-check li')?.dataset.code === 'too_long');
  assert.deepEqual((await check(p)).reasons, ['too_long: Too long (250 characters): long comments are held for moderation.']);

  await typeBody(p, 'Reader', 'FREE MONEY http://a.example http://b.example');
  await waitFor(p, () => document.querySelector('#soundoff').shadowRoot.querySelectorAll('.so-check li').length === 2);
  assert.deepEqual((await check(p)).reasons, ['link_limit: 2 links: will be held for moderation.', 'money_offer: Offers money.']);

  await typeBody(p, 'Reader', 'A reasonable point about the talks.');
  await waitFor(p, () => document.querySelector('#soundoff').shadowRoot.querySelector('.so-check-headline')?.textContent === 'Looks good.');
  assert.deepEqual((await check(p)).reasons, []);
  await p.context().close();
});

test('German pre-check messages', async () => {
  const p = await openForm('?lang=de');
  await typeBody(p, 'Leser', 'siehe http://a.example und https://b.example');
  await waitFor(p, () => document.querySelector('#soundoff').shadowRoot.querySelector('.so-check li') !== null);
  assert.deepEqual(await check(p), { verdict: 'so-check so-check-hold', headline: 'Wird vor der Veröffentlichung geprüft.', reasons: ['link_limit: 2 Links: wird vor der Veröffentlichung geprüft.'] });
  await p.context().close();
});

test('local limits: the body is measured in UTF-8 bytes like the server; static mode cannot post', async () => {
  const p = await openForm();
  const root = p.locator('#soundoff');
  await typeBody(p, 'Reader', '😉'.repeat(2500));
  assert.equal(await root.locator('#so-body-error').isHidden(), true, '10,000 bytes are allowed');
  await root.locator('#so-body').fill('😉'.repeat(2501));
  assert.equal(await root.locator('#so-body-error').textContent(), 'Too long: 10,004 bytes, at most 10,000 are allowed.');
  assert.equal(await root.locator('#so-body').getAttribute('aria-invalid'), 'true');
  assert.equal(await root.locator('#so-author').fill('x'.repeat(101)).then(() => root.locator('#so-author-error').textContent()), 'Too long: 101 bytes, at most 100 are allowed.');
  assert.equal(await root.locator('.so-submit').isDisabled(), true);
  assert.equal(await root.locator('.so-static-note').textContent(), 'Posting is disabled: this page shows a static copy of the comments.');
  await p.context().close();
});

test('a slow check never overwrites the answer for newer text; a failing one shows nothing and blocks nothing', async () => {
  const p = await openForm();
  await typeBody(p, 'Reader', 'slow: see http://a.example and https://b.example/x');
  await waitForCheck(p, 1);
  await typeBody(p, 'Reader', 'A reasonable point about the talks.');
  await waitFor(p, () => document.querySelector('#soundoff').shadowRoot.querySelector('.so-check-headline')?.textContent === 'Looks good.');
  await new Promise((resolve) => setTimeout(resolve, 1300)); // the slow answer arrives now, and is dropped
  assert.deepEqual(await check(p), { verdict: 'so-check so-check-accept', headline: 'Looks good.', reasons: [] });

  const calls = await p.evaluate(() => window.__checks.length);
  await typeBody(p, 'Reader', 'boom, this check fails');
  await waitForCheck(p, calls + 1);
  await waitFor(p, () => document.querySelector('#soundoff').shadowRoot.querySelector('.so-check').childElementCount === 0);
  const root = p.locator('#soundoff');
  assert.equal(await root.locator('#so-body-error').isHidden(), true);
  assert.equal(await root.locator('#so-body').inputValue(), 'boom, this check fails');
  await p.context().close();
});

// Comments of the last hour: the spam check's duplicate rule looks back one day from now.
function freshThread() {
  const now = Date.now();
  const comment = (id, author, minutes, body) => ({ id, author, created: new Date(now - minutes * 60_000).toISOString(), body });
  return JSON.stringify({
    thread: 'fresh',
    comments: [
      comment('1', 'Mary', 50, 'This Russian move, concerted with Syria, is the smartest move ever to defuse the crisis.'),
      comment('2', 'saywhat', 40, 'If the Russian proposal is well received then war would become a harder sell at home.'),
    ],
  });
}

const realCheck = (lang) => async () => {
  server.route('/fresh-thread.json', freshThread, { type: 'application/json' });
  const p = await openForm(`?engine=real&src=/fresh-thread.json&lang=${lang}`);
  // Coming to the form starts loading the tools module, before anything is typed.
  await p.locator('#soundoff').locator('#so-author').focus();
  await waitFor(p, () => performance.getEntriesByType('resource').some((e) => e.name.endsWith('/dist/soundoff-tools.mjs')));
  return p;
};
const waitForCode = (p, code) =>
  waitFor(p, (c) => [...document.querySelector('#soundoff').shadowRoot.querySelectorAll('.so-check li')].some((li) => li.dataset.code === c), code);

test("the bundled engine's spam check: links hold, too long, a duplicate of one's own comment (English)", async () => {
  const p = await realCheck('en')();
  await typeBody(p, 'Reader', 'see http://a.example and https://b.example/x');
  await waitForCode(p, 'link_limit');
  let result = await check(p);
  assert.equal(result.verdict, 'so-check so-check-hold');
  assert.equal(result.headline, 'Will be held for moderation.');
  assert.ok(result.reasons.includes('link_limit: 2 links: will be held for moderation.'), result.reasons.join('; '));

  await typeBody(p, 'Reader', 'Words of a long comment, going on. '.repeat(200));
  await waitForCode(p, 'too_long');
  result = await check(p);
  assert.equal(result.headline, 'Will be held for moderation.');
  assert.ok(result.reasons.includes('too_long: Too long (5,600 characters): long comments are held for moderation.'), result.reasons.join('; '));

  await typeBody(p, 'MARY', 'This Russian move, concerted with Syria, is the smartest move ever to defuse the crisis.');
  await waitForCode(p, 'duplicate');
  result = await check(p);
  assert.equal(result.headline, 'Will be held for moderation.');
  assert.equal(result.reasons[0], 'duplicate: You already posted this comment.');

  await typeBody(p, 'Reader', 'A reasonable point about the talks, I think.');
  await waitFor(p, () => document.querySelector('#soundoff').shadowRoot.querySelector('.so-check-headline')?.textContent === 'Looks good.');
  await p.context().close();
});

test("the pre-check's numbers are core's counts, not JavaScript's: zero-width characters, entities, bare domains", async () => {
  const p = await realCheck('en')();
  // 9 characters as core counts them (8 letters and the '&' of "&amp;"), 14 for [...body] without \s, 16 for .length.
  const body = 'abcdefgh&amp;\u200b '.repeat(560);
  await typeBody(p, 'Reader', body);
  await waitForCode(p, 'too_long');
  assert.ok((await check(p)).reasons.includes('too_long: Too long (5,040 characters): long comments are held for moderation.'), (await check(p)).reasons.join('; '));
  assert.equal(await p.locator('#soundoff').locator('#so-body-error').isHidden(), true, '9,520 bytes are within the server\'s limit');

  await typeBody(p, 'Reader', 'visit example.com and example.org for the transcript');
  await waitForCode(p, 'link_limit');
  assert.ok((await check(p)).reasons.includes('link_limit: 2 links: will be held for moderation.'), (await check(p)).reasons.join('; '));
  await p.context().close();
});

test("the e-mail field follows the server's rule (core's is_plausible_email)", async () => {
  const p = await openForm('?engine=real');
  const root = p.locator('#soundoff');
  for (const [email, error] of [['a@b', null], ['reader@example.org', null], ['reader.example.org', 'This is not a valid email address.'],
                               ['reader @example.org', 'This is not a valid email address.'], ['a@b@c', null]]) {
    await root.locator('#so-email').fill(email);
    const shown = await root.locator('#so-email-error').isHidden() ? null : await root.locator('#so-email-error').textContent();
    assert.equal(shown, error, email);
  }
  await p.context().close();
});

test("the bundled engine's spam check in German", async () => {
  const p = await realCheck('de')();
  await typeBody(p, 'Leser', 'siehe http://a.example und https://b.example');
  await waitForCode(p, 'link_limit');
  let result = await check(p);
  assert.equal(result.headline, 'Wird vor der Veröffentlichung geprüft.');
  assert.ok(result.reasons.includes('link_limit: 2 Links: wird vor der Veröffentlichung geprüft.'), result.reasons.join('; '));

  await typeBody(p, 'Leser', 'Worte eines langen Kommentars, immer weiter. '.repeat(150));
  await waitForCode(p, 'too_long');
  result = await check(p);
  assert.ok(result.reasons.some((r) => /^too_long: Zu lang \([\d.]+ Zeichen\)/.test(r)), result.reasons.join('; '));

  await typeBody(p, 'saywhat', 'If the Russian proposal is well received then war would become a harder sell at home.');
  await waitForCode(p, 'duplicate');
  assert.equal((await check(p)).reasons[0], 'duplicate: Diesen Kommentar haben Sie bereits gesendet.');
  await p.context().close();
});

test('a policy from data-soundoff-spam-policy (e.g. the server\'s) drives the pre-check', async () => {
  server.route('/policy.json', JSON.stringify({ links: { hold_at: 1 }, weights: { content_model: 0, link_only: 0 } }), { type: 'application/json' });
  const p = await openPage(browser);
  await p.goto(server.route('/policy.html', articlePage({ attributes: { src: '/fixtures/seed-thread.json', 'spam-policy': '/policy.json' } })));
  await waitForWidget(p);
  await typeBody(p, 'Reader', 'A single link to the transcript: https://a.example/transcript');
  await waitForCode(p, 'link_limit');
  assert.deepEqual((await check(p)).reasons, ['link_limit: 1 link: will be held for moderation.']);
  await p.context().close();
});
