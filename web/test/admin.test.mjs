// The console's pure parts (web/src/admin): routes, language choice, query strings, which queue a comment
// belongs in after an action, ban values from a comment, and the strings tables (German has every English key).
import assert from 'node:assert/strict';
import { test } from 'node:test';

import { queryString } from '../src/admin/api.js';
import { route } from '../src/admin/app.js';
import { banValueFrom, expiryIso } from '../src/admin/bans.js';
import { chooseLanguage, locales, translator } from '../src/admin/i18n.js';
import { belongsIn } from '../src/admin/queue.js';

test('the location hash names a view; anything else is the held queue', () => {
  assert.deepEqual(route('#/queue/spam'), { kind: 'queue', queue: 'spam' });
  assert.deepEqual(route('#/bans'), { kind: 'bans' });
  assert.deepEqual(route('#/policy'), { kind: 'policy' });
  assert.deepEqual(route('#/outbox'), { kind: 'outbox' });
  for (const hash of ['', '#', '#/queue/nope', '#/constructor', '#/__proto__', '#main', '#/queue/held/x']) {
    assert.deepEqual(route(hash), { kind: 'queue', queue: 'held' }, hash);
  }
});

test('?lang= wins, then the browser languages, then English', () => {
  assert.equal(chooseLanguage('?lang=de', ['en-US']), 'de');
  assert.equal(chooseLanguage('?lang=xx', ['fr-FR', 'de-AT']), 'de');
  assert.equal(chooseLanguage('', ['fr']), 'en');
  assert.equal(chooseLanguage('?lang=%3Cscript%3E', undefined), 'en');
});

test('German has every English string, with the same placeholders', () => {
  const placeholders = (v) => JSON.stringify(v).match(/\{\w+\}/g)?.sort() ?? [];
  for (const [key, value] of Object.entries(locales.en)) {
    assert.ok(key in locales.de, key);
    assert.deepEqual(placeholders(locales.de[key]), placeholders(value), key);
  }
  const t = translator('de');
  assert.equal(t('selected', { n: 2 }), '2 ausgewählt');
  assert.equal(t('edit_body', { id: '<b>' }), 'Text von Kommentar <b> bearbeiten');
});

test('query strings leave out empty filters and encode the rest', () => {
  assert.equal(queryString({ author: ' Mary ', email: '', cursor: null, q: 'a&b=c', limit: 50 }), '?author=Mary&q=a%26b%3Dc&limit=50');
  assert.equal(queryString({}), '');
});

test('after an action a comment stays only in a queue it still belongs to', () => {
  assert.equal(belongsIn('held', { status: 'published' }), false);
  assert.equal(belongsIn('held', { status: 'pending' }), true);
  assert.equal(belongsIn('reported', { status: 'spam' }), false);
  assert.equal(belongsIn('spam', { status: 'spam' }), true);
  assert.equal(belongsIn('recent', { status: 'deleted' }), true);
});

test('a ban takes its value from the comment by kind; an empty expiry is never', () => {
  const c = { author: 'Mary', email: 'm@example.org', ip: '203.0.113.7', network: '203.0.113.0/24' };
  assert.deepEqual(['author', 'email', 'network', 'address'].map((k) => banValueFrom(c, k)), ['Mary', 'm@example.org', '203.0.113.0/24', '203.0.113.7']);
  assert.equal(banValueFrom(null, 'author'), '');
  assert.equal(expiryIso(''), null);
  assert.equal(expiryIso('not a date'), null);
  assert.match(expiryIso('2027-01-31T12:00'), /^2027-01-31T\d\d:00:00\.000Z$/);
});
