// The widget controller: mounts the Shadow DOM and wires its parts together.
// state.js keeps what is shown, render.js draws the frame and pages, pages.js
// loads pages, actions.js handles reports, votes, posts and the new-comments
// poll, form.js the comment form; this file only creates them and connects
// events (sorting, permalinks, the new-comments button) to them.
import { commentIdFromHash } from './dom.js';
import { commentActions } from './actions.js';
import { ownActions } from './editing.js';
import { createForm } from './form.js';
import { translator } from './i18n.js';
import { normalizeOptions } from './options.js';
import { ownComments } from './own.js';
import { pageLoader } from './pages.js';
import { spamPolicyLoader } from './policy.js';
import { defaultLimits } from './precheck.js';
import { createLayout, focusComment } from './render.js';
import { WidgetError, apiSource, staticSource } from './sources.js';
import { createState } from './state.js';
import { applyStyles } from './styles.js';

/**
 * Mounts a widget into `host` (its open shadow root).
 * @param {HTMLElement} host
 * @param {object} options  see options.js / soundoff-widget.d.ts
 * @param {() => Promise<object>} loadEngine  loads the wasm engine
 */
export function mountWidget(host, options, loadEngine) {
  const o = normalizeOptions(options);
  const t = translator(o.lang, o.strings ?? {});
  // A server-rendered page in the host (native/server/page_html.cpp) stays on screen,
  // through a <slot>, until the widget's own first page replaces it in one task.
  const ssr = host.shadowRoot ? null : host.querySelector(':scope > [data-soundoff-ssr]');
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

  const ui = createLayout(shadow, o, t);
  const takeOver = ssrTakeover(ssr, host, ui, shadow);
  const state = createState(takeOver.sort ?? o.sort, () => engine);
  ui.sort.value = state.query.sort;
  // The widget's parts share this object; `source` is set once the engine (static mode) is ready.
  const w = { o, t, host, ui, state, source: null, view: null, form: null };
  const pages = pageLoader(w);
  const actions = commentActions(w);
  const own = ownActions(w);
  const numberFormat = new Intl.NumberFormat(t.locale);
  const form = createForm({
    t,
    mode: o.mode,
    notify: o.notify && o.mode === 'api',
    lang: o.lang,
    limits: defaultLimits,
    engine: () => engine,
    spamContext: () => state.spamContext(),
    spamPolicy: spamPolicyLoader(o),
    submit: (candidate, parent) => actions.submit(candidate, parent),
    focusComment: (id) => focusComment(ui, id, false),
  });
  // What comments.js, pager.js and posting.js draw with, and call back into.
  w.view = {
    t,
    dates: {
      short: new Intl.DateTimeFormat(t.locale, { dateStyle: 'medium', timeStyle: 'short' }),
      full: new Intl.DateTimeFormat(t.locale, { dateStyle: 'full', timeStyle: 'long' }),
    },
    mode: o.mode,
    paging: o.paging,
    number: (n) => numberFormat.format(n),
    segments: (body) => state.segmentsOf(body),
    mentionsFor: (item) => state.mentionsFor(item),
    // The edit keys of this browser's own comments (API mode only: static copies cannot change).
    own: null, // set with the source (API mode): the thread's key may come from the server
    goTo: (n) => pages.show({ page: n }, { focusList: true }),
    loadMore: (button) => pages.loadMore(button),
    actions: {
      reply: (item, button) => form.replyTo(item, button.closest('article')),
      report: (item, button) => actions.report(item, button),
      vote: (item, value, button) => actions.vote(item, value, button),
      moreReplies: (item, parts) => pages.moreReplies(item, parts),
      edit: (item, article) => own.edit(item, article),
      remove: (item, article) => own.remove(item, article),
    },
  };
  ui.section.append(form.element);
  w.form = form;

  ui.newButton.addEventListener('click', () => {
    const query = state.query.sort === 'newest' ? { page: 1 } : { page: state.query.page };
    pages.show(query, { markNew: true });
  });
  ui.sort.addEventListener('change', () => {
    state.query.sort = ui.sort.value;
    pages.show({ page: 1 }, { focusList: false });
  });
  const onHash = () => {
    const id = commentIdFromHash(location.hash);
    if (id === null || !w.source) return;
    if (!focusComment(ui, id, true)) pages.show({ around: id }, { focusId: id });
  };
  window.addEventListener('hashchange', onHash);

  let pollTimer = 0;
  const ready = (async () => {
    try {
      w.source = o.mode === 'api' ? await apiSource(o) : await staticSource(enginePromise, o);
      // A thread named by page URL has its key only now; the edit keys are kept per key.
      if (o.mode === 'api') {
        w.view.own = ownComments(w.source.thread);
        ui.showFeed(w.source.feed);
      }
      await enginePromise;
      mark('source');
    } catch (e) {
      return pages.fail(e);
    }
    const target = commentIdFromHash(location.hash);
    const first = takeOver.page();
    const page = await (target === null ? pages.show({ page: first }) : pages.show({ around: target }, { focusId: target }));
    mark('rendered');
    if (o.mode === 'api' && o.poll > 0) pollTimer = setInterval(actions.poll, o.poll * 1000);
    return page;
  })();

  return {
    host,
    shadowRoot: shadow,
    ready,
    reload: () => pages.show({ page: state.query.page }),
    checkNow: () => actions.poll(),
    /** Signs the reader in (the site's token, docs/sso.md) or out (null) for the next post, vote or report. */
    setUser(token) {
      o.ssoToken = token ? String(token) : null;
    },
    destroy() {
      clearInterval(pollTimer);
      window.removeEventListener('hashchange', onHash);
      w.source?.dispose();
      shadow.replaceChildren();
    },
  };
}

/**
 * While the widget loads, shows the server-rendered page through a slot. The widget's first page swaps in
 * within the task that renders it (same classes, same stylesheet, so it lands where the server's was) and the
 * server's copy goes, whose comment ids would otherwise be duplicated in the document. When loading fails,
 * the server's page stays, under the widget's error.
 */
function ssrTakeover(ssr, host, ui, shadow) {
  if (!ssr) return { sort: null, page: () => 1 };
  ui.section.hidden = true;
  const slot = document.createElement('slot');
  shadow.append(slot);
  const page = Number(ssr.getAttribute('data-page'));
  const sort = ssr.getAttribute('data-sort');
  const finish = (event) => {
    host.removeEventListener('soundoff:render', finish);
    host.removeEventListener('soundoff:error', finish);
    ui.section.hidden = false;
    if (event.type === 'soundoff:error') return;
    slot.remove();
    ssr.remove();
  };
  host.addEventListener('soundoff:render', finish);
  host.addEventListener('soundoff:error', finish);
  // The server's page and sort, so the widget shows what the reader already sees.
  return {
    sort: [...ui.sort.options].some((option) => option.value === sort) ? sort : null,
    page: () => (Number.isInteger(page) && page >= 1 ? page : 1),
  };
}

export { WidgetError };
