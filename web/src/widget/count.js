// web/dist/count.js: fills comment counts on article lists, without the
// engine. <script src="count.js" data-soundoff-api="https://host" async>
// Elements: [data-soundoff-count="thread-key"] and links ending in #soundoff
// with data-soundoff-thread="thread-key" (or the link's path as the key).
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
  const keyOf = (el) => el.dataset.soundoffCount || el.dataset.soundoffThread || new URL(el.href, location.href).pathname.replace(/^\/+|\/+$/g, '') || 'index';
  const run = async () => {
    const elements = [
      ...document.querySelectorAll('[data-soundoff-count],[data-soundoff-count-src]'),
      ...[...document.querySelectorAll('a[href$="#soundoff"]')].filter((a) => !a.matches('[data-soundoff-count],[data-soundoff-count-src]')),
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
    const keys = [...new Set(fromApi.map(keyOf))];
    for (let i = 0; i < keys.length; i += 200) {
      const batch = keys.slice(i, i + 200);
      try {
        const response = await fetch(`${api}/api/counts`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ threads: batch }) });
        const { counts } = await response.json();
        for (const el of fromApi) if (typeof counts?.[keyOf(el)] === 'number') fill(el, counts[keyOf(el)]);
      } catch {
        // Counts are decoration: leave the elements as they were.
      }
    }
  };
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', run, { once: true });
  else run();
})();
