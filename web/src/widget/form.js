// The comment form: name, optional email, body and the comment replied to.
// Validates locally, shows the spam pre-check as the reader types, and hands
// a clean candidate to `submit` (the widget does the optimistic insert/POST).
// On a closed thread it gives way to "Comments are closed" (setClosed).
import { h } from './dom.js';
import { spamPrecheck, validateFields } from './precheck.js';

/**
 * @param {object} view  {t, mode, engine(): Engine|null (field rules and the pre-check), limits, spamContext(), spamPolicy(): Promise|null, submit(candidate)}
 */
export function createForm(view) {
  const { t } = view;
  const field = (name, label, control, hint) => {
    control.id = `so-${name}`;
    control.name = name;
    const error = h('p', { class: 'so-field-error', id: `so-${name}-error`, hidden: true });
    control.setAttribute('aria-describedby', error.id);
    return { control, error, wrap: h('div', { class: 'so-field' }, h('label', { for: control.id, text: label }), hint, control, error) };
  };
  const author = field('author', t('name'), h('input', { type: 'text', autocomplete: 'nickname', required: true }));
  const email = field('email', t('email'), h('input', { type: 'email', autocomplete: 'email' }));
  const body = field('body', t('body'), h('textarea', { rows: '5', required: true }));
  const fields = { author, email, body };
  // "Email me replies": only when the page says the server mails readers (option `notify`), since the
  // server cannot be asked; the server then sends a confirmation link first (docs/notifications.md).
  const notify = view.notify ? h('input', { type: 'checkbox', id: 'so-notify', name: 'notify_replies' }) : null;
  const notifyWrap = notify ? h('div', { class: 'so-field so-notify' }, notify, ' ', h('label', { for: notify.id, text: t('notify_replies') })) : null;
  // After a post that asked for mail: a polite reminder that nothing comes before the confirmation link is clicked.
  const mailNote = notify && h('p', { class: 'so-mail-note', role: 'status' });

  const heading = h('h3', { id: 'so-form-title', text: t('leave_comment') });
  const replyNote = h('p', { class: 'so-replying', hidden: true });
  const replyText = h('span');
  const cancel = h('button', { type: 'button', class: 'so-cancel', text: t('cancel_reply') });
  replyNote.append(replyText, ' ', cancel);
  const check = h('div', { class: 'so-check', role: 'status', 'aria-live': 'polite' });
  const status = h('p', { class: 'so-form-status', role: 'alert' });
  const submit = h('button', { type: 'submit', class: 'so-submit', text: t('submit') });
  const note = view.mode === 'static' ? h('p', { class: 'so-static-note', id: 'so-static-note', text: t('static_note') }) : null;
  if (note) {
    submit.disabled = true;
    submit.setAttribute('aria-describedby', note.id);
  }
  const form = h(
    'form',
    { class: 'so-form', 'aria-labelledby': heading.id, novalidate: true },
    heading,
    replyNote,
    author.wrap,
    email.wrap,
    notifyWrap,
    body.wrap,
    check,
    status,
    mailNote,
    note,
    h('div', { class: 'so-form-actions' }, submit),
  );

  let parent = null;
  let home = null;
  const touched = { author: false, body: false };
  const candidate = () => ({
    author: author.control.value,
    email: email.control.value,
    body: body.control.value,
    ...(parent ? { parent: parent.id } : {}),
  });

  const showErrors = (errors) => {
    for (const [name, f] of Object.entries(fields)) {
      const message = errors[name];
      f.error.hidden = !message;
      f.error.textContent = message || '';
      if (message) f.control.setAttribute('aria-invalid', 'true');
      else f.control.removeAttribute('aria-invalid');
    }
  };

  const showFieldErrors = () => showErrors(validateFields(candidate(), view.limits, t, touched, view.engine()));
  // The check is async (the tools module loads on first use): only the answer to the
  // latest request is shown, so a slow answer for older text never replaces a newer one.
  let latest = 0;
  const showCheck = async () => {
    const request = ++latest;
    const c = candidate();
    const policy = await view.spamPolicy?.();
    const result = await spamPrecheck(view.engine(), c, view.spamContext(c), t, policy);
    if (request !== latest) return;
    check.replaceChildren();
    if (!result) return;
    check.className = `so-check so-check-${result.verdict}`;
    check.append(h('p', { class: 'so-check-headline', text: result.headline }));
    if (result.reasons.length) check.append(h('ul', {}, ...result.reasons.map((r) => h('li', { 'data-code': r.code, text: r.text }))));
  };
  let timer = 0;
  const scheduleCheck = () => {
    clearTimeout(timer);
    timer = setTimeout(showCheck, 120);
  };
  // Start loading the tools module (and the policy) as soon as the reader comes to the
  // form, so the first check after typing does not wait for it. Failures stay silent here.
  let warmed = false;
  form.addEventListener('focusin', () => {
    if (warmed) return;
    const engine = view.engine();
    if (!engine) return;
    warmed = true;
    engine.loadTools?.().catch(() => {});
    view.spamPolicy?.();
  });
  // Field errors follow every keystroke at once (a message vanishing later would move the
  // button under the pointer); the spam check waits for a pause in typing.
  for (const f of Object.values(fields)) {
    f.control.addEventListener('input', () => {
      showFieldErrors();
      scheduleCheck();
    });
  }
  for (const name of ['author', 'body']) {
    fields[name].control.addEventListener('blur', () => {
      touched[name] = true;
      showFieldErrors();
    });
  }

  const replyTo = (item, anchor) => {
    home ??= form.parentNode;
    parent = item;
    replyText.textContent = t('replying_to', { author: item.author ?? '' });
    replyNote.hidden = false;
    anchor.after(form);
    body.control.focus();
    scheduleCheck();
  };
  const resetReply = () => {
    parent = null;
    replyNote.hidden = true;
    if (home && form.parentNode !== home) home.append(form);
  };
  cancel.addEventListener('click', () => {
    const back = parent;
    resetReply();
    if (back) view.focusComment?.(back.id);
  });

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    if (view.mode === 'static') return;
    touched.author = touched.body = true;
    const c = candidate();
    const errors = validateFields(c, view.limits, t, touched, view.engine());
    if (notify?.checked && !c.email.trim() && !errors.email) errors.email = t('notify_needs_email');
    showErrors(errors);
    const first = Object.keys(fields).find((name) => errors[name]);
    if (first) {
      fields[first].control.focus();
      return;
    }
    submit.disabled = true;
    submit.textContent = t('sending');
    status.textContent = '';
    const trimmed = { author: c.author.trim(), body: c.body.trim(), ...(c.email.trim() ? { email: c.email.trim() } : {}), ...(c.parent ? { parent: c.parent } : {}), ...(notify?.checked ? { notify_replies: true, lang: view.lang } : {}) };
    const outcome = await view.submit(trimmed, parent);
    submit.disabled = false;
    submit.textContent = t('submit');
    if (outcome.ok) {
      body.control.value = '';
      touched.body = false;
      latest++; // a check still running is for text that is gone
      check.replaceChildren();
      status.textContent = outcome.status === 'pending' ? t('held') : t('posted');
      // Only when the server took the request: with reader mail off it answers "off" and no mail comes.
      if (mailNote) mailNote.textContent = outcome.notify === 'requested' ? t('check_mail') : '';
      resetReply();
      return;
    }
    if (outcome.closed) return setClosed(true);
    showErrors(outcome.fields || {});
    status.textContent = outcome.message;
    const bad = Object.keys(fields).find((name) => outcome.fields?.[name]);
    if (bad) fields[bad].control.focus();
  });

  // A closed thread (the page's `closed: true`, or a POST answered 403 closed): the note instead of the form.
  const closedNote = h('p', { class: 'so-closed', role: 'status', text: t('closed') });
  function setClosed(closed) {
    if (closed === form.hidden) return;
    if (closed) {
      resetReply();
      form.hidden = true;
      form.after(closedNote);
    } else {
      closedNote.remove();
      form.hidden = false;
    }
  }

  return { element: form, replyTo, refreshCheck: showCheck, setClosed };
}
