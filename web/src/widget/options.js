// Widget options: defaults, data-soundoff-* attributes of the script tag (or
// mount element), and the JS API's object, normalised into one shape.

export const sorts = ['oldest', 'newest', 'top', 'best', 'controversial', 'active'];

export const defaults = {
  src: null, // static mode: URL of a comment document
  document: null, // static mode (JS API): the document itself
  api: null, // API mode: server origin ('' = same origin)
  thread: null, // API mode: thread key; static mode: optional thread of a multi-thread document
  url: null, // API mode without a thread key: the page whose thread to show (default: <link rel=canonical>, else the page)
  sort: 'oldest',
  perPage: 50,
  maxDepth: 5,
  maxReplies: 10, // long reply lists collapse behind "Show N more replies" so a page lays out few nodes first
  lang: null, // default: <html lang>, else the browser's
  theme: 'auto', // 'auto' | 'light' | 'dark'
  paging: 'pages', // 'pages' | 'more'
  title: null, // heading wording, default from the strings ("soundoff")
  poll: 30, // API mode: seconds between checks for new comments; 0 = off
  strings: null, // {locale: {key: template}} extra or overriding translations
  engine: null, // an already loaded engine (or a promise of one)
  spamPolicy: null, // the pre-check's spam policy: a URL of the server's policy JSON, or (JS) the policy object
  notify: false, // API mode: offer "Email me replies" (the server has reader_mail on; docs/notifications.md)
  ssoToken: null, // API mode: the site's signed token for its logged-in reader (docs/sso.md), sent as X-Soundoff-User
};

const integer = (value, fallback, min, max) => {
  const n = Number.parseInt(value, 10);
  return Number.isFinite(n) && n >= min && n <= max ? n : fallback;
};
const oneOf = (value, allowed, fallback) => (allowed.includes(value) ? value : fallback);

/** Options from data-soundoff-* attributes (strings), e.g. data-soundoff-per-page="20". */
export function optionsFromAttributes(element) {
  const d = element?.dataset ?? {};
  const o = {};
  const take = (key, attr) => {
    if (attr in d) o[key] = d[attr];
  };
  take('src', 'soundoffSrc');
  take('api', 'soundoffApi');
  take('thread', 'soundoffThread');
  take('url', 'soundoffUrl');
  take('sort', 'soundoffSort');
  take('perPage', 'soundoffPerPage');
  take('maxDepth', 'soundoffMaxDepth');
  take('maxReplies', 'soundoffMaxReplies');
  take('lang', 'soundoffLang');
  take('theme', 'soundoffTheme');
  take('paging', 'soundoffPaging');
  take('title', 'soundoffTitle');
  take('poll', 'soundoffPoll');
  take('spamPolicy', 'soundoffSpamPolicy');
  take('ssoToken', 'soundoffSsoToken');
  take('notify', 'soundoffNotify');
  return o;
}

// An `api` with a thread key, or with neither key nor static document (the thread is then the page's).
const apiMode = (o) => o.api !== null && o.api !== undefined && Boolean(o.thread || (!o.src && !o.document));
// <link rel=canonical>'s href property is absolute, resolved against the page.
const canonicalUrl = () => document.querySelector('link[rel~="canonical"][href]')?.href || null;

/** Merged and checked options; bad values fall back to defaults rather than break the page. */
export function normalizeOptions(...sources) {
  const o = Object.assign({}, defaults, ...sources.map((s) => Object.fromEntries(Object.entries(s || {}).filter(([, v]) => v !== undefined))));
  return {
    ...o,
    sort: oneOf(o.sort, sorts, 'oldest'),
    perPage: integer(o.perPage, 50, 1, 1000),
    maxDepth: integer(o.maxDepth, 5, 0, 1000),
    maxReplies: integer(o.maxReplies, defaults.maxReplies, 0, 100000),
    theme: oneOf(o.theme, ['auto', 'light', 'dark'], 'auto'),
    paging: oneOf(o.paging, ['pages', 'more'], 'pages'),
    poll: integer(o.poll, 30, 0, 86400),
    notify: o.notify === true || o.notify === 'true' || o.notify === '',
    lang: o.lang || document.documentElement.lang || navigator.language || 'en',
    mode: apiMode(o) ? 'api' : 'static',
    // With no thread key the server finds the thread by this URL (docs/widget.md, "Threads by page URL").
    pageUrl: apiMode(o) && !o.thread ? String(o.url || canonicalUrl() || location.href) : null,
  };
}
