// The audit log: who did what to which comment/thread/ban, when and from
// where, newest first, filtered by actor, action and target, with "Load more".
import { clear, h } from '../widget/dom.js';
import { appendRows, button, field, pager, table } from './ui.js';

export function auditView(app, main) {
  const { t, api } = app;
  let cursor = null;
  let grid = null;
  let filters = {};
  const inputs = {};
  const fields = [['actor', 'c_actor'], ['action', 'c_action'], ['target', 'c_target']].map(([name, label]) => {
    const f = field(t(label), h('input', { type: 'text', name, autocomplete: 'off' }));
    inputs[name] = f.control;
    return f.wrap;
  });
  const form = h('form', { class: 'filters', role: 'search', 'aria-label': t('filters') }, ...fields,
    h('div', { class: 'row' }, button(t('apply_filters'), null, { type: 'submit', className: 'primary' })));
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    reload();
  });
  const box = h('div', { class: 'table-box' });
  const more = pager(t, () => load());
  main.append(form, box, more);

  const target = (entry) => {
    const kind = entry.target_kind ?? entry.target?.kind ?? '';
    const id = entry.target_id ?? entry.target?.id ?? (typeof entry.target === 'string' ? entry.target : '');
    return [kind, id].filter(Boolean).join(' ');
  };
  const detail = (value) => (value === undefined || value === null ? '' : typeof value === 'string' ? value : JSON.stringify(value));
  const row = (entry) => [
    h('time', { datetime: entry.time, text: t.date(entry.time) }),
    entry.actor ?? '',
    entry.via ?? '',
    entry.network ?? '',
    h('code', { text: entry.action ?? '' }),
    target(entry),
    h('span', { class: 'detail', text: detail(entry.detail) }),
  ];

  async function load() {
    try {
      const page = await api.audit({ ...filters, cursor, limit: 50 });
      const list = page.entries ?? page.audit ?? page.rows ?? [];
      const rows = list.map(row);
      if (!grid) {
        grid = table(t('audit'), ['c_time', 'c_actor', 'c_via', 'c_network', 'c_action', 'c_target', 'c_detail'].map((k) => t(k)), []);
        box.replaceChildren(rows.length ? grid : h('p', { text: t('audit_empty') }));
      }
      appendRows(grid, rows);
      cursor = page.next_cursor ?? null;
      more.hidden = !cursor;
    } catch (e) {
      box.replaceChildren(h('p', { class: 'error', role: 'alert', text: t('load_failed', { message: e.message }) }));
    }
  }
  function reload() {
    filters = Object.fromEntries(Object.entries(inputs).map(([name, input]) => [name, input.value]));
    cursor = null;
    grid = null;
    clear(box);
    return load();
  }
  reload();
  return {};
}
