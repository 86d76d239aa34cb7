// Threads: the registry (most recent activity first, searchable, by state)
// with close/reopen per thread, and a form to register one.
import { clear, h } from '../widget/dom.js';
import { appendRows, button, field, pager, select, table } from './ui.js';

export function threadsView(app, main) {
  const { t, api } = app;
  let cursor = null;
  let grid = null;
  let search = {};

  const q = field(t('search'), h('input', { type: 'search', name: 'q', autocomplete: 'off' }));
  const state = field(t('c_state'), select([['', t('state_any')], ['open', t('state_open')], ['closed', t('state_closed')]], ''));
  const searchForm = h('form', { class: 'filters', role: 'search', 'aria-label': t('search') }, q.wrap, state.wrap,
    h('div', { class: 'row' }, button(t('search'), null, { type: 'submit', className: 'primary' })));
  searchForm.addEventListener('submit', (event) => {
    event.preventDefault();
    reload();
  });

  const key = field(t('c_key'), h('input', { type: 'text', required: true, autocomplete: 'off' }));
  const title = field(t('c_title'), h('input', { type: 'text', autocomplete: 'off' }));
  // Text, not type=url: the server also takes a site path ("/2026/article").
  const url = field(t('c_url'), h('input', { type: 'text', inputmode: 'url', autocomplete: 'off' }));
  const registerError = h('p', { class: 'error', role: 'alert' });
  const registerHeading = h('h2', { id: 'register-title', text: t('register_thread') });
  const registerForm = h('form', { class: 'register', 'aria-labelledby': registerHeading.id }, registerHeading, key.wrap, title.wrap, url.wrap,
    registerError, h('div', { class: 'row' }, button(t('register'), null, { type: 'submit' })));
  registerForm.addEventListener('submit', async (event) => {
    event.preventDefault();
    registerError.textContent = '';
    if (!key.control.value.trim()) return key.control.focus();
    try {
      const k = key.control.value.trim();
      await api.registerThread({ key: k, title: title.control.value.trim(), url: url.control.value.trim() });
      app.announce(t('registered', { key: k }));
      key.control.value = title.control.value = url.control.value = '';
      reload();
    } catch (e) {
      registerError.textContent = t('action_failed', { message: e.message });
    }
  });

  const box = h('div', { class: 'table-box' });
  const more = pager(t, () => load());
  main.append(searchForm, box, more, registerForm);

  const row = (thread) => {
    const closed = thread.state === 'closed';
    const toggle = button(closed ? t('reopen') : t('close'), async () => {
      toggle.disabled = true;
      try {
        if (closed) await api.reopenThread(thread.key);
        else await api.closeThread(thread.key);
        app.announce(t(closed ? 'thread_reopened' : 'thread_closed', { key: thread.key }));
        reload();
      } catch (e) {
        toggle.disabled = false;
        app.announce(t('action_failed', { message: e.message }));
      }
    }, { label: t(closed ? 'reopen_label' : 'close_label', { key: thread.key }), className: closed ? 'reopen' : 'close' });
    const link = thread.url && /^https?:\/\//i.test(thread.url) ? h('a', { href: thread.url, text: thread.url }) : thread.url ?? '';
    const stateText = `${t(closed ? 'state_closed' : 'state_open')}${!closed && thread.closes_at ? ` (${t('closes_at', { time: t.date(thread.closes_at) })})` : ''}`;
    return [
      h('code', { class: 'key', text: thread.key }),
      thread.title ?? '',
      link,
      String(thread.comments ?? 0),
      thread.last_activity ? t.date(thread.last_activity) : '',
      h('span', { class: `state ${closed ? 'closed' : 'open'}`, text: stateText }),
      toggle,
    ];
  };

  async function load() {
    try {
      const page = await api.threads({ ...search, cursor, limit: 50 });
      const rows = (page.threads ?? []).map(row);
      if (!grid) {
        grid = table(t('threads'), ['c_key', 'c_title', 'c_url', 'c_comments', 'c_last_activity', 'c_state', 'c_actions'].map((k) => t(k)), []);
        box.replaceChildren(rows.length ? grid : h('p', { text: t('threads_empty') }));
      }
      appendRows(grid, rows);
      cursor = page.next_cursor ?? null;
      more.hidden = !cursor;
    } catch (e) {
      box.replaceChildren(h('p', { class: 'error', role: 'alert', text: t('load_failed', { message: e.message }) }));
    }
  }
  function reload() {
    search = { q: q.control.value, state: state.control.value };
    cursor = null;
    grid = null;
    clear(box);
    return load();
  }
  reload();
  return {};
}
