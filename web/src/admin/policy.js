// The spam policy (admins): the live policy as JSON in a textarea, saved to
// the server, which validates it with core's parser; its error (naming the
// field) is shown next to the text. "Back to the config file" resets it.
import { h } from '../widget/dom.js';
import { button } from './ui.js';

export function policyView(app, main) {
  const { t, api } = app;
  const meta = h('p', { class: 'meta' });
  const label = h('label', { for: 'policy-json', text: t('policy_json') });
  const text = h('textarea', { id: 'policy-json', rows: '18', spellcheck: 'false', 'aria-describedby': 'policy-error' });
  const error = h('p', { class: 'error', id: 'policy-error', role: 'alert' });
  const save = button(t('save'), null, { type: 'submit', className: 'primary' });
  const reset = button(t('policy_reset'), async () => {
    try {
      show(await api.resetPolicy());
      app.announce(t('policy_was_reset'));
    } catch (e) {
      error.textContent = t('action_failed', { message: e.message });
    }
  });
  const form = h('form', { class: 'policy' }, meta, label, text, error, h('div', { class: 'row' }, save, reset));
  main.append(form);

  function show(answer) {
    if (!answer || typeof answer !== 'object' || !('policy' in answer)) return load();
    text.value = JSON.stringify(answer.policy, null, 2);
    meta.replaceChildren(
      t('policy_source', { source: answer.source ?? '' }),
      answer.updated ? ` · ${t('policy_updated', { time: t.date(answer.updated), by: answer.by ?? '' })}` : '',
    );
    error.textContent = '';
    text.removeAttribute('aria-invalid');
  }
  async function load() {
    try {
      show(await api.policy());
    } catch (e) {
      error.textContent = t('load_failed', { message: e.message });
    }
  }

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    let policy;
    try {
      policy = JSON.parse(text.value);
    } catch (e) {
      error.textContent = t('policy_bad_json', { message: e.message });
      text.setAttribute('aria-invalid', 'true');
      return text.focus();
    }
    try {
      show(await api.savePolicy(policy));
      app.announce(t('policy_saved'));
    } catch (e) {
      // The server names the field: {"code": "invalid_policy", "message": "weights.links: ..."}.
      error.textContent = t('action_failed', { message: e.message });
      text.setAttribute('aria-invalid', 'true');
      text.focus();
    }
  });
  load();
  return {};
}
