// The widget controller: mounts the Shadow DOM, loads pages from a source,
// renders them, and wires paging, sorting, permalinks, the form, votes,
// reports and "N new comments". Rendering itself lives in comments.js,
// pager.js and form.js; this file only keeps state and sequences calls.
import { mentionResolver } from './body.js';
import { appendItems, renderList } from './comments.js';
import { commentElementId, commentIdFromHash, h } from './dom.js';
import { createForm } from './form.js';
import { translator } from './i18n.js';
import { normalizeOptions, sorts } from './options.js';
import { renderPager } from './pager.js';
import { postOptimistically } from './posting.js';
import { defaultLimits } from './precheck.js';
import { WidgetError, apiSource, staticSource } from './sources.js';
import { applyStyles } from './styles.js';

/** Pre-order walk of page items (iterative). */
function flatten(items) {
  const out = [];
  const stack = [...items].reverse();
  while (stack.length) {
    const item = stack.pop();
    out.push(item);
    for (let i = (item.children?.length ?? 0) - 1; i >= 0; i--) stack.push(item.children[i]);
  }
  return out;
}

/**
 * Mounts a widget into `host` (its open shadow root).
 * @param {HTMLElement} host
 * @param {object} options  see options.js / soundoff-widget.d.ts
 * @param {() => Promise<object>} loadEngine  loads the wasm engine
 */
