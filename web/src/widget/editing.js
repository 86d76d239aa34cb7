// Editing and deleting the reader's own comment in place (own.js keeps the
// keys): an edit form replaces the body until saved or cancelled; a delete
// removes the comment, or leaves the tombstone when replies hang on it.
import { renderComment } from './comments.js';
import { h } from './dom.js';

/** @param {object} w  the widget: {t, ui, state, view, source} */
export function ownActions(w) {
  const { t, ui } = w;

  /** Swaps `article` for the comment as it is now (`item` updated). */
  function redraw(article, item) {
    const fresh = renderComment(item, w.view);
    article.replaceWith(fresh);
    return fresh;
  }

  function edit(item, article) {
    if (article.querySelector('.so-edit-form')) return;
    const key = w.view.own.keyOf(item.id);
    if (!key) return redraw(article, item); // the window ended since the page was drawn
    const body = article.querySelector('.so-body');
    const bar = article.querySelector('.so-actions');
    const label = t('edit_label');
    const text = h('textarea', { rows: '4', 'aria-label': label });
    text.value = item.body ?? '';
    const status = h('p', { class: 'so-form-status', role: 'status' });
    const save = h('button', { type: 'submit', class: 'so-save', text: t('save') });
    const cancel = h('button', { type: 'button', class: 'so-cancel', text: t('cancel') });
    const form = h('form', { class: 'so-edit-form' }, text, h('div', { class: 'so-actions' }, save, cancel), status);
    body.hidden = true;
    bar.hidden = true;
    body.after(form);
    text.focus();
    cancel.addEventListener('click', () => {
      form.remove();
      body.hidden = false;
      bar.hidden = false;
      article.querySelector('.so-edit')?.focus();
    });
    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      save.disabled = true;
      try {
        const result = await w.source.edit(item.id, key, text.value);
        Object.assign(item, { body: result.body, edited: result.edited, status: result.status });
        const fresh = redraw(article, item);
        fresh.focus();
        ui.announce(result.status === 'published' ? t('edit_saved') : t('edit_held'));
      } catch (e) {
        save.disabled = false;
        if (e.code === 'edit_window_closed') w.view.own.forget(item.id);
        status.textContent = e.fields?.body?.message ?? t('edit_failed', { message: e.message });
      }
    });
  }

  async function remove(item, article) {
    const key = w.view.own.keyOf(item.id);
    if (!key) return redraw(article, item);
    const button = article.querySelector('.so-delete');
    if (button) button.disabled = true;
    try {
      const result = await w.source.remove(item.id, key);
      w.view.own.forget(item.id);
      if (result.tombstone) {
        redraw(article, { ...item, tombstone: true, author: null, body: null, status: 'deleted' });
      } else {
        article.closest('li')?.remove();
      }
      if (item.status === 'published') ui.setHeading(--w.state.baseline);
      ui.announce(t('deleted'));
    } catch (e) {
      if (button) button.disabled = false;
      if (e.code === 'edit_window_closed') w.view.own.forget(item.id);
      ui.announce(t('delete_failed', { message: e.message }));
    }
  }

  return { edit, remove };
}
