// One queue (held, reported, spam, recent): filters, the newest comments first
// with "Load more" (cursor paging), each comment with its facts and actions,
// bulk actions on the selected ones, and the j/k/a/r/x keys. A comment that no
// longer belongs in the queue after an action leaves the list, and focus goes
// to the next one so a moderator can keep going with the keyboard.
import { clear, h } from '../widget/dom.js';
import { openBanDialog } from './bans.js';
import { commentActions, renderComment } from './comment.js';
import { button, checkbox, confirmDialog, field, pager, select } from './ui.js';

export const queues = ['held', 'reported', 'spam', 'recent'];
export const bulkActions = ['approve', 'reject', 'delete', 'erase', 'pin', 'unpin'];
const filterNames = [
  ['thread', 'f_thread'],
  ['author', 'f_author'],
  ['email', 'f_email'],
  ['network', 'f_network'],
  ['reason', 'f_reason'],
  ['q', 'f_q'],
];
const PAGE = 50;

/** Whether a comment, as an action left it, still belongs in `queue`. */
export function belongsIn(queue, comment) {
  if (queue === 'recent') return true;
  if (queue === 'spam') return comment.status === 'spam';
  return comment.status === 'pending';
}

export function queueView(app, main, queue) {
  const { t, api } = app;
  const entries = []; // {comment, li, article, box} in display order
  let cursor = null;
  let filters = {};

  // Filters: a form of text fields; submitting reloads from the newest.
  const inputs = {};
  const filterFields = filterNames.map(([name, label]) => {
    const f = field(t(label), h('input', { type: name === 'email' ? 'email' : 'text', name, autocomplete: 'off' }));
    inputs[name] = f.control;
    return f.wrap;
  });
  const filterForm = h(
    'form',
    { class: 'filters', role: 'search', 'aria-label': t('filters') },
    ...filterFields,
    h('div', { class: 'row' }, button(t('apply_filters'), null, { type: 'submit', className: 'primary' }),
      button(t('clear_filters'), () => {
        for (const input of Object.values(inputs)) input.value = '';
        reload();
      })),
  );
  filterForm.addEventListener('submit', (event) => {
    event.preventDefault();
    reload();
  });

  // Bulk: select all, an action, apply.
  const all = checkbox(t('select_all'));
  const chosen = h('span', { class: 'selected', 'aria-live': 'polite' });
  const bulkChoice = select(bulkActions.map((a) => [a, t(a)]), 'approve');
  const bulkField = field(t('bulk_action'), bulkChoice);
  const applyBulk = button(t('apply_bulk'), () => runBulk());
  const bulkBar = h('div', { class: 'bulk row' }, all.wrap, bulkField.wrap, applyBulk, chosen);
  all.control.addEventListener('change', () => {
    for (const e of entries) e.box.checked = all.control.checked;
    showSelected();
  });

  const list = h('ol', { class: 'items', 'aria-labelledby': 'view-title', 'aria-busy': 'true' });
  const note = h('div', { class: 'note' });
  const more = pager(t, () => load());
  main.append(filterForm, bulkBar, note, list, more);

  const selectedEntries = () => entries.filter((e) => e.box.checked);
  function showSelected() {
    const n = selectedEntries().length;
    chosen.textContent = n ? t('selected', { n }) : '';
    all.control.checked = n > 0 && n === entries.length;
    all.control.indeterminate = n > 0 && n < entries.length;
  }

  const actions = commentActions(app, {
    done(entry, comment, action) {
      app.refreshCounts();
      if (action === 'erase' || !belongsIn(queue, comment)) return removeEntry(entry);
      replaceEntry(entry, comment);
    },
    ban: (comment) => openBanDialog(app, comment),
  });

  function addEntry(comment) {
    const entry = { comment };
    const box = h('input', { type: 'checkbox', class: 'pick' });
    box.addEventListener('change', showSelected);
    entry.box = box;
    entry.article = renderComment(app, comment, { box, actions: actions.bar(entry) });
    entry.li = h('li', { class: 'item' }, entry.article);
    entries.push(entry);
    list.append(entry.li);
  }

  function replaceEntry(entry, comment) {
    const focused = entry.article.contains(document.activeElement);
    entry.comment = comment;
    const fresh = renderComment(app, comment, { box: entry.box, actions: actions.bar(entry) });
    entry.li.replaceChild(fresh, entry.article);
    entry.article = fresh;
    if (focused) fresh.focus();
  }

  function removeEntry(entry) {
    const at = entries.indexOf(entry);
    if (at < 0) return;
    const hadFocus = entry.li.contains(document.activeElement) || document.activeElement === document.body;
    entries.splice(at, 1);
    entry.li.remove();
    showSelected();
    if (!entries.length) note.replaceChildren(h('p', { text: t('empty_queue') }));
    const next = entries[Math.min(at, entries.length - 1)];
    if (hadFocus) (next ? next.article : main).focus();
  }

  async function load() {
    list.setAttribute('aria-busy', 'true');
    try {
      const page = await api.queue(queue, { ...filters, limit: PAGE, cursor });
      for (const comment of page.comments ?? []) addEntry(comment);
      cursor = page.next_cursor ?? null;
      more.hidden = !cursor;
      note.replaceChildren(entries.length ? '' : h('p', { text: t('empty_queue') }));
    } catch (e) {
      note.replaceChildren(h('p', { class: 'error', role: 'alert', text: t('load_failed', { message: e.message }) }));
    } finally {
      list.setAttribute('aria-busy', 'false');
      showSelected();
    }
  }

  function reload() {
    filters = Object.fromEntries(Object.entries(inputs).map(([name, input]) => [name, input.value]));
    entries.length = 0;
    clear(list);
    cursor = null;
    more.hidden = true;
    return load();
  }

  async function runBulk() {
    const picked = selectedEntries();
    if (!picked.length) return app.announce(t('nothing_selected'));
    const action = bulkChoice.value;
    if (action === 'erase' && !(await confirmDialog(t, t('confirm_bulk_erase', { n: picked.length }), t('erase')))) return;
    applyBulk.disabled = true;
    try {
      const { results = [] } = await api.bulk(action, picked.map((e) => e.comment.id));
      const ok = results.filter((r) => r.ok).length;
      app.announce(t('bulk_done', { ok, failed: results.length - ok }));
      all.control.checked = false;
      await reload();
      app.refreshCounts();
    } catch (e) {
      app.announce(t('action_failed', { message: e.message }));
    } finally {
      applyBulk.disabled = false;
    }
  }

  /** The entry the keys act on: the one holding focus, else the first. */
  const currentIndex = () => entries.findIndex((e) => e.article.contains(document.activeElement));
  function keydown(event) {
    const at = currentIndex();
    const entry = entries[at];
    const key = event.key;
    if (key === 'j' || key === 'k') {
      event.preventDefault();
      const next = at < 0 ? 0 : Math.max(0, Math.min(entries.length - 1, at + (key === 'j' ? 1 : -1)));
      entries[next]?.article.focus();
      entries[next]?.article.scrollIntoView({ block: 'nearest' });
    } else if (entry && (key === 'a' || key === 'r')) {
      event.preventDefault();
      actions.run(entry, key === 'a' ? 'approve' : 'reject');
    } else if (entry && key === 'x') {
      event.preventDefault();
      entry.box.checked = !entry.box.checked;
      showSelected();
    }
  }

  reload();
  return { keydown };
}
