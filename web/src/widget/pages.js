// Loading pages from the source and putting them on screen: a numbered page
// or the page around a comment (show), the next top-level threads (load more)
// and a comment's further replies. Each updates the state, then renders.
import { appendItems } from './comments.js';
import { finishDrawing } from './progressive.js';
import { renderPager } from './pager.js';
import { focusComment, renderFailure, renderPage } from './render.js';

/**
 * @param {object} w  the widget: {o, t, host, ui, state, view, source}
 */
export function pageLoader(w) {
  const { o, t, ui, state } = w;
  const baseQuery = () => ({ sort: state.query.sort, perPage: o.perPage, maxDepth: o.maxDepth, maxReplies: o.maxReplies });

  function fail(error) {
    renderFailure(ui, t, error);
    w.host.dispatchEvent(new CustomEvent('soundoff:error', { bubbles: true, detail: { code: error?.code ?? 'internal', message: error?.message } }));
    return null;
  }

  /** Loads and renders one page (numbered, around a comment, ...). */
  async function show(query, { focusId = null, focusList = false, markNew = false } = {}) {
    ui.listBox.setAttribute('aria-busy', 'true');
    let page;
    try {
      page = await w.source.page({ ...baseQuery(), ...query });
    } catch (e) {
      if (query.around && e.code === 'not_found') {
        ui.announce(t('not_found'));
        return show({ page: 1 });
      }
      return fail(e);
    }
    state.query = { sort: page.sort, page: page.page ?? 1 };
    // A closed thread (docs/moderation-api.md): no reply buttons, and the note instead of the form.
    w.view.closed = page.closed === true;
    w.form?.setClosed(w.view.closed);
    state.page = page;
    state.clear();
    const flat = state.remember(page.items);
    const previouslySeen = state.seen;
    state.seen = new Set([...previouslySeen, ...flat.map((c) => c.id)]);
    state.baseline = page.total;
    const fresh = markNew ? flat.filter((c) => !previouslySeen.has(c.id)) : [];
    // The server names the comment a page is around by its id, also when asked by its original id (an import's).
    const focus = focusId !== null && typeof page.around === 'string' ? page.around : focusId;
    renderPage(ui, w.view, page, { fresh, focusId: focus, focusList, markNew });
    w.host.dispatchEvent(new CustomEvent('soundoff:render', { bubbles: true, detail: { page: page.page, total: page.total, items: flat.length } }));
    return page;
  }

  async function loadMore(button) {
    finishDrawing(ui.listBox); // the next page goes after the whole of this one
    button.disabled = true;
    try {
      const page = await w.source.page({ ...baseQuery(), after: state.page.next_cursor });
      state.page = page;
      const flat = state.remember(page.items);
      for (const c of flat) state.seen.add(c.id);
      appendItems(ui.listBox.querySelector('.so-list'), page.items, w.view);
      ui.pagerBox.replaceChildren(renderPager(page, w.view) ?? '');
      if (flat[0]) focusComment(ui, flat[0].id, false);
    } catch (e) {
      button.disabled = false;
      ui.announce(t('load_failed', { message: e.message }));
    }
  }

  async function moreReplies(item, { button, replies, li }) {
    finishDrawing(ui.listBox); // the loaded replies go after the ones the page has
    button.disabled = true;
    try {
      const page = await w.source.page({ ...baseQuery(), after: item.replies_cursor });
      const flat = state.remember(page.items);
      if (!replies.isConnected) li.insertBefore(replies, button);
      appendItems(replies, page.items, w.view);
      item.replies_cursor = page.next_cursor;
      item.hidden_replies = page.hidden_replies ?? 0;
      if (item.replies_cursor && item.hidden_replies > 0) {
        button.textContent = t('more_replies', { n: item.hidden_replies });
        button.disabled = false;
      } else button.remove();
      if (flat[0]) focusComment(ui, flat[0].id, false);
    } catch (e) {
      button.disabled = false;
      ui.announce(t('load_failed', { message: e.message }));
    }
  }

  return { show, fail, loadMore, moreReplies };
}
