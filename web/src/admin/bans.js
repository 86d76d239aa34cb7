// Bans: the dialog that adds one (prefilled from a queue comment: its author,
// email, network or address) and the list of bans with "Lift".
import { clear, h } from '../widget/dom.js';
import { appendRows, button, checkbox, field, openDialog, pager, select, table } from './ui.js';

export const banKinds = ['author', 'email', 'network', 'address'];

/** What a comment gives each kind of ban. */
export function banValueFrom(comment, kind) {
  if (!comment) return '';
  if (kind === 'author') return comment.author ?? '';
  if (kind === 'email') return comment.email ?? '';
  if (kind === 'network') return comment.network ?? comment.ip ?? '';
  return comment.ip ?? '';
}

/** A <input type=datetime-local> value (the reader's time) as ISO, or null when empty. */
export function expiryIso(value) {
  if (!value) return null;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? null : date.toISOString();
}

/** Opens the ban dialog; resolves with the stored ban, or null when cancelled. */
export function openBanDialog(app, comment = null) {
  const { t, api } = app;
  return openDialog(t, t('ban_heading'), (close) => {
    const kind = field(t('ban_kind'), select(banKinds.map((k) => [k, t(`kind_${k}`)]), 'author'));
    const value = field(t('ban_value'), h('input', { type: 'text', required: true, autocomplete: 'off' }));
    const reason = field(t('ban_reason'), h('input', { type: 'text', autocomplete: 'off' }));
    const expires = field(t('ban_expires'), h('input', { type: 'datetime-local' }));
    const shadow = checkbox(t('ban_shadow'));
    const error = h('p', { class: 'error', role: 'alert' });
    value.control.value = banValueFrom(comment, 'author');
    kind.control.addEventListener('change', () => {
      if (comment) value.control.value = banValueFrom(comment, kind.control.value);
    });
    const form = h(
      'form',
      { class: 'ban-form' },
      kind.wrap,
      value.wrap,
      reason.wrap,
      expires.wrap,
      shadow.wrap,
      error,
      h('div', { class: 'row' }, button(t('add_ban'), null, { type: 'submit', className: 'primary' }), button(t('cancel'), () => close(null))),
    );
    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      if (!value.control.value.trim()) {
        value.control.focus();
        return;
      }
      try {
        const ban = await api.addBan({
          kind: kind.control.value,
          value: value.control.value.trim(),
          reason: reason.control.value.trim(),
          expires: expiryIso(expires.control.value),
          shadow: shadow.control.checked,
        });
        app.announce(t('ban_added'));
        close(ban);
      } catch (e) {
        error.textContent = t('action_failed', { message: e.message });
      }
    });
    queueMicrotask(() => kind.control.focus());
    return form;
  });
}

export function bansView(app, main) {
  const { t, api } = app;
  let cursor = null;
  const add = button(t('add_ban'), async () => {
    if (await openBanDialog(app)) reload();
  }, { className: 'primary' });
  const box = h('div', { class: 'table-box' });
  const more = pager(t, () => load());
  main.append(h('div', { class: 'row' }, add), box, more);
  let grid = null;

  const row = (ban) => {
    const expired = ban.expires && new Date(ban.expires).getTime() < Date.now();
    const lift = button(t('lift'), async () => {
      lift.disabled = true;
      try {
        await api.liftBan(ban.id);
        app.announce(t('lifted'));
        reload();
      } catch (e) {
        lift.disabled = false;
        app.announce(t('action_failed', { message: e.message }));
      }
    }, { label: t('lift_label', { id: ban.id }), className: 'lift' });
    return [
      t(`kind_${ban.kind}`),
      h('span', { class: 'value', text: ban.value ?? '' }),
      ban.reason ?? '',
      ban.shadow ? t('yes') : t('no'),
      t.date(ban.created),
      ban.expires ? `${t.date(ban.expires)}${expired ? ` (${t('expired')})` : ''}` : t('never'),
      ban.by ?? '',
      expired ? '' : lift,
    ];
  };

  async function load() {
    try {
      const page = await api.bans({ cursor, limit: 50 });
      const rows = (page.bans ?? []).map(row);
      if (!grid) {
        grid = table(t('bans'), ['c_kind', 'c_value', 'c_reason', 'c_shadow', 'c_created', 'c_expires', 'c_by', 'c_actions'].map((k) => t(k)), []);
        box.replaceChildren(rows.length ? grid : h('p', { text: t('bans_empty') }));
      }
      appendRows(grid, rows);
      cursor = page.next_cursor ?? null;
      more.hidden = !cursor;
    } catch (e) {
      box.replaceChildren(h('p', { class: 'error', role: 'alert', text: t('load_failed', { message: e.message }) }));
    }
  }
  function reload() {
    cursor = null;
    grid = null;
    clear(box);
    return load();
  }
  reload();
  return {};
}
