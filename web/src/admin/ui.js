// Small building blocks the console's views share: labelled fields, buttons,
// tables, modal dialogs and a safe link to a comment in context. Everything is
// made with the widget's h() (web/src/widget/dom.js): data only ever becomes text.
import { h } from '../widget/dom.js';

let fieldSequence = 0;

/** A labelled control: {wrap, control}. The label's `for` ties it to a fresh id. */
export function field(label, control, { hint } = {}) {
  control.id ||= `f${++fieldSequence}`;
  const children = [h('label', { for: control.id, text: label }), control];
  if (hint) {
    const note = h('span', { class: 'hint', id: `${control.id}-hint`, text: hint });
    control.setAttribute('aria-describedby', note.id);
    children.push(note);
  }
  return { control, wrap: h('div', { class: 'field' }, ...children) };
}

/** A checkbox with its label after it. */
export function checkbox(label, props = {}) {
  const control = h('input', { type: 'checkbox', id: `f${++fieldSequence}`, ...props });
  return { control, wrap: h('div', { class: 'field check' }, control, h('label', { for: control.id, text: label })) };
}

/** A button that runs `onClick(event)`; `label` is its accessible name when it differs from the text. */
export function button(text, onClick, { className, label, type = 'button' } = {}) {
  const b = h('button', { type, class: className, 'aria-label': label, text });
  if (onClick) b.addEventListener('click', onClick);
  return b;
}

/** A <select> of [value, text] pairs. */
export function select(options, value) {
  const s = h('select', {}, ...options.map(([v, text]) => h('option', { value: v, text })));
  if (value !== undefined) s.value = value;
  return s;
}

/** A table with a caption and column headings; rows are arrays of cells (nodes or strings). */
export function table(caption, headings, rows) {
  return h(
    'table',
    {},
    h('caption', { class: 'sr', text: caption }),
    h('thead', {}, h('tr', {}, ...headings.map((text) => h('th', { scope: 'col', text })))),
    h('tbody', {}, ...rows.map((cells) => h('tr', {}, ...cells.map((cell) => h('td', {}, cell ?? ''))))),
  );
}

/** Appends rows (arrays of cells) to a table made by table(). */
export function appendRows(tableElement, rows) {
  const body = tableElement.tBodies[0];
  for (const cells of rows) body.append(h('tr', {}, ...cells.map((cell) => h('td', {}, cell ?? ''))));
}

/**
 * A modal <dialog> (the browser keeps focus inside and Escape closes it); resolves with what `content`
 * passes to close(value), or null when dismissed. Focus returns to where it was.
 */
export function openDialog(t, heading, content) {
  return new Promise((resolve) => {
    const title = h('h2', { id: `d${++fieldSequence}`, text: heading });
    const dialog = h('dialog', { 'aria-labelledby': title.id, class: 'dialog' });
    const returnTo = document.activeElement;
    let result = null;
    const close = (value) => {
      result = value;
      dialog.close();
    };
    dialog.append(title, content(close));
    dialog.addEventListener('close', () => {
      dialog.remove();
      if (returnTo && returnTo.isConnected) returnTo.focus();
      resolve(result);
    });
    document.body.append(dialog);
    dialog.showModal();
  });
}

/** Asks to confirm `message`: true or false. */
export async function confirmDialog(t, message, confirmText) {
  const answer = await openDialog(t, t('confirm'), (close) => {
    const yes = button(confirmText ?? t('confirm'), () => close(true), { className: 'danger' });
    const no = button(t('cancel'), () => close(false));
    queueMicrotask(() => no.focus());
    return h('div', {}, h('p', { text: message }), h('div', { class: 'row' }, yes, no));
  });
  return answer === true;
}

/**
 * The comment's place in its thread as a same-origin or http(s) URL, or null: a permalink from the server is
 * normally a path ("/demo/<thread>#comment-…" or the article's URL); anything else (javascript:, data:, //host) is never a link.
 */
export function contextUrl(permalink) {
  if (typeof permalink !== 'string' || !permalink) return null;
  try {
    const url = new URL(permalink, location.origin);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
    return url.origin === location.origin ? url.pathname + url.search + url.hash : url.href;
  } catch {
    return null;
  }
}

/** A "load more" button under a list: calls `more()` while the server hands out cursors. */
export function pager(t, more) {
  const b = button(t('load_more'), async () => {
    b.disabled = true;
    try {
      await more();
    } finally {
      b.disabled = false;
    }
  }, { className: 'more' });
  b.hidden = true;
  return b;
}
