// The SQLite backend's reply-mail subscriptions (storage.h, "Reader reply
// mail"; docs/notifications.md). Everything here runs under the storage's
// mutex; the note_* functions inside the transaction of the comment they are
// about, so a comment and its mails commit or roll back together.
#include <sqlite3.h>

#include <set>

#include "server/sqlite_rows.h"
#include "server/sqlite_storage.h"

namespace soundoff::server {

using sqlite_rows::bind_text;
using sqlite_rows::column_text;
using sqlite_rows::Reset;

Result<bool> SqliteStorage::write_reader_mail_locked(const char* event, const std::string& thread,
                                                     const std::string& comment_id, const std::string& payload,
                                                     std::int64_t now_ms) {
  sqlite3_stmt* s = prepared(
      "INSERT INTO outbox (event, destination, thread, comment_id, payload, created_ms, next_attempt_ms) "
      "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?6)");
  Reset reset{s};
  bind_text(s, 1, event);
  bind_text(s, 2, kReaderMailDestination);
  bind_text(s, 3, thread);
  sqlite3_bind_int64(s, 4, parse_comment_id(comment_id).value_or(0));
  bind_text(s, 5, payload);
  sqlite3_bind_int64(s, 6, now_ms);
  if (sqlite3_step(s) != SQLITE_DONE) return last_error("write reader mail");
  return true;
}

Result<bool> SqliteStorage::take_mail_slot_locked(const std::string& address, const char* kind, std::int64_t now_ms,
                                                  std::int64_t window_ms, std::int64_t limit) {
  // One statement: a new window starts when the old one is over; within a
  // window the mail counts until the limit, after it only `dropped` grows.
  // SET expressions all see the row as it was.
  sqlite3_stmt* s = prepared(
      "INSERT INTO reader_mail_counts (address, kind, window_start_ms, sent, dropped, allowed) "
      "VALUES (?1, ?2, ?3, 1, 0, 1) ON CONFLICT (address, kind) DO UPDATE SET "
      "window_start_ms = CASE WHEN ?3 - reader_mail_counts.window_start_ms >= ?4 THEN ?3 "
      "ELSE reader_mail_counts.window_start_ms END, "
      "sent = CASE WHEN ?3 - reader_mail_counts.window_start_ms >= ?4 THEN 1 "
      "WHEN reader_mail_counts.sent < ?5 THEN reader_mail_counts.sent + 1 ELSE reader_mail_counts.sent END, "
      "dropped = CASE WHEN ?3 - reader_mail_counts.window_start_ms >= ?4 OR reader_mail_counts.sent < ?5 "
      "THEN reader_mail_counts.dropped ELSE reader_mail_counts.dropped + 1 END, "
      "allowed = CASE WHEN ?3 - reader_mail_counts.window_start_ms >= ?4 OR reader_mail_counts.sent < ?5 "
      "THEN 1 ELSE 0 END "
      "RETURNING allowed");
  Reset reset{s};
  bind_text(s, 1, address);
  bind_text(s, 2, kind);
  sqlite3_bind_int64(s, 3, now_ms);
  sqlite3_bind_int64(s, 4, window_ms);
  sqlite3_bind_int64(s, 5, limit);
  if (sqlite3_step(s) != SQLITE_ROW) return last_error("count reader mail");
  return sqlite3_column_int(s, 0) != 0;
}

Result<bool> SqliteStorage::note_subscription_locked(const NewComment& comment, const Comment& stored,
                                                     std::int64_t now_ms) {
  // Spam (and shadow-banned) posts subscribe nobody: they must not be a way to send mail.
  if (!reader_mailing() || !comment.subscribe || stored.status == Status::spam) return true;
  const SubscriptionRequest& want = *comment.subscribe;
  const std::string address = normalized_address(want.address);
  const std::string subscribed_to = want.whole_thread ? "0" : stored.id;
  std::string state;
  {
    // A repeated request keeps a confirmed subscription confirmed (and mails nothing).
    sqlite3_stmt* s = prepared(
        "INSERT INTO subscriptions (address, thread, comment_id, lang, created_ms) VALUES (?1, ?2, ?3, ?4, ?5) "
        "ON CONFLICT (address, thread, comment_id) DO UPDATE SET lang = excluded.lang RETURNING state");
    Reset reset{s};
    bind_text(s, 1, address);
    bind_text(s, 2, stored.thread);
    sqlite3_bind_int64(s, 3, parse_comment_id(subscribed_to).value_or(0));
    bind_text(s, 4, want.lang);
    sqlite3_bind_int64(s, 5, now_ms);
    if (sqlite3_step(s) != SQLITE_ROW) return last_error("store subscription");
    state = column_text(s, 0);
  }
  if (state == "confirmed") return true;
  auto slot = take_mail_slot_locked(address, "confirm", now_ms, kConfirmWindowMs, reader_mail_.confirmations_per_day);
  if (!slot || !*slot) return slot;
  return write_reader_mail_locked(kReaderConfirmEvent, stored.thread, stored.id,
                                  confirm_payload(address, stored.thread, subscribed_to, want.lang), now_ms);
}

Result<bool> SqliteStorage::note_replies_locked(const std::string& thread, const std::string& id, std::int64_t now_ms,
                                                bool approved) {
  const auto rowid = parse_comment_id(id);
  if (!reader_mailing() || !rowid) return true;
  std::int64_t parent = 0;
  std::string author, email, body;
  {
    sqlite3_stmt* s = prepared(
        "SELECT COALESCE(parent, 0), author, email, body FROM comments "
        "WHERE id = ?1 AND thread = ?2 AND status = 'published'");
    Reset reset{s};
    sqlite3_bind_int64(s, 1, *rowid);
    bind_text(s, 2, thread);
    const int rc = sqlite3_step(s);
    if (rc == SQLITE_DONE) return true;  // not published: held and spam comments mail nobody
    if (rc != SQLITE_ROW) return last_error("load reply");
    parent = sqlite3_column_int64(s, 0);
    author = column_text(s, 1);
    email = column_text(s, 2);
    body = column_text(s, 3);
  }
  struct Subscriber {
    std::string address, lang, comment;
  };
  std::vector<Subscriber> subscribers;
  {
    // The parent's subscribers first, so one reader subscribed both ways gets one mail (naming the comment).
    sqlite3_stmt* s = prepared(
        "SELECT address, lang, comment_id FROM subscriptions WHERE thread = ?1 AND state = 'confirmed' "
        "AND (comment_id = 0 OR comment_id = ?2) AND address <> ?3 ORDER BY address, comment_id DESC");
    Reset reset{s};
    bind_text(s, 1, thread);
    sqlite3_bind_int64(s, 2, parent);
    bind_text(s, 3, normalized_address(email));
    int rc;
    while ((rc = sqlite3_step(s)) == SQLITE_ROW)
      subscribers.push_back({column_text(s, 0), column_text(s, 1), std::to_string(sqlite3_column_int64(s, 2))});
    if (rc != SQLITE_DONE) return last_error("load subscribers");
  }
  // Published again after a hide (reports, reject, hold) and a new approval:
  // whoever already has this comment's reply mail in the outbox gets no second one.
  // (A new comment has no rows yet: the POST skips the look-up, which reads the outbox without an index.)
  std::set<std::string> mailed;
  if (approved && !subscribers.empty()) {
    sqlite3_stmt* s = prepared(
        "SELECT json_extract(payload, '$.to') FROM outbox WHERE comment_id = ?1 AND event = ?2 AND destination = ?3");
    Reset reset{s};
    sqlite3_bind_int64(s, 1, *rowid);
    bind_text(s, 2, kReaderReplyEvent);
    bind_text(s, 3, kReaderMailDestination);
    int rc;
    while ((rc = sqlite3_step(s)) == SQLITE_ROW) mailed.insert(column_text(s, 0));
    if (rc != SQLITE_DONE) return last_error("load reply mail already written");
  }
  for (const auto& sub : subscribers) {
    if (!mailed.insert(sub.address).second) continue;
    auto slot = take_mail_slot_locked(sub.address, "reply", now_ms, kReplyWindowMs, reader_mail_.replies_per_hour);
    if (!slot) return slot;
    if (!*slot) continue;
    auto written =
        write_reader_mail_locked(kReaderReplyEvent, thread, id,
                                 reply_payload(sub.address, thread, sub.comment, sub.lang, id, author, body), now_ms);
    if (!written) return written;
  }
  return true;
}

Result<bool> SqliteStorage::confirm_subscription(const std::string& address, const std::string& thread,
                                                 const std::string& comment, std::int64_t now_ms) {
  std::lock_guard lock(mutex_);
  sqlite3_stmt* s = prepared(
      "UPDATE subscriptions SET state = 'confirmed', confirmed_ms = CASE WHEN state = 'confirmed' "
      "THEN confirmed_ms ELSE ?4 END WHERE address = ?1 AND thread = ?2 AND comment_id = ?3");
  Reset reset{s};
  bind_text(s, 1, normalized_address(address));
  bind_text(s, 2, thread);
  sqlite3_bind_int64(s, 3, parse_comment_id(comment).value_or(0));
  sqlite3_bind_int64(s, 4, now_ms);
  if (sqlite3_step(s) != SQLITE_DONE) return last_error("confirm subscription");
  return sqlite3_changes(db_) == 1;
}

Result<std::int64_t> SqliteStorage::unsubscribe(const std::string& address, const std::string& thread) {
  std::lock_guard lock(mutex_);
  sqlite3_stmt* s = prepared("DELETE FROM subscriptions WHERE address = ?1 AND thread = ?2");
  Reset reset{s};
  bind_text(s, 1, normalized_address(address));
  bind_text(s, 2, thread);
  if (sqlite3_step(s) != SQLITE_DONE) return last_error("unsubscribe");
  return static_cast<std::int64_t>(sqlite3_changes(db_));
}

Result<bool> SqliteStorage::subscribed(const std::string& address, const std::string& thread) {
  std::lock_guard lock(mutex_);
  sqlite3_stmt* s =
      prepared("SELECT 1 FROM subscriptions WHERE address = ?1 AND thread = ?2 AND state = 'confirmed' LIMIT 1");
  Reset reset{s};
  bind_text(s, 1, normalized_address(address));
  bind_text(s, 2, thread);
  const int rc = sqlite3_step(s);
  if (rc == SQLITE_ROW) return true;
  if (rc != SQLITE_DONE) return last_error("check subscription");
  return false;
}

}  // namespace soundoff::server
