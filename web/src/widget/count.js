// web/dist/count.js: fills comment counts on article lists, without the
// engine. <script src="count.js" data-soundoff-api="https://host" async>
// Elements: [data-soundoff-count="thread-key"], [data-soundoff-count-url="page URL"]
// (the thread of that page, docs/widget.md "Threads by page URL") and links ending
// in #soundoff with data-soundoff-thread="thread-key", else the link's path as the
// key, or, with data-soundoff-count-by="url" on the script, the link's page URL.
// Static mode: data-soundoff-count-src="comments.json" on the element counts
// published comments of that document.
(() => {
  const script = document.currentScript;
  const api = (script?.dataset.soundoffApi ?? '').replace(/\/+$/, '');
  const lang = script?.dataset.soundoffLang || document.documentElement.lang || 'en';
  const words = { en: ['{n} Response', '{n} Responses'], de: ['{n} Antwort', '{n} Antworten'] };
  const plural = new Intl.PluralRules(lang);
  const format = new Intl.NumberFormat(lang);
  const label = (n) => {
    const [one, other] = words[lang.slice(0, 2).toLowerCase()] ?? words.en;
    return (plural.select(n) === 'one' ? one : other).replace('{n}', format.format(n));
  };
  const byUrl = script?.dataset.soundoffCountBy === 'url';
  const urlOf = (el) =>
    el.dataset.soundoffCountUrl ||
    (byUrl && el.tagName === 'A' && !el.dataset.soundoffThread && !el.dataset.soundoffCount ? new URL(el.href, location.href).href.split('#')[0] : null);
  const keyOf = (el) => el.dataset.soundoffCount || el.dataset.soundoffThread || new URL(el.href, location.href).pathname.replace(/^\/+|\/+$/g, '') || 'index';
  const run = async () => {
    const elements = [
      ...document.querySelectorAll('[data-soundoff-count],[data-soundoff-count-src],[data-soundoff-count-url]'),
      ...[...document.querySelectorAll('a[href$="#soundoff"]')].filter((a) => !a.matches('[data-soundoff-count],[data-soundoff-count-src],[data-soundoff-count-url]')),
    ];
    const fill = (el, n) => {
      el.textContent = el.tagName === 'A' || el.dataset.soundoffCountFormat !== 'number' ? label(n) : format.format(n);
      el.setAttribute('data-soundoff-counted', String(n));
    };
    const fromApi = elements.filter((el) => !el.dataset.soundoffCountSrc);
    for (const el of elements.filter((e) => e.dataset.soundoffCountSrc)) {
      fetch(el.dataset.soundoffCountSrc)
        .then((r) => r.json())
        .then((doc) => {
          const comments = Array.isArray(doc) ? doc : doc.comments ?? [];
          fill(el, comments.filter((c) => (c.status ?? 'published') === 'published').length);
        })
        .catch(() => {});
    }
    if (!fromApi.length || !script?.hasAttribute('data-soundoff-api')) return;
    // Keys and page URLs, 200 per request; the answer's counts are by key, url_counts by the URL as sent.
    const ask = async (field, answer, named, nameOf) => {
      const names = [...new Set(named.map(nameOf))];
      for (let i = 0; i < names.length; i += 200) {
        try {
          const response = await fetch(`${api}/api/counts`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ [field]: names.slice(i, i + 200) }) });
          const counts = (await response.json())[answer];
          for (const el of named) if (typeof counts?.[nameOf(el)] === 'number') fill(el, counts[nameOf(el)]);
        } catch {
          // Counts are decoration: leave the elements as they were.
        }
      }
    };
    await ask('threads', 'counts', fromApi.filter((el) => !urlOf(el)), keyOf);
    await ask('urls', 'url_counts', fromApi.filter(urlOf), urlOf);
  };
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', run, { once: true });
  else run();
})();
