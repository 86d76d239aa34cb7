// The PostgreSQL backend's notification outbox (storage.h,
// docs/notifications.md). Several instances drain one table: a claim is one
// UPDATE over rows picked FOR UPDATE SKIP LOCKED, so two senders never take
// the same row at once, and the lease keeps it theirs after the claim commits.
#include <libpq-fe.h>

#include <algorithm>

#include "server/postgres_storage.h"

namespace soundoff::server {

namespace {

#define SOUNDOFF_OUTBOX_COLUMNS \
  "id, event, destination, thread, comment_id, payload, created_ms, attempts, next_attempt_ms, dead, last_error"

// The payload is the comment as this transaction sees it, built by the
// database: the same snapshot as the change, without email or address.
constexpr PgStatement kNoteOutbox{
    "note_outbox",
    "INSERT INTO outbox (event, destination, thread, comment_id, payload, created_ms, next_attempt_ms) "
    "SELECT $1, $2, thread, id, json_build_object('id', id::text, 'thread', thread, 'parent', parent::text, "
    "'author', author, 'body', body, 'status', status, 'created_ms', created_ms, 'reports', reports, "
    "'reasons', reasons::json)::text, $3::bigint, $6::bigint FROM comments WHERE thread = $4 AND id = $5::bigint"};
constexpr PgStatement kNoteThreadClosed{
    "note_thread_closed",
    "INSERT INTO outbox (event, destination, thread, comment_id, payload, created_ms, next_attempt_ms) "
    "SELECT 'thread.closed', $1, key, 0, json_build_object('thread', key)::text, $2::bigint, $4::bigint "
    "FROM threads WHERE key = $3 AND state <> 'closed'"};
constexpr PgStatement kClaimOutbox{
    "claim_outbox",
    "UPDATE outbox SET claimed_by = $1, claimed_until_ms = $2::bigint + $3::bigint, attempts = attempts + 1 "
    "WHERE id IN (SELECT id FROM outbox WHERE delivered_ms = 0 AND NOT dead AND next_attempt_ms <= $2::bigint "
    "AND claimed_until_ms <= $2::bigint ORDER BY next_attempt_ms, id LIMIT $4::bigint FOR UPDATE SKIP LOCKED) "
    "RETURNING " SOUNDOFF_OUTBOX_COLUMNS};
constexpr PgStatement kOutboxDelivered{
    "outbox_delivered",
    "UPDATE outbox SET delivered_ms = $3::bigint, claimed_until_ms = 0, last_error = '' "
    "WHERE id = $1::bigint AND claimed_by = $2 AND delivered_ms = 0"};
constexpr PgStatement kOutboxFailed{
    "outbox_failed",
    "UPDATE outbox SET next_attempt_ms = $3::bigint, claimed_until_ms = 0, dead = $4::boolean, last_error = $5 "
    "WHERE id = $1::bigint AND claimed_by = $2 AND delivered_ms = 0"};
constexpr PgStatement kOutboxDead{
    "outbox_dead", "SELECT " SOUNDOFF_OUTBOX_COLUMNS " FROM outbox WHERE dead ORDER BY id DESC LIMIT $1::bigint"};
constexpr PgStatement kOutboxPending{"outbox_pending",
                                     "SELECT " SOUNDOFF_OUTBOX_COLUMNS
                                     " FROM outbox WHERE delivered_ms = 0 AND NOT dead ORDER BY id DESC "
                                     "LIMIT $1::bigint"};
constexpr PgStatement kRequeueOutbox{
    "requeue_outbox",
    "UPDATE outbox SET dead = false, attempts = 0, next_attempt_ms = $2::bigint, claimed_until_ms = 0, "
    "last_error = '' WHERE id = $1::bigint AND delivered_ms = 0 RETURNING id"};
constexpr PgStatement kOutboxExists{"outbox_exists", "SELECT 1 FROM outbox WHERE id = $1::bigint"};

std::string cell(pg_result* r, int row, int column) {
  return std::string(PQgetvalue(r, row, column), static_cast<std::size_t>(PQgetlength(r, row, column)));
}

std::int64_t number(pg_result* r, int row, int column) { return std::strtoll(PQgetvalue(r, row, column), nullptr, 10); }

std::vector<OutboxEntry> read_entries(pg_result* r) {
  std::vector<OutboxEntry> out;
  for (int i = 0; i < PQntuples(r); ++i) {
    OutboxEntry e;
    e.id = number(r, i, 0);
    e.event = cell(r, i, 1);
    e.destination = cell(r, i, 2);
    e.thread = cell(r, i, 3);
    e.comment_id = cell(r, i, 4);
    e.payload = cell(r, i, 5);
    e.created_ms = number(r, i, 6);
    e.attempts = number(r, i, 7);
    e.next_attempt_ms = number(r, i, 8);
    e.dead = cell(r, i, 9) == "t";
    e.last_error = cell(r, i, 10);
    out.push_back(std::move(e));
  }
  return out;
}

}  // namespace

Result<bool> PostgresStorage::note_on(PgConnection& conn, std::string_view event, const std::string& thread,
                                      const std::string& id, std::int64_t now_ms) {
  const auto rowid = parse_comment_id(id);
  if (!rowid) return true;
  for (const auto& target : outbox_targets(outbox_routes_, event, now_ms)) {
    auto r = conn.run(kNoteOutbox,
                      {std::string(event), target.destination, std::to_string(now_ms), thread, std::to_string(*rowid),
                       std::to_string(target.due_ms)},
                      "write outbox");
    if (!r) return r.error();
  }
  return true;
}

Result<bool> PostgresStorage::note_thread_closed_on(PgConnection& conn, const std::string& key, std::int64_t now_ms) {
  for (const auto& target : outbox_targets(outbox_routes_, "thread.closed", now_ms)) {
    auto r = conn.run(kNoteThreadClosed,
                      {target.destination, std::to_string(now_ms), key, std::to_string(target.due_ms)}, "write outbox");
    if (!r) return r.error();
  }
  return true;
}

Result<bool> PostgresStorage::note_report_on(PgConnection& conn, const std::string& thread, const std::string& id,
                                             const ReportOutcome& outcome, std::int64_t now_ms) {
  if (!notifying() || !outcome.counted) return true;
  if (auto n = note_on(conn, "comment.reported", thread, id, now_ms); !n) return n;
  if (outcome.hidden_now) return note_on(conn, "comment.hidden", thread, id, now_ms);
  return true;
}

Result<std::vector<OutboxEntry>> PostgresStorage::claim_outbox(const std::string& worker, std::int64_t now_ms,
                                                               std::int64_t lease_ms, std::size_t limit) {
  // The attempt counts when claimed, not when it fails: a row whose delivery
  // kills the process still reaches its dead letter.
  auto r = run(kClaimOutbox, {worker, std::to_string(now_ms), std::to_string(lease_ms), std::to_string(limit)},
               "claim outbox");
  if (!r) return r.error();
  auto out = read_entries(r->get());
  std::sort(out.begin(), out.end(), [](const OutboxEntry& a, const OutboxEntry& b) { return a.id < b.id; });
  return out;
}

Result<bool> PostgresStorage::outbox_delivered(std::int64_t id, const std::string& worker, std::int64_t now_ms) {
  auto r = run(kOutboxDelivered, {std::to_string(id), worker, std::to_string(std::max<std::int64_t>(now_ms, 1))},
               "mark outbox delivered");
  if (!r) return r.error();
  return std::string(PQcmdTuples(r->get())) == "1";
}

Result<bool> PostgresStorage::outbox_failed(std::int64_t id, const std::string& worker, std::int64_t next_attempt_ms,
                                            bool dead, const std::string& error) {
  auto r =
      run(kOutboxFailed,
          {std::to_string(id), worker, std::to_string(next_attempt_ms), dead ? "true" : "false", error.substr(0, 500)},
          "mark outbox failed");
  if (!r) return r.error();
  return std::string(PQcmdTuples(r->get())) == "1";
}

Result<std::vector<OutboxEntry>> PostgresStorage::list_outbox(OutboxState state, std::size_t limit) {
  auto r = run(state == OutboxState::dead ? kOutboxDead : kOutboxPending, {std::to_string(limit)}, "list outbox");
  if (!r) return r.error();
  return read_entries(r->get());
}

Result<RequeueOutcome> PostgresStorage::requeue_outbox(std::int64_t id, std::int64_t now_ms) {
  auto r = run(kRequeueOutbox, {std::to_string(id), std::to_string(now_ms)}, "requeue outbox");
  if (!r) return r.error();
  if (PQntuples(r->get()) == 1) return RequeueOutcome::requeued;
  auto exists = run(kOutboxExists, {std::to_string(id)}, "requeue outbox");
  if (!exists) return exists.error();
  return PQntuples(exists->get()) == 1 ? RequeueOutcome::delivered : RequeueOutcome::missing;
}

}  // namespace soundoff::server
