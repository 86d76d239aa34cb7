// Debian's chromium driven by playwright-core (never a downloaded browser).
import { existsSync } from 'node:fs';
import { chromium } from 'playwright-core';

export const chromiumPath = process.env.SOUNDOFF_CHROMIUM ?? '/usr/bin/chromium';

/**
 * Context options of a reader's browser: headless Chromium names itself in its User-Agent, which the spam
 * check holds; a reader's browser does not.
 */
export const readerBrowser = { userAgent: 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0 Safari/537.36' };

export async function launch() {
  if (!existsSync(chromiumPath)) throw new Error(`${chromiumPath} is missing: run scripts/deps.sh (Debian chromium)`);
  return chromium.launch({
    executablePath: chromiumPath,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
      '--disable-sync', '--no-first-run', '--disable-quic'],
  });
}

/** A new page that fails the test on page errors; `console` messages are collected. */
export async function openPage(browser, options = {}) {
  const context = await browser.newContext({ locale: 'en-US', timezoneId: 'UTC', ...options });
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  if (process.env.DEBUG_CONSOLE) page.on('console', (m) => console.log('page:', m.text()));
  page.errors = errors;
  return page;
}

/**
 * Polls `predicate(arg)` in the page until it is truthy. page.evaluate runs
 * through the DevTools protocol; page.waitForFunction would call the page's
 * eval, which the hostile-content tests trap and count.
 */
export async function waitFor(page, predicate, arg, timeout = 20000) {
  const deadline = Date.now() + timeout;
  for (;;) {
    const value = await page.evaluate(predicate, arg);
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${predicate}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

/** Waits until the widget rendered its first page (or showed an error). */
export function waitForWidget(page, selector = '#soundoff') {
  return waitFor(
    page,
    (sel) => {
      const root = document.querySelector(sel)?.shadowRoot;
      return root && root.querySelector('.so-comments')?.getAttribute('aria-busy') === 'false';
    },
    selector,
  );
}

/** Text and numbers of the rendered comments, in order. */
export const renderedComments = (page, selector = '#soundoff') =>
  page.evaluate((sel) => {
    const root = document.querySelector(sel).shadowRoot;
    return [...root.querySelectorAll('article.so-comment')].map((a) => ({
      id: a.id,
      number: a.querySelector('.so-number')?.textContent ?? null,
      author: a.querySelector('.so-author')?.textContent ?? null,
      body: a.querySelector('.so-body')?.textContent ?? null,
    }));
  }, selector);
