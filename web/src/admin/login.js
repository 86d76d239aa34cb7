// The sign-in form: name and password to POST /api/admin/login. Resolves with
// the session ({name, role, csrf, expires}) once the server accepts them.
import { h } from '../widget/dom.js';
import { button, field } from './ui.js';

export function showLogin(app, root, message) {
  const { t } = app;
  return new Promise((resolve) => {
    const name = field(t('name'), h('input', { type: 'text', name: 'username', autocomplete: 'username', required: true }));
    const password = field(t('password'), h('input', { type: 'password', name: 'password', autocomplete: 'current-password', required: true }));
    const error = h('p', { class: 'error', role: 'alert', id: 'login-error' });
    if (message) error.textContent = message;
    const submit = button(t('sign_in'), null, { type: 'submit', className: 'primary' });
    const heading = h('h1', { id: 'login-title', text: t('sign_in_heading') });
    const form = h('form', { class: 'login', 'aria-labelledby': heading.id }, heading, name.wrap, password.wrap, error, submit);
    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      if (!name.control.value || !password.control.value) {
        (name.control.value ? password : name).control.focus();
        return;
      }
      submit.disabled = true;
      submit.textContent = t('signing_in');
      try {
        const session = await app.api.login(name.control.value, password.control.value);
        resolve(session);
      } catch (e) {
        error.textContent =
          e.code === 'bad_credentials' || e.status === 401 ? t('bad_credentials')
          : e.status === 429 ? t('login_throttled', { n: e.retryAfter ?? 60 })
          : t('action_failed', { message: e.message });
        password.control.value = '';
        password.control.focus();
      } finally {
        submit.disabled = false;
        submit.textContent = t('sign_in');
      }
    });
    root.append(h('main', { class: 'login-main', id: 'main' }, form));
    name.control.focus();
  });
}
