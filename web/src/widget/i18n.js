// Translated strings. A locale is a flat table of templates: `{name}`
// placeholders, and plural forms chosen by Intl.PluralRules
// (`{one: ..., other: ...}`, any CLDR category). Any locale can be added
// with the `strings` option; a missing key falls back to English.

const en = {
  title: 'soundoff',
  heading: '{title} ({responses})',
  responses: { one: '{n} Response', other: '{n} Responses' },
  sort: 'Sort',
  feed: 'Atom feed',
  sort_oldest: 'Oldest first',
  sort_newest: 'Newest first',
  sort_top: 'Top',
  sort_best: 'Best',
  sort_controversial: 'Controversial',
  sort_active: 'Recently active',
  comments: 'Comments',
  comment_label: 'Comment {number} by {author}',
  reply_label: 'Reply by {author}',
  deleted: 'Comment deleted.',
  deleted_label: 'Deleted comment',
  in_reply_to: 'in reply to',
  inferred_reply_to: 'probably in reply to',
  reply: 'Reply',
  reply_to_author: 'Reply to {author}',
  report: 'Report abuse',
  reported: 'Reported. Thank you.',
  already_reported: 'You have already reported this comment.',
  report_static: 'Reporting needs the comment server; this page shows a static copy.',
  vote_up: 'Vote up',
  vote_down: 'Vote down',
  votes: 'Votes',
  already_voted: 'You have already voted on this comment.',
  permalink: 'Link to this comment',
  pages: 'Comment pages',
  page_n: 'Page {n}',
  prev: 'Previous',
  next: 'Next',
  load_more: 'Load more comments',
  more_replies: { one: 'Show {n} more reply', other: 'Show {n} more replies' },
  new_comments: { one: '{n} new comment', other: '{n} new comments' },
  loading: 'Loading comments…',
  load_failed: 'The comments could not be loaded: {message}',
  not_found: 'The linked comment is not in this thread.',
  page_loaded: 'Page {n} of {pages}',
  leave_comment: 'Leave a comment',
  replying_to: 'Replying to {author}',
  cancel_reply: 'Cancel reply',
  name: 'Name',
  email: 'Email (optional, never shown)',
  notify_replies: 'Email me replies (you confirm by a link first)',
  notify_needs_email: 'Enter your email to get replies by mail.',
  check_mail: 'Check your mail to confirm.',
  body: 'Comment',
  submit: 'Post comment',
  sending: 'Sending…',
  static_note: 'Posting is disabled: this page shows a static copy of the comments.',
  posted: 'Your comment was posted.',
  held: 'Your comment was received and awaits moderation.',
  awaiting: 'Awaiting moderation',
  pinned: 'Pinned',
  badge_verified: 'Verified',
  badge_verified_title: 'Signed-in reader',
  badge_staff: 'Staff',
  badge_staff_title: 'Staff',
  edited: 'edited',
  edited_at: 'Edited {time}',
  edit: 'Edit',
  delete: 'Delete',
  edit_label: 'Edit your comment',
  save: 'Save',
  cancel: 'Cancel',
  edit_saved: 'Your comment was updated.',
  edit_held: 'Your edit awaits moderation.',
  edit_failed: 'Your edit could not be saved: {message}',
  delete_failed: 'Your comment could not be deleted: {message}',
  closed: 'Comments are closed.',
  banned: 'You may not comment here.',
  post_failed: 'Your comment could not be posted: {message}',
  rate_limited: { one: 'Too many comments. Try again in {n} second.', other: 'Too many comments. Try again in {n} seconds.' },
  required: 'Please fill in this field.',
  too_long_field: 'Too long: {length} bytes, at most {max} are allowed.',
  invalid_email: 'This is not a valid email address.',
  field_error: '{message}',
  // Pre-check (docs/widget.md): what would happen to the comment as typed.
  check_accept: 'Looks good.',
  check_hold: 'Will be held for moderation.',
  check_reject: 'Will be rejected.',
  why_links: { one: '{n} link: will be held for moderation.', other: '{n} links: will be held for moderation.' },
  why_first_time_link: 'Links from first-time commenters are held for moderation.',
  why_too_long: 'Too long ({length} characters): long comments are held for moderation.',
  why_duplicate: 'You already posted this comment.',
  why_near_duplicate: 'Very similar to a comment you already posted.',
  why_flood: 'You are commenting very fast; this one will be held.',
  why_banned_word: 'Contains a word this site does not allow.',
  why_moderation_word: 'Contains a word this site reviews before publishing.',
  why_empty_body: 'The comment has no visible text.',
};

