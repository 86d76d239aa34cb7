// One comment in a queue: who wrote it from where, why it is there, what it
// answers, its body (always as text) and a link to it in context; and its
// action buttons (approve, reject, delete, erase, edit, pin/unpin, ban).
import { h } from '../widget/dom.js';
import { button, confirmDialog, contextUrl } from './ui.js';

let sequence = 0;

/** The comment's <article>; `box` is its selection checkbox, `actions` its button bar. */
export function renderComment(app, c, { box, actions }) {
  const { t } = app;
  const author = c.author || t('anonymous');
  const heading = h('h2', { class: 'author', id: `c${++sequence}`, text: author });
  box.setAttribute('aria-label', t('select', { id: c.id, author }));
  const article = h('article', { class: `comment status-${c.status}`, tabindex: '-1', 'aria-labelledby': heading.id, 'data-id': c.id });
  const facts = h(
    'p',
    { class: 'facts' },
    h('span', { class: 'email', text: c.email || t('no_email') }),
    h('span', { class: 'network', text: c.ip && c.network ? `${c.ip} (${c.network})` : c.ip || c.network || '' }),
    h('time', { datetime: c.created, text: t.date(c.created) }),
    h('span', { class: 'thread', text: t('in_thread', { thread: c.thread ?? '' }) }),
    h('span', { class: 'state', text: t(`status_${c.status}`) }),
    c.reports > 0 ? h('span', { class: 'reports', text: t('reports', { n: c.reports }) }) : null,
    c.pinned ? h('span', { class: 'badge pinned', text: t('pinned') }) : null,
    // The author's account badge, as readers see it (docs/sso.md); only the server's two values have words.
    c.badge === 'staff' || c.badge === 'verified' ? h('span', { class: `badge account ${c.badge}`, text: t(`badge_${c.badge}`) }) : null,
    c.edited ? h('span', { class: 'badge edited', text: t('edited', { time: t.date(c.edited) }) }) : null,
  );
  article.append(h('div', { class: 'head' }, box, heading), facts);
  if (Array.isArray(c.reasons) && c.reasons.length) {
    article.append(h('p', { class: 'reasons' }, `${t('reasons')}: `, ...c.reasons.map((r) => h('code', { class: 'reason', text: String(r) }))));
  }
  if (c.parent_excerpt) {
    article.append(h('blockquote', { class: 'parent' }, h('span', { class: 'label', text: `${t('in_reply_to')} ` }), String(c.parent_excerpt)));
  }
  article.append(h('p', { class: 'body', text: c.body ?? '' }));
  const url = contextUrl(c.permalink);
  if (url) article.append(h('p', {}, h('a', { class: 'permalink', href: url, text: t('view_in_context') })));
  article.append(actions);
  return article;
}

/**
 * The actions on comments. `hooks.done(entry, comment, action)` gets the comment as the server now has it
 * (for erase: {id, erased: true}); `hooks.ban(comment)` opens the ban dialog.
 */
export function commentActions(app, hooks) {
  const { t, api } = app;

  async function run(entry, action) {
    const { id } = entry.comment;
    if (entry.busy) return;
    if (action === 'erase' && !(await confirmDialog(t, t('confirm_erase', { id }), t('erase')))) return;
    entry.busy = true;
    try {
      const comment = await api.act(id, action);
      app.announce(t(`done_${action}`, { id }));
      hooks.done(entry, comment ?? { ...entry.comment }, action);
    } catch (e) {
      app.announce(t('action_failed', { message: e.message }));
    } finally {
      entry.busy = false;
    }
  }

  function edit(entry) {
    const body = entry.article.querySelector('.body');
    if (!body) return;
    const label = h('label', { class: 'sr', text: t('edit_body', { id: entry.comment.id }) });
    const text = h('textarea', { rows: '5' });
    text.value = entry.comment.body ?? '';
    label.htmlFor = text.id = `e${++sequence}`;
    const form = h('form', { class: 'edit' }, label, text);
    const cancel = button(t('cancel'), () => {
      form.replaceWith(body);
      entry.article.querySelector('.edit-button')?.focus();
    });
    form.append(h('div', { class: 'row' }, button(t('save'), null, { type: 'submit', className: 'primary' }), cancel));
    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      try {
        const comment = await api.edit(entry.comment.id, text.value);
        app.announce(t('done_edit', { id: entry.comment.id }));
        hooks.done(entry, comment, 'edit');
      } catch (e) {
        app.announce(t('action_failed', { message: e.message }));
      }
    });
    body.replaceWith(form);
    text.focus();
  }

  /** The button bar for one entry (rebuilt with its article after each change). */
  function bar(entry) {
    const c = entry.comment;
    const labelled = (action, text, onClick, className) =>
      button(text, onClick, { label: t('action_label', { action: text, id: c.id }), className });
    const buttons = [
      labelled('approve', t('approve'), () => run(entry, 'approve'), 'approve'),
      labelled('reject', t('reject'), () => run(entry, 'reject'), 'reject'),
      labelled('delete', t('delete'), () => run(entry, 'delete'), 'delete'),
      labelled('erase', t('erase'), () => run(entry, 'erase'), 'erase danger'),
      labelled('edit', t('edit'), () => edit(entry), 'edit-button'),
      c.pinned
        ? labelled('unpin', t('unpin'), () => run(entry, 'unpin'), 'unpin')
        : labelled('pin', t('pin'), () => run(entry, 'pin'), 'pin'),
      labelled('ban', t('ban'), () => hooks.ban(entry.comment), 'ban'),
    ];
    return h('div', { class: 'actions row', role: 'group', 'aria-label': t('c_actions') }, ...buttons);
  }

  return { run, edit, bar };
}
