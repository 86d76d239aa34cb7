// Page items as DOM: nested lists of <article>s, numbered in display order,
// built iteratively (a thread can be as deep as its data). Every comment's
// article has id `comment-<id>`; all text goes in as text nodes.
import { renderBody } from './body.js';
import { commentElementId, commentHash, h } from './dom.js';

/** Appends items (and their replies) to an existing list. */
export function appendItems(list, items, view) {
  const walker = itemWalker(list, items, view);
  while (walker.next());
  return list;
}

/**
 * Draws items into `list` one comment per next() (false when none is left), in
 * display order: a comment's replies come before the next comment, so the
 * list only ever grows at its end (progressive.js draws pages in slices).
 */
export function itemWalker(list, items, view) {
  const stack = [];
  for (let i = items.length - 1; i >= 0; i--) stack.push([items[i], list]);
  return {
    next() {
      if (!stack.length) return false;
      const [item, parent] = stack.pop();
      const li = h('li', { class: 'so-item', 'data-depth': item.depth });
      li.append(renderComment(item, view));
      parent.append(li);
      const children = item.children || [];
      const replies = h('ol', { class: 'so-children' });
      if (children.length) li.append(replies);
      if (item.hidden_replies > 0 && item.replies_cursor) {
        li.append(moreRepliesButton(item, view, replies, li));
      }
      for (let i = children.length - 1; i >= 0; i--) stack.push([children[i], replies]);
      return true;
    },
  };
}

/** "Show N more replies": loads the replies cursor into this comment's reply list. */
function moreRepliesButton(item, view, replies, li) {
  const button = h('button', {
    type: 'button',
    class: 'so-more-replies',
    text: view.t('more_replies', { n: item.hidden_replies }),
  });
  button.addEventListener('click', () => view.actions.moreReplies(item, { button, replies, li }));
  return button;
}

/** One comment's <article> (or a tombstone). */
export function renderComment(item, view) {
  const { t } = view;
  const article = h('article', { class: 'so-comment', tabindex: '-1' });
  article.id = commentElementId(item.id);
  if (item.tombstone) {
    article.classList.add('so-tombstone');
    article.setAttribute('aria-label', t('deleted_label'));
    article.append(h('p', { class: 'so-deleted', text: t('deleted') }));
    return article;
  }
  const author = item.author ?? '';
  article.setAttribute(
    'aria-label',
    item.number === null || item.number === undefined
      ? t('reply_label', { author })
      : t('comment_label', { number: item.number, author }),
  );
  if (item.status === 'pending') article.classList.add('so-pending');

  const meta = h('header', { class: 'so-meta' });
  if (item.number !== null && item.number !== undefined) {
    meta.append(h('span', { class: 'so-number', text: `${view.number(item.number)}.` }));
  }
  meta.append(h('h3', { class: 'so-author', text: author }));
  // Set by the server from the reader's verified sign-in (docs/sso.md); only its two badges get words.
  if (item.badge === 'staff' || item.badge === 'verified') {
    meta.append(h('span', { class: 'so-badge so-account-badge', title: t(`badge_${item.badge}_title`), text: t(`badge_${item.badge}`) }));
  }
  meta.append(timeLink(item, view));
  if (item.status === 'pending') meta.append(h('span', { class: 'so-badge', text: t('awaiting') }));
  if (item.pinned === true) {
    article.classList.add('so-pinned');
    meta.append(h('span', { class: 'so-badge so-pinned-badge', text: t('pinned') }));
  }
  if (item.edited) meta.append(editedNote(item.edited, view));
  article.append(meta);

  const context = replyContext(item, view);
  if (context) article.append(context);
  article.append(renderBody(view.segments(item.body ?? ''), view.mentionsFor(item)));
  article.append(actions(item, view));
  return article;
}

/** "edited", with the time of the edit as its tooltip (when the server sent a valid one). */
function editedNote(edited, view) {
  const date = new Date(edited);
  const valid = typeof edited === 'string' && !Number.isNaN(date.getTime());
  return h('span', { class: 'so-edited', title: valid ? view.t('edited_at', { time: view.dates.full.format(date) }) : null, text: view.t('edited') });
}

function timeLink(item, view) {
  const date = new Date(item.created);
  const valid = !Number.isNaN(date.getTime());
  const time = h('time', {
    datetime: item.created,
    title: valid ? view.dates.full.format(date) : null,
    text: valid ? view.dates.short.format(date) : item.created,
  });
  return h('a', { class: 'so-permalink', href: commentHash(item.id), title: view.t('permalink') }, time);
}

/**
 * An inferred reply is shown as "probably in reply to X" only when reply resolution's confidence (a calibrated
 * probability: docs/reply-resolution.md, reliability table) says it is right at least this often.
 */
const INFERRED_MIN_CONFIDENCE = 0.5;

/** "in reply to X": the real parent of a reply shown below the depth cap, or an inferred one. */
function replyContext(item, view) {
  const capped = item.reply_to;
  const guess = item.inferred_reply;
  const inferred = !capped && guess && !guess.nested && !(guess.confidence < INFERRED_MIN_CONFIDENCE) ? guess : null;
  const target = capped || inferred;
  if (!target || target.id === null || target.id === undefined) return null;
  const label = view.t(capped ? 'in_reply_to' : 'inferred_reply_to');
  const name = target.author ?? view.t('deleted_label');
  return h('p', { class: 'so-context' }, `${label} `, h('a', { href: commentHash(target.id), text: name }));
}

function actions(item, view) {
  const { t } = view;
  const bar = h('footer', { class: 'so-actions' });
  if (view.mode === 'api' && item.status !== 'pending') {
    const votes = h('span', { class: 'so-votes', role: 'group', 'aria-label': t('votes') });
    for (const [value, label, arrow, count] of [
      [1, 'vote_up', '▲', item.up],
      [-1, 'vote_down', '▼', item.down],
    ]) {
      const button = h(
        'button',
        { type: 'button', class: 'so-vote', 'aria-pressed': 'false' },
        h('span', { 'aria-hidden': 'true', text: arrow }),
        h('span', { class: 'so-sr', text: t(label) }),
        ' ',
        h('span', { class: 'so-count', text: view.number(count ?? 0) }),
      );
      button.addEventListener('click', () => view.actions.vote(item, value, button));
      votes.append(button);
    }
    bar.append(votes);
  }
  // A comment not yet published can be neither answered nor reported.
  if (item.status !== 'pending') {
    const reply = view.closed ? null : h('button', { type: 'button', class: 'so-reply', 'aria-label': t('reply_to_author', { author: item.author ?? '' }), text: t('reply') });
    reply?.addEventListener('click', () => view.actions.reply(item, reply));
    if (reply) bar.append(reply);
    const report = h('button', { type: 'button', class: 'so-report', text: t('report') });
    report.addEventListener('click', () => view.actions.report(item, report));
    bar.append(report);
  }
  // The reader's own comment, while its edit key is kept (own.js).
  if (view.mode === 'api' && view.own?.keyOf(item.id)) {
    const edit = h('button', { type: 'button', class: 'so-edit', text: t('edit') });
    edit.addEventListener('click', () => view.actions.edit(item, edit.closest('article')));
    const remove = h('button', { type: 'button', class: 'so-delete', text: t('delete') });
    remove.addEventListener('click', () => view.actions.remove(item, remove.closest('article')));
    bar.append(edit, remove);
  }
  return bar;
}