const de = {
  title: 'soundoff',
  heading: '{title} ({responses})',
  responses: { one: '{n} Antwort', other: '{n} Antworten' },
  sort: 'Sortierung',
  feed: 'Atom-Feed',
  sort_oldest: 'Älteste zuerst',
  sort_newest: 'Neueste zuerst',
  sort_top: 'Top',
  sort_best: 'Beste',
  sort_controversial: 'Umstritten',
  sort_active: 'Zuletzt aktiv',
  comments: 'Kommentare',
  comment_label: 'Kommentar {number} von {author}',
  reply_label: 'Antwort von {author}',
  deleted: 'Kommentar gelöscht.',
  deleted_label: 'Gelöschter Kommentar',
  in_reply_to: 'als Antwort auf',
  inferred_reply_to: 'vermutlich als Antwort auf',
  reply: 'Antworten',
  reply_to_author: '{author} antworten',
  report: 'Missbrauch melden',
  reported: 'Gemeldet. Danke.',
  already_reported: 'Sie haben diesen Kommentar bereits gemeldet.',
  report_static: 'Melden braucht den Kommentar-Server; diese Seite zeigt eine statische Kopie.',
  vote_up: 'Positiv bewerten',
  vote_down: 'Negativ bewerten',
  votes: 'Bewertungen',
  already_voted: 'Sie haben diesen Kommentar bereits bewertet.',
  permalink: 'Link zu diesem Kommentar',
  pages: 'Kommentarseiten',
  page_n: 'Seite {n}',
  prev: 'Zurück',
  next: 'Weiter',
  load_more: 'Weitere Kommentare laden',
  more_replies: { one: '{n} weitere Antwort anzeigen', other: '{n} weitere Antworten anzeigen' },
  new_comments: { one: '{n} neuer Kommentar', other: '{n} neue Kommentare' },
  loading: 'Kommentare werden geladen …',
  load_failed: 'Die Kommentare konnten nicht geladen werden: {message}',
  not_found: 'Der verlinkte Kommentar ist nicht in dieser Diskussion.',
  page_loaded: 'Seite {n} von {pages}',
  leave_comment: 'Kommentar schreiben',
  replying_to: 'Antwort an {author}',
  cancel_reply: 'Antwort abbrechen',
  name: 'Name',
  email: 'E-Mail (optional, wird nie angezeigt)',
  notify_replies: 'Antworten per E-Mail (erst per Link bestätigen)',
  notify_needs_email: 'Für Antworten per E-Mail bitte die Adresse angeben.',
  check_mail: 'Bitte bestätigen Sie den Link in Ihrer E-Mail.',
  body: 'Kommentar',
  submit: 'Kommentar senden',
  sending: 'Wird gesendet …',
  static_note: 'Kommentieren ist hier nicht möglich: diese Seite zeigt eine statische Kopie der Kommentare.',
  posted: 'Ihr Kommentar wurde veröffentlicht.',
  held: 'Ihr Kommentar ist eingegangen und wird vor der Veröffentlichung geprüft.',
  awaiting: 'Wartet auf Freigabe',
  pinned: 'Angeheftet',
  badge_verified: 'Verifiziert',
  badge_verified_title: 'Angemeldete Leserin, angemeldeter Leser',
  badge_staff: 'Redaktion',
  badge_staff_title: 'Redaktion',
  edited: 'bearbeitet',
  edited_at: 'Bearbeitet {time}',
  edit: 'Bearbeiten',
  delete: 'Löschen',
  edit_label: 'Ihren Kommentar bearbeiten',
  save: 'Speichern',
  cancel: 'Abbrechen',
  edit_saved: 'Ihr Kommentar wurde geändert.',
  edit_held: 'Ihre Änderung wartet auf Freigabe.',
  edit_failed: 'Ihre Änderung konnte nicht gespeichert werden: {message}',
  delete_failed: 'Ihr Kommentar konnte nicht gelöscht werden: {message}',
  closed: 'Die Kommentare sind geschlossen.',
  banned: 'Sie dürfen hier nicht kommentieren.',
  post_failed: 'Ihr Kommentar konnte nicht gesendet werden: {message}',
  rate_limited: { one: 'Zu viele Kommentare. Bitte in {n} Sekunde erneut versuchen.', other: 'Zu viele Kommentare. Bitte in {n} Sekunden erneut versuchen.' },
  required: 'Bitte füllen Sie dieses Feld aus.',
  too_long_field: 'Zu lang: {length} Bytes, höchstens {max} sind erlaubt.',
  invalid_email: 'Das ist keine gültige E-Mail-Adresse.',
  field_error: '{message}',
  check_accept: 'Sieht gut aus.',
  check_hold: 'Wird vor der Veröffentlichung geprüft.',
  check_reject: 'Wird abgelehnt.',
  why_links: { one: '{n} Link: wird vor der Veröffentlichung geprüft.', other: '{n} Links: wird vor der Veröffentlichung geprüft.' },
  why_first_time_link: 'Links von neuen Kommentierenden werden vor der Veröffentlichung geprüft.',
  why_too_long: 'Zu lang ({length} Zeichen): lange Kommentare werden vor der Veröffentlichung geprüft.',
  why_duplicate: 'Diesen Kommentar haben Sie bereits gesendet.',
  why_near_duplicate: 'Sehr ähnlich zu einem Kommentar, den Sie bereits gesendet haben.',
  why_flood: 'Sie kommentieren sehr schnell; dieser Kommentar wird geprüft.',
  why_banned_word: 'Enthält ein Wort, das diese Seite nicht erlaubt.',
  why_moderation_word: 'Enthält ein Wort, das diese Seite vor der Veröffentlichung prüft.',
  why_empty_body: 'Der Kommentar enthält keinen sichtbaren Text.',
};

