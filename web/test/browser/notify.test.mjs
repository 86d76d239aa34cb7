// "Email me replies" in the post form (docs/widget.md, docs/notifications.md):
// shown only with the `notify` option (data-soundoff-notify), labelled, it
// needs an address and sends notify_replies with the reader's language; after
// the post a role=status note asks the reader to confirm by mail (en/de).
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';

import { readFixtureJson } from '../support/paths.mjs';
import { launch, openPage, waitFor, waitForWidget } from './support/browser.mjs';
import { mockApi } from './support/mock-api.mjs';
import { articlePage, startServer } from './support/server.mjs';

let server;
let browser;
let api;
const thread = 'russia-calls';
before(async () => {
  server = await startServer();
  browser = await launch();
  api = await mockApi(server, { thread, comments: readFixtureJson('seed-thread.json').comments });
});
after(async () => {
  await browser?.close();
  await server?.close();
});

async function open(extra, path) {
  const page = await openPage(browser);
  await page.goto(server.route(path, articlePage({ attributes: { api: '', thread, poll: 0, ...extra } })));
  await waitForWidget(page);
  return page;
}

test('without the notify option there is no "Email me replies" checkbox', async () => {
  const page = await open({}, '/plain.html');
  assert.equal(await page.locator('#soundoff #so-notify').count(), 0);
  await page.context().close();
});

test('the labelled checkbox needs an email and sends notify_replies with it', async () => {
  const page = await open({ notify: 'true', lang: 'en' }, '/notify.html');
  const root = page.locator('#soundoff');
  const box = root.getByLabel('Email me replies (you confirm by a link first)');
  assert.equal(await box.getAttribute('type'), 'checkbox');
  await root.getByLabel('Name').fill('Reader');
  await root.getByLabel('Comment', { exact: true }).fill('Tell me when someone answers');
  await box.check();
  const before = api.state.posts.length;
  await root.getByRole('button', { name: 'Post comment' }).click();
  await waitFor(page, () => !document.querySelector('#soundoff').shadowRoot.getElementById('so-email-error').hidden);
  assert.equal(await root.locator('#so-email-error').textContent(), 'Enter your email to get replies by mail.');
  assert.equal(api.state.posts.length, before, 'nothing sent without an address');

  await root.getByLabel('Email (optional, never shown)').fill('reader@example.org');
  await root.getByRole('button', { name: 'Post comment' }).click();
  await waitFor(page, () => /posted/.test(document.querySelector('#soundoff').shadowRoot.querySelector('.so-form-status').textContent));
  const sent = api.state.posts.at(-1);
  assert.equal(sent.notify_replies, true);
  assert.equal(sent.email, 'reader@example.org');
  assert.equal(sent.lang, 'en');
  const note = root.getByRole('status').filter({ hasText: 'Check your mail' });
  assert.equal(await note.textContent(), 'Check your mail to confirm.');
  assert.equal(await note.evaluate((el) => el.children.length), 0, 'plain text, no markup');

  // A post without the box ticked clears the reminder.
  await box.uncheck();
  await root.getByLabel('Comment', { exact: true }).fill('No mail for this one');
  await root.getByRole('button', { name: 'Post comment' }).click();
  await waitFor(page, () => !document.querySelector('#soundoff').shadowRoot.querySelector('.so-mail-note').textContent);
  assert.equal(api.state.posts.at(-1).notify_replies, undefined);

  // A server that sends no reader mail answers "off": no reminder of a mail that will not come.
  api.state.readerMailOff = true;
  await box.check();
  await root.getByLabel('Comment', { exact: true }).fill('Mail is off on this site');
  const posted = api.state.posts.length;
  await root.getByRole('button', { name: 'Post comment' }).click();
  // The form empties its textarea once the server has answered, in the same step that sets the reminder.
  await waitFor(page, () => document.querySelector('#soundoff').shadowRoot.querySelector('textarea').value === '');
  assert.equal(api.state.posts.length, posted + 1);
  assert.equal(api.state.posts.at(-1).notify_replies, true);
  assert.equal(await root.locator('.so-mail-note').textContent(), '');
  api.state.readerMailOff = false;
  await page.context().close();
});

test('the reminder to confirm speaks German with lang=de', async () => {
  const page = await open({ notify: 'true', lang: 'de' }, '/notify-de.html');
  const root = page.locator('#soundoff');
  await root.getByLabel('Name').fill('Leserin');
  await root.getByLabel('Kommentar', { exact: true }).fill('Bitte Bescheid geben');
  await root.getByLabel('E-Mail (optional, wird nie angezeigt)').fill('leserin@example.org');
  await root.getByLabel('Antworten per E-Mail (erst per Link bestätigen)').check();
  await root.getByRole('button', { name: 'Kommentar senden' }).click();
  await waitFor(page, () => !!document.querySelector('#soundoff').shadowRoot.querySelector('.so-mail-note').textContent);
  const note = root.locator('.so-mail-note');
  assert.equal(await note.getAttribute('role'), 'status');
  assert.equal(await note.textContent(), 'Bitte bestätigen Sie den Link in Ihrer E-Mail.');
  assert.equal(api.state.posts.at(-1).lang, 'de');
  await page.context().close();
});
