// Deliveries (admins only): the notification outbox's dead letters — the
// webhook calls and mails the sender gave up on after outbox.max_attempts —
// and the rows still waiting, with "Retry" (docs/notifications.md, "In the
// console"). Reader addresses arrive masked from the server.
import { h } from '../widget/dom.js';
import { button, field, select, table } from './ui.js';

export const outboxStates = ['dead', 'pending'];

export function outboxView(app, main) {
  const { t, api } = app;
  const state = field(t('outbox_state'), select(outboxStates.map((s) => [s, t(`outbox_${s}`)]), 'dead'));
  state.control.addEventListener('change', () => reload());
  const box = h('div', { class: 'table-box', 'aria-live': 'polite' });
  main.append(h('div', { class: 'filters' }, state.wrap), box);

  const row = (entry) => {
    const retry = button(t('retry'), async () => {
      retry.disabled = true;
      try {
        await api.retryDelivery(entry.id);
        app.announce(t('retried', { id: entry.id }));
        reload();
      } catch (e) {
        retry.disabled = false;
        app.announce(t('action_failed', { message: e.message }));
      }
    }, { label: t('retry_label', { id: entry.id }), className: 'retry' });
    return [
      h('time', { datetime: entry.created, text: t.date(entry.created) }),
      h('code', { text: entry.event ?? '' }),
      h('span', { class: 'value', text: entry.destination ?? '' }),
      entry.thread ?? '',
      String(entry.attempts ?? 0),
      entry.state === 'pending' && entry.next_attempt ? t.date(entry.next_attempt) : '',
      h('span', { class: 'detail', text: entry.last_error ?? '' }),
      retry,
    ];
  };

  async function reload() {
    box.setAttribute('aria-busy', 'true');
    try {
      const page = await api.outbox({ state: state.control.value });
      const rows = (page.entries ?? []).map(row);
      const headings = ['c_created', 'c_event', 'c_destination', 'c_thread', 'c_attempts', 'c_next_attempt', 'c_error', 'c_actions'];
      box.replaceChildren(rows.length ? table(t('deliveries'), headings.map((k) => t(k)), rows) : h('p', { text: t('outbox_empty') }));
    } catch (e) {
      box.replaceChildren(h('p', { class: 'error', role: 'alert', text: t('load_failed', { message: e.message }) }));
    }
    box.setAttribute('aria-busy', 'false');
  }
  reload();
  return {};
}
