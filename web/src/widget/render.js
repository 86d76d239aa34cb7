// The widget's frame and what it shows in it: the skeleton (heading, sort
// selector, announcements, list, pager), a loaded page, a load failure, focus
// and highlight of one comment. Comments themselves are drawn by comments.js,
// the pager by pager.js.
import { commentElementId, h } from './dom.js';
import { sorts } from './options.js';
import { renderPager } from './pager.js';
import { drawInSlices, finishDrawing } from './progressive.js';

/** Heading, toolbar, announcements, list, pager; the form is appended later. */
export function createLayout(shadow, o, t) {
  const title = o.title ?? t('title');
  const heading = h('h2', { id: 'so-heading', text: title });
  const sort = h('select', { id: 'so-sort' }, ...sorts.map((s) => h('option', { value: s, text: t(`sort_${s}`) })));
  sort.value = o.sort;
  const live = h('div', { class: 'so-sr', role: 'status', 'aria-live': 'polite' });
  const newButton = h('button', { type: 'button', class: 'so-new-comments', hidden: true });
  const listBox = h('div', { class: 'so-comments', 'aria-busy': 'true' }, h('p', { text: t('loading') }));
  const pagerBox = h('div');
  const toolbar = h('div', { class: 'so-toolbar' }, h('label', { for: sort.id, text: t('sort') }), sort);
  const section = h(
    'section',
    { class: 'so', lang: t.locale, 'aria-labelledby': heading.id },
    heading,
    toolbar,
    live,
    newButton,
    listBox,
    pagerBox,
  );
  shadow.append(section);
  return {
    shadow,
    section,
    heading,
    sort,
    newButton,
    listBox,
    pagerBox,
    /** API mode: a link to the thread's Atom feed (docs/server-api.md, "Feeds"), at the toolbar's end. */
    showFeed(href) {
      toolbar.append(h('a', { class: 'so-feed', href, type: 'application/atom+xml', text: t('feed') }));
    },
    setHeading(total) {
      heading.textContent = t('heading', { title, responses: t('responses', { n: total }) });
    },
    announce(text) {
      live.textContent = '';
      // A fresh text node after clearing makes screen readers announce repeats too.
      setTimeout(() => (live.textContent = text), 30);
    },
  };
}

/** Moves focus to a shown comment (and highlights it, for permalinks); false when it is not shown. */
export function focusComment(ui, id, highlight) {
  finishDrawing(ui.listBox);
  const article = ui.shadow.getElementById(commentElementId(id));
  if (!article) return false;
  if (highlight) {
    for (const old of ui.shadow.querySelectorAll('.so-highlight')) old.classList.remove('so-highlight');
    article.classList.add('so-highlight');
  }
  article.focus({ preventScroll: true });
  article.scrollIntoView({ block: 'center' });
  return true;
}

/**
 * Replaces the list and pager with `page`; `fresh` are the comments not seen
 * before (marked when `markNew`). Focus goes to `focusId`, else (`focusList`)
 * to the first comment with the page announced.
 */
export function renderPage(ui, view, page, { fresh, focusId = null, focusList = false, markNew = false }) {
  const { listBox, pagerBox } = ui;
  ui.setHeading(page.total);
  const list = h('ol', { class: 'so-list', 'aria-labelledby': ui.heading.id });
  listBox.replaceChildren(list);
  listBox.setAttribute('aria-busy', 'true');
  drawInSlices(listBox, list, page.items, view, () => listBox.setAttribute('aria-busy', 'false'));
  // A permalink or new comments can be anywhere on the page: those pages are drawn whole at once.
  if (focusId !== null || markNew) finishDrawing(listBox);
  pagerBox.replaceChildren(renderPager(page, view) ?? '');
  ui.newButton.hidden = true;
  if (markNew) {
    for (const c of fresh) ui.shadow.getElementById(commentElementId(c.id))?.classList.add('so-new');
    if (fresh.length) focusComment(ui, fresh[0].id, false);
  }
  if (focusId !== null) focusComment(ui, focusId, true);
  else if (focusList) {
    const first = list.querySelector('article');
    first?.focus({ preventScroll: true });
    ui.section.scrollIntoView({ block: 'start' });
    ui.announce(view.t('page_loaded', { n: page.page ?? 1, pages: page.pages }));
  }
}

/** A page that could not be loaded: the message in place of the list. */
export function renderFailure(ui, t, error) {
  ui.listBox.setAttribute('aria-busy', 'false');
  ui.listBox.replaceChildren(h('p', { class: 'so-error', role: 'alert', text: t('load_failed', { message: error?.message ?? String(error) }) }));
}