export const locales = { en, de };

/** The best table for a BCP 47 tag: exact, then its language, then English. */
function tableFor(lang, extra) {
  const tag = String(lang || 'en').toLowerCase();
  const base = tag.split('-')[0];
  const all = { ...locales, ...extra };
  return { ...en, ...(all[base] || {}), ...(all[tag] || {}) };
}

/**
 * A translator: `t(key, values)` fills `{name}` placeholders; a plural entry
 * is chosen by `values.n`. Values are inserted as text by callers, never markup.
 */
export function translator(lang, extra = {}) {
  const locale = safeLocale(lang);
  const table = tableFor(locale, extra);
  const plural = new Intl.PluralRules(locale);
  const number = new Intl.NumberFormat(locale);
  const t = (key, values = {}) => {
    let template = table[key] ?? key;
    if (typeof template === 'object') template = template[plural.select(values.n ?? 0)] ?? template.other;
    return template.replace(/\{(\w+)\}/g, (whole, name) => {
      if (!(name in values)) return whole;
      const value = values[name];
      return typeof value === 'number' ? number.format(value) : String(value);
    });
  };
  t.locale = locale;
  return t;
}

/** A locale Intl accepts (a malformed lang attribute must not break the widget). */
export function safeLocale(lang) {
  try {
    return Intl.getCanonicalLocales(lang || 'en')[0] || 'en';
  } catch {
    return 'en';
  }
}