export function mountWidget(host, options, loadEngine) {
  const o = normalizeOptions(options);
  const t = translator(o.lang, o.strings ?? {});
  const shadow = host.shadowRoot ?? host.attachShadow({ mode: 'open' });
  shadow.replaceChildren();
  applyStyles(shadow);
  if (o.theme !== 'auto') host.setAttribute('data-soundoff-theme', o.theme);

  let engine = null;
  // performance marks (soundoff:engine, soundoff:source, soundoff:rendered) let pages and
  // bench/widget-paint.mjs see where the time to first paint goes.
  const mark = (name) => performance.mark?.(`soundoff:${name}`);
  const enginePromise = Promise.resolve(o.engine ?? loadEngine()).then((e) => {
    mark('engine');
    return (engine = e);
  });
  enginePromise.catch(() => {});

  const dates = {
    short: new Intl.DateTimeFormat(t.locale, { dateStyle: 'medium', timeStyle: 'short' }),
    full: new Intl.DateTimeFormat(t.locale, { dateStyle: 'full', timeStyle: 'long' }),
  };
  const numberFormat = new Intl.NumberFormat(t.locale);
  const title = o.title ?? t('title');

  // Skeleton: heading, toolbar, announcements, list, pager, form.
  const heading = h('h2', { id: 'so-heading', text: title });
  const sort = h('select', { id: 'so-sort' }, ...sorts.map((s) => h('option', { value: s, text: t(`sort_${s}`) })));
  sort.value = o.sort;
  const live = h('div', { class: 'so-sr', role: 'status', 'aria-live': 'polite' });
  const newButton = h('button', { type: 'button', class: 'so-new-comments', hidden: true });
  const listBox = h('div', { class: 'so-comments', 'aria-busy': 'true' }, h('p', { text: t('loading') }));
  const pagerBox = h('div');
  const section = h(
    'section',
    { class: 'so', lang: t.locale, 'aria-labelledby': heading.id },
    heading,
    h('div', { class: 'so-toolbar' }, h('label', { for: sort.id, text: t('sort') }), sort),
    live,
    newButton,
    listBox,
    pagerBox,
  );
  shadow.append(section);

  const state = { query: { sort: o.sort, page: 1 }, page: null, shown: [], seen: new Set(), baseline: 0 };
  let source = null;
  let resolver = mentionResolver([]);
  const announce = (text) => {
    live.textContent = '';
    // A fresh text node after clearing makes screen readers announce repeats too.
    setTimeout(() => (live.textContent = text), 30);
  };

  const view = {
    t,
    dates,
    mode: o.mode,
    paging: o.paging,
    number: (n) => numberFormat.format(n),
    segments: (body) => engine.segments(body),
    mentionsFor: (item) => resolver(item),
    goTo: (n) => show({ page: n }, { focusList: true }),
    loadMore: (button) => loadMore(button),
    actions: {
      reply: (item, button) => form.replyTo(item, button.closest('article')),
      report: (item, button) => report(item, button),
      vote: (item, value, button) => vote(item, value, button),
      moreReplies: (item, parts) => moreReplies(item, parts),
    },
  };

  // The pre-check's policy: a URL (fetched once when first needed; in API mode the server's
  // /api/spam-policy by default) or an object. One that cannot be fetched leaves the documented
  // defaults: the pre-check is advisory.
  let policy = null;
  const policySource = o.spamPolicy ?? (o.mode === 'api' ? `${String(o.api).replace(/\/+$/, '')}/api/spam-policy` : null);
  const spamPolicy = () => {
    if (!policySource || typeof policySource === 'object') return policySource;
    policy ??= fetch(policySource, { credentials: 'omit' })
      .then((r) => (r.ok ? r.text() : null))
      .catch(() => null);
    return policy;
  };

  const form = createForm({
    t,
    mode: o.mode,
    limits: defaultLimits,
    engine: () => engine,
    spamContext: () => ({
      thread: state.shown.filter((c) => !c.tombstone).slice(-50).map((c) => ({ author: c.author, body: c.body, created: c.created })),
      now: new Date().toISOString(),
    }),
    spamPolicy: () => spamPolicy(),
    submit: (candidate, parent) => submit(candidate, parent),
    focusComment: (id) => focusComment(id, false),
  });
  section.append(form.element);

  const baseQuery = () => ({ sort: state.query.sort, perPage: o.perPage, maxDepth: o.maxDepth, maxReplies: o.maxReplies });

  function setHeading(total) {
    heading.textContent = t('heading', { title, responses: t('responses', { n: total }) });
  }

  function remember(items) {
    const flat = flatten(items);
    state.shown.push(...flat);
    resolver = mentionResolver(state.shown);
    return flat;
  }

  /** Loads and renders one page (numbered, around a comment, ...). */
  async function show(query, { focusId = null, focusList = false, markNew = false } = {}) {
    listBox.setAttribute('aria-busy', 'true');
    let page;
    try {
      page = await source.page({ ...baseQuery(), ...query });
    } catch (e) {
      if (query.around && e.code === 'not_found') {
        announce(t('not_found'));
        return show({ page: 1 });
      }
      return fail(e);
    }
    state.query = { sort: page.sort, page: page.page ?? 1 };
    state.page = page;
    state.shown = [];
    const flat = remember(page.items);
    const previouslySeen = state.seen;
    state.seen = new Set([...previouslySeen, ...flat.map((c) => c.id)]);
    state.baseline = page.total;
    setHeading(page.total);
    const list = renderList(page.items, view);
    list.setAttribute('aria-labelledby', heading.id);
    listBox.replaceChildren(list);
    listBox.setAttribute('aria-busy', 'false');
    pagerBox.replaceChildren(renderPager(page, view) ?? '');
    newButton.hidden = true;
    if (markNew) {
      const fresh = flat.filter((c) => !previouslySeen.has(c.id));
      for (const c of fresh) shadow.getElementById(commentElementId(c.id))?.classList.add('so-new');
      if (fresh.length) focusComment(fresh[0].id, false);
    }
    if (focusId !== null) focusComment(focusId, true);
    else if (focusList) {
      const first = list.querySelector('article');
      first?.focus({ preventScroll: true });
      section.scrollIntoView({ block: 'start' });
      announce(t('page_loaded', { n: page.page ?? 1, pages: page.pages }));
    }
    host.dispatchEvent(new CustomEvent('soundoff:render', { bubbles: true, detail: { page: page.page, total: page.total, items: flat.length } }));
    return page;
  }

  function fail(error) {
    listBox.setAttribute('aria-busy', 'false');
    listBox.replaceChildren(h('p', { class: 'so-error', role: 'alert', text: t('load_failed', { message: error?.message ?? String(error) }) }));
    host.dispatchEvent(new CustomEvent('soundoff:error', { bubbles: true, detail: { code: error?.code ?? 'internal', message: error?.message } }));
    return null;
  }

  function focusComment(id, highlight) {
    const article = shadow.getElementById(commentElementId(id));
    if (!article) return false;
    if (highlight) {
      for (const old of shadow.querySelectorAll('.so-highlight')) old.classList.remove('so-highlight');
      article.classList.add('so-highlight');
    }
    article.focus({ preventScroll: true });
    article.scrollIntoView({ block: 'center' });
    return true;
  }

  async function loadMore(button) {
    button.disabled = true;
    try {
      const page = await source.page({ ...baseQuery(), after: state.page.next_cursor });
      state.page = page;
      const flat = remember(page.items);
      for (const c of flat) state.seen.add(c.id);
      appendItems(listBox.querySelector('.so-list'), page.items, view);
      pagerBox.replaceChildren(renderPager(page, view) ?? '');
      if (flat[0]) focusComment(flat[0].id, false);
    } catch (e) {
      button.disabled = false;
      announce(t('load_failed', { message: e.message }));
    }
  }

  async function moreReplies(item, { button, replies, li }) {
    button.disabled = true;
    try {
      const page = await source.page({ ...baseQuery(), after: item.replies_cursor });
      const flat = remember(page.items);
      if (!replies.isConnected) li.insertBefore(replies, button);
      appendItems(replies, page.items, view);
      item.replies_cursor = page.next_cursor;
      item.hidden_replies = page.hidden_replies ?? 0;
      if (item.replies_cursor && item.hidden_replies > 0) {
        button.textContent = t('more_replies', { n: item.hidden_replies });
        button.disabled = false;
      } else button.remove();
      if (flat[0]) focusComment(flat[0].id, false);
    } catch (e) {
      button.disabled = false;
      announce(t('load_failed', { message: e.message }));
    }
  }

  async function report(item, button) {
    if (o.mode !== 'api') return announce(t('report_static'));
    button.disabled = true;
    try {
      await source.report(item.id);
      announce(t('reported'));
    } catch (e) {
      announce(e.code === 'already_reported' ? t('already_reported') : e.message);
    }
  }

  async function vote(item, value, button) {
    const group = button.parentNode;
    try {
      const result = await source.vote(item.id, value);
      const [up, down] = group.querySelectorAll('.so-count');
      up.textContent = view.number(result.up);
      down.textContent = view.number(result.down);
      button.setAttribute('aria-pressed', 'true');
    } catch (e) {
      announce(e.code === 'already_voted' ? t('already_voted') : e.message);
    }
  }

  /** Optimistic insert and POST (posting.js); keeps the count and the seen ids current. */
  async function submit(candidate, parent) {
    const outcome = await postOptimistically({
      candidate, parent, shadow, listBox, view, source, maxDepth: o.maxDepth, newestFirst: state.query.sort === 'newest',
    });
    if (outcome.ok) {
      state.seen.add(outcome.id);
      if (outcome.status === 'published') setHeading(++state.baseline);
    }
    return outcome;
  }

  // "N new comments": poll the count, announce, and show them only on request.
  let pollTimer = 0;
  async function poll() {
    if (document.hidden || !state.page) return;
    try {
      const count = await source.count();
      const fresh = count - state.baseline;
      if (fresh > 0) {
        const text = t('new_comments', { n: fresh });
        if (newButton.textContent !== text) announce(text);
        newButton.textContent = text;
        newButton.hidden = false;
      }
    } catch {
      // The next poll tries again; a failed count is not worth interrupting the reader.
    }
  }
  newButton.addEventListener('click', () => {
    const query = state.query.sort === 'newest' ? { page: 1 } : { page: state.query.page };
    show(query, { markNew: true });
  });

  sort.addEventListener('change', () => {
    state.query.sort = sort.value;
    show({ page: 1 }, { focusList: false });
  });

  const onHash = () => {
    const id = commentIdFromHash(location.hash);
    if (id === null || !source) return;
    if (!focusComment(id, true)) show({ around: id }, { focusId: id });
  };
  window.addEventListener('hashchange', onHash);

  const ready = (async () => {
    try {
      source = o.mode === 'api' ? apiSource(o) : await staticSource(enginePromise, o);
      await enginePromise;
      mark('source');
    } catch (e) {
      return fail(e);
    }
    const target = commentIdFromHash(location.hash);
    const page = await (target === null ? show({ page: 1 }) : show({ around: target }, { focusId: target }));
    mark('rendered');
    if (o.mode === 'api' && o.poll > 0) pollTimer = setInterval(poll, o.poll * 1000);
    return page;
  })();

  return {
    host,
    shadowRoot: shadow,
    ready,
    reload: () => show({ page: state.query.page }),
    checkNow: () => poll(),
    destroy() {
      clearInterval(pollTimer);
      window.removeEventListener('hashchange', onHash);
      source?.dispose();
      shadow.replaceChildren();
    },
  };
}

export { WidgetError };
