// Posting a comment in API mode: show it at once where it will appear
// (optimistic insert), send it, then swap in the stored comment or take it
// back and explain the failure in the reader's language.
import { appendItems, renderComment } from './comments.js';
import { commentElementId, h } from './dom.js';
import { finishDrawing } from './progressive.js';

let sequence = 0;

/**
 * @param {object} p  {candidate, parent (page item or null), shadow, listBox, view, source, maxDepth, newestFirst}
 * @returns {Promise<{ok: true, id: string, status: string, notify?: string} | {ok: false, message: string, fields?: object, closed?: true}>}
 */
export async function postOptimistically({ candidate, parent, shadow, listBox, view, source, maxDepth, newestFirst }) {
  const provisional = {
    id: `\u0000pending-${++sequence}`, // never rendered as an id: the attribute is removed below
    parent: parent?.id ?? null,
    author: candidate.author,
    body: candidate.body,
    created: new Date().toISOString(),
    status: 'pending',
    depth: parent ? Math.min(parent.depth + 1, maxDepth || Infinity) : 0,
    number: null,
    children: [],
  };
  finishDrawing(listBox); // the new comment goes where the whole page puts it
  const list = targetList(parent, shadow, listBox);
  const before = list.children.length;
  appendItems(list, [provisional], view);
  const li = list.children[before];
  if (!parent && newestFirst) list.prepend(li);
  li.querySelector('article').removeAttribute('id');
  try {
    const result = await source.post(candidate);
    view.own?.remember(result); // before rendering, so the new comment shows Edit and Delete
    // The server's author and badge: a signed-in reader posts under the account's name (docs/sso.md).
    const stored = { ...provisional, id: String(result.id), status: result.status, author: result.author ?? provisional.author, badge: result.badge };
    li.replaceChild(renderComment(stored, view), li.querySelector('article'));
    return { ok: true, id: stored.id, status: stored.status, notify: result.notify };
  } catch (e) {
    li.remove();
    return { ok: false, ...describePostError(e, view.t) };
  }
}

/** The reply list of `parent` (created when it has none yet), or the top-level list. */
function targetList(parent, shadow, listBox) {
  const top = () => listBox.querySelector('.so-list') ?? listBox.appendChild(h('ol', { class: 'so-list' }));
  if (!parent) return top();
  const li = shadow.getElementById(commentElementId(parent.id))?.closest('li');
  if (!li) return top();
  return li.querySelector(':scope > .so-children') ?? li.appendChild(h('ol', { class: 'so-children' }));
}

/**
 * A failed POST as form messages: per-field (400 invalid_comment), rate limit (429 Retry-After), a closed thread or a
 * ban (403 closed / banned, docs/moderation-api.md), or the server's message.
 */
export function describePostError(e, t) {
  if (e.status === 429) return { message: t('rate_limited', { n: e.retryAfter ?? 60 }) };
  // The thread was closed after the page loaded: the form gives way to the note (form.js).
  if (e.code === 'closed') return { message: t('closed'), closed: true };
  if (e.code === 'banned') return { message: t('banned') };
  const message = t('post_failed', { message: e.message });
  if (!e.fields) return { message };
  const fields = {};
  for (const [name, f] of Object.entries(e.fields)) {
    if (f.code === 'missing' || f.code === 'empty') fields[name] = t('required');
    else if (f.code === 'invalid_email') fields[name] = t('invalid_email');
    else fields[name] = f.message;
  }
  return { fields, message };
}
