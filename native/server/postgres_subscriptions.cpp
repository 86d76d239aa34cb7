// The PostgreSQL backend's reply-mail subscriptions (storage.h, "Reader reply
// mail"; docs/notifications.md), as SQLite's (sqlite_subscriptions.cpp). The
// note_* functions run on the change's connection inside its transaction;
// the counter's upsert takes the row lock, so instances sharing the database
// count one address's mails together.
#include <libpq-fe.h>

#include <set>

#include "server/postgres_rows.h"
#include "server/postgres_storage.h"

namespace soundoff::server {

namespace {

using pg_rows::text;

constexpr PgStatement kWriteReaderMail{
    "write_reader_mail",
    "INSERT INTO outbox (event, destination, thread, comment_id, payload, created_ms, next_attempt_ms) "
    "VALUES ($1, $2, $3, $4::bigint, $5, $6::bigint, $6::bigint)"};
// A new window starts when the old one is over; within a window the mail
// counts until the limit, after it only `dropped` grows. SET sees the old row.
constexpr PgStatement kTakeMailSlot{
    "take_mail_slot",
    "INSERT INTO reader_mail_counts AS c (address, kind, window_start_ms, sent, dropped, allowed) "
    "VALUES ($1, $2, $3::bigint, 1, 0, true) ON CONFLICT (address, kind) DO UPDATE SET "
    "window_start_ms = CASE WHEN $3::bigint - c.window_start_ms >= $4::bigint THEN $3::bigint "
    "ELSE c.window_start_ms END, "
    "sent = CASE WHEN $3::bigint - c.window_start_ms >= $4::bigint THEN 1 "
    "WHEN c.sent < $5::bigint THEN c.sent + 1 ELSE c.sent END, "
    "dropped = CASE WHEN $3::bigint - c.window_start_ms >= $4::bigint OR c.sent < $5::bigint "
    "THEN c.dropped ELSE c.dropped + 1 END, "
    "allowed = ($3::bigint - c.window_start_ms >= $4::bigint OR c.sent < $5::bigint) "
    "RETURNING allowed"};
constexpr PgStatement kStoreSubscription{
    "store_subscription",
    "INSERT INTO subscriptions (address, thread, comment_id, lang, created_ms) "
    "VALUES ($1, $2, $3::bigint, $4, $5::bigint) "
    "ON CONFLICT (address, thread, comment_id) DO UPDATE SET lang = excluded.lang RETURNING state"};
constexpr PgStatement kLoadReply{"load_reply",
                                 "SELECT COALESCE(parent, 0), author, email, body FROM comments "
                                 "WHERE id = $1::bigint AND thread = $2 AND status = 'published'"};
// The parent's subscribers first, so one reader subscribed both ways gets one mail (naming the comment).
constexpr PgStatement kSubscribers{
    "load_subscribers",
    "SELECT address, lang, comment_id FROM subscriptions WHERE thread = $1 AND state = 'confirmed' "
    "AND (comment_id = 0 OR comment_id = $2::bigint) AND address <> $3 ORDER BY address, comment_id DESC"};
constexpr PgStatement kRepliesWritten{"replies_written",
                                      "SELECT payload::json->>'to' FROM outbox WHERE comment_id = $1::bigint "
                                      "AND event = $2 AND destination = $3"};
constexpr PgStatement kConfirmSubscription{
    "confirm_subscription",
    "UPDATE subscriptions SET state = 'confirmed', confirmed_ms = CASE WHEN state = 'confirmed' "
    "THEN confirmed_ms ELSE $4::bigint END WHERE address = $1 AND thread = $2 AND comment_id = $3::bigint"};
constexpr PgStatement kUnsubscribe{"unsubscribe", "DELETE FROM subscriptions WHERE address = $1 AND thread = $2"};
constexpr PgStatement kSubscribed{
    "subscribed", "SELECT 1 FROM subscriptions WHERE address = $1 AND thread = $2 AND state = 'confirmed' LIMIT 1"};

std::string id_or_zero(const std::string& id) { return std::to_string(parse_comment_id(id).value_or(0)); }

Result<bool> write_reader_mail(PgConnection& conn, const char* event, const std::string& thread,
                               const std::string& comment_id, const std::string& payload, std::int64_t now_ms) {
  auto r = conn.run(kWriteReaderMail,
                    {std::string(event), std::string(kReaderMailDestination), thread, id_or_zero(comment_id), payload,
                     std::to_string(now_ms)},
                    "write reader mail");
  if (!r) return r.error();
  return true;
}

// Counts one mail of `kind` to `address` in its window; false: over the limit (counted as dropped).
Result<bool> take_mail_slot(PgConnection& conn, const std::string& address, const char* kind, std::int64_t now_ms,
                            std::int64_t window_ms, std::int64_t limit) {
  auto r =
      conn.run(kTakeMailSlot,
               {address, std::string(kind), std::to_string(now_ms), std::to_string(window_ms), std::to_string(limit)},
               "count reader mail");
  if (!r) return r.error();
  return PQntuples(r->get()) == 1 && text(r->get(), 0, 0) == "t";
}

}  // namespace

Result<bool> PostgresStorage::note_subscription_on(PgConnection& conn, const NewComment& comment, const Comment& stored,
                                                   std::int64_t now_ms) {
  // Spam (and shadow-banned) posts subscribe nobody: they must not be a way to send mail.
  if (!reader_mailing() || !comment.subscribe || stored.status == Status::spam) return true;
  const SubscriptionRequest& want = *comment.subscribe;
  const std::string address = normalized_address(want.address);
  const std::string subscribed_to = want.whole_thread ? "0" : stored.id;
  auto r = conn.run(kStoreSubscription,
                    {address, stored.thread, id_or_zero(subscribed_to), want.lang, std::to_string(now_ms)},
                    "store subscription");
  if (!r) return r.error();
  // A repeated request keeps a confirmed subscription confirmed (and mails nothing).
  if (PQntuples(r->get()) == 1 && text(r->get(), 0, 0) == "confirmed") return true;
  auto slot = take_mail_slot(conn, address, "confirm", now_ms, kConfirmWindowMs, reader_mail_.confirmations_per_day);
  if (!slot || !*slot) return slot;
  return write_reader_mail(conn, kReaderConfirmEvent, stored.thread, stored.id,
                           confirm_payload(address, stored.thread, subscribed_to, want.lang), now_ms);
}

Result<bool> PostgresStorage::note_replies_on(PgConnection& conn, const std::string& thread, const std::string& id,
                                              std::int64_t now_ms, bool approved) {
  if (!reader_mailing() || !parse_comment_id(id)) return true;
  auto reply = conn.run(kLoadReply, {id_or_zero(id), thread}, "load reply");
  if (!reply) return reply.error();
  if (PQntuples(reply->get()) != 1) return true;  // not published: held and spam comments mail nobody
  const std::string author = text(reply->get(), 0, 1);
  const std::string body = text(reply->get(), 0, 3);
  auto subs = conn.run(kSubscribers, {thread, text(reply->get(), 0, 0), normalized_address(text(reply->get(), 0, 2))},
                       "load subscribers");
  if (!subs) return subs.error();
  // Published again after a hide (reports, reject, hold) and a new approval:
  // whoever already has this comment's reply mail in the outbox gets no second one.
  // (A new comment has no rows yet: the POST skips the look-up, which reads the outbox without an index.)
  std::set<std::string> mailed;
  if (approved && PQntuples(subs->get()) > 0) {
    auto written =
        conn.run(kRepliesWritten, {id_or_zero(id), std::string(kReaderReplyEvent), std::string(kReaderMailDestination)},
                 "load reply mail already written");
    if (!written) return written.error();
    for (int i = 0; i < PQntuples(written->get()); ++i) mailed.insert(text(written->get(), i, 0));
  }
  for (int i = 0; i < PQntuples(subs->get()); ++i) {
    const std::string address = text(subs->get(), i, 0);
    if (!mailed.insert(address).second) continue;
    auto slot = take_mail_slot(conn, address, "reply", now_ms, kReplyWindowMs, reader_mail_.replies_per_hour);
    if (!slot) return slot;
    if (!*slot) continue;
    auto written = write_reader_mail(
        conn, kReaderReplyEvent, thread, id,
        reply_payload(address, thread, text(subs->get(), i, 2), text(subs->get(), i, 1), id, author, body), now_ms);
    if (!written) return written;
  }
  return true;
}

Result<bool> PostgresStorage::confirm_subscription(const std::string& address, const std::string& thread,
                                                   const std::string& comment, std::int64_t now_ms) {
  auto r = run(kConfirmSubscription, {normalized_address(address), thread, id_or_zero(comment), std::to_string(now_ms)},
               "confirm subscription");
  if (!r) return r.error();
  return std::string(PQcmdTuples(r->get())) == "1";
}

Result<std::int64_t> PostgresStorage::unsubscribe(const std::string& address, const std::string& thread) {
  auto r = run(kUnsubscribe, {normalized_address(address), thread}, "unsubscribe");
  if (!r) return r.error();
  return static_cast<std::int64_t>(std::strtoll(PQcmdTuples(r->get()), nullptr, 10));
}

Result<bool> PostgresStorage::subscribed(const std::string& address, const std::string& thread) {
  auto r = run(kSubscribed, {normalized_address(address), thread}, "check subscription");
  if (!r) return r.error();
  return PQntuples(r->get()) == 1;
}

}  // namespace soundoff::server
