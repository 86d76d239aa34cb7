// The SQLite backend's notification outbox (storage.h, docs/notifications.md).
// One connection behind the storage's mutex, so a claim is one UPDATE ...
// RETURNING that nobody else can interleave with; the lease column is what
// makes a claim by a process that then died due again.
#include <sqlite3.h>

#include <algorithm>

#include "server/sqlite_storage.h"

namespace soundoff::server {

namespace {

std::string text_at(sqlite3_stmt* s, int i) {
  const auto* text = reinterpret_cast<const char*>(sqlite3_column_text(s, i));
  return text == nullptr ? std::string() : std::string(text, static_cast<std::size_t>(sqlite3_column_bytes(s, i)));
}

// Not called `bind`: for std::string arguments, argument-dependent lookup would pick std::bind.
void put_text(sqlite3_stmt* s, int i, std::string_view text) {
  sqlite3_bind_text(s, i, text.data(), static_cast<int>(text.size()), SQLITE_TRANSIENT);
}

struct Reset {
  sqlite3_stmt* s;
  ~Reset() {
    if (s == nullptr) return;
    sqlite3_reset(s);
    sqlite3_clear_bindings(s);
  }
};

// Columns read by read_entry, in its order.
#define SOUNDOFF_OUTBOX_COLUMNS \
  "id, event, destination, thread, comment_id, payload, created_ms, attempts, next_attempt_ms, dead, last_error"

OutboxEntry read_entry(sqlite3_stmt* s) {
  OutboxEntry e;
  e.id = sqlite3_column_int64(s, 0);
  e.event = text_at(s, 1);
  e.destination = text_at(s, 2);
  e.thread = text_at(s, 3);
  e.comment_id = std::to_string(sqlite3_column_int64(s, 4));
  e.payload = text_at(s, 5);
  e.created_ms = sqlite3_column_int64(s, 6);
  e.attempts = sqlite3_column_int64(s, 7);
  e.next_attempt_ms = sqlite3_column_int64(s, 8);
  e.dead = sqlite3_column_int(s, 9) != 0;
  e.last_error = text_at(s, 10);
  return e;
}

}  // namespace

Result<bool> SqliteStorage::note_locked(std::string_view event, const std::string& thread, const std::string& id,
                                        std::int64_t now_ms) {
  const auto rowid = parse_comment_id(id);
  if (!rowid) return true;
  // The payload is the comment as this transaction sees it, built by SQLite
  // itself: the same snapshot as the change, without email or address.
  sqlite3_stmt* s = prepared(
      "INSERT INTO outbox (event, destination, thread, comment_id, payload, created_ms, next_attempt_ms) "
      "SELECT ?1, ?2, thread, id, json_object('id', CAST(id AS TEXT), 'thread', thread, 'parent', "
      "CAST(parent AS TEXT), 'author', author, 'body', body, 'status', status, 'created_ms', created_ms, "
      "'reports', reports, 'reasons', json(reasons)), ?3, ?6 FROM comments WHERE id = ?4 AND thread = ?5");
  for (const auto& target : outbox_targets(outbox_routes_, event, now_ms)) {
    Reset reset{s};
    put_text(s, 1, event);
    put_text(s, 2, target.destination);
    sqlite3_bind_int64(s, 3, now_ms);
    sqlite3_bind_int64(s, 4, *rowid);
    put_text(s, 5, thread);
    sqlite3_bind_int64(s, 6, target.due_ms);
    if (sqlite3_step(s) != SQLITE_DONE) return last_error("write outbox");
  }
  return true;
}

Result<bool> SqliteStorage::note_thread_closed_locked(const std::string& key, std::int64_t now_ms) {
  // No comment: comment_id 0 and the thread alone as the payload.
  sqlite3_stmt* s = prepared(
      "INSERT INTO outbox (event, destination, thread, comment_id, payload, created_ms, next_attempt_ms) "
      "SELECT 'thread.closed', ?1, key, 0, json_object('thread', key), ?2, ?4 FROM threads "
      "WHERE key = ?3 AND state <> 'closed'");
  for (const auto& target : outbox_targets(outbox_routes_, "thread.closed", now_ms)) {
    Reset reset{s};
    put_text(s, 1, target.destination);
    sqlite3_bind_int64(s, 2, now_ms);
    put_text(s, 3, key);
    sqlite3_bind_int64(s, 4, target.due_ms);
    if (sqlite3_step(s) != SQLITE_DONE) return last_error("write outbox");
  }
  return true;
}

Result<bool> SqliteStorage::note_report_locked(const std::string& thread, const std::string& id,
                                               const ReportOutcome& outcome, std::int64_t now_ms) {
  if (!notifying() || !outcome.counted) return true;
  if (auto n = note_locked("comment.reported", thread, id, now_ms); !n) return n;
  if (outcome.hidden_now) return note_locked("comment.hidden", thread, id, now_ms);
  return true;
}

Result<std::vector<OutboxEntry>> SqliteStorage::claim_outbox(const std::string& worker, std::int64_t now_ms,
                                                             std::int64_t lease_ms, std::size_t limit) {
  std::lock_guard lock(mutex_);
  // The attempt counts when claimed, not when it fails: a row whose delivery
  // kills the process still reaches its dead letter.
  sqlite3_stmt* s = prepared(
      "UPDATE outbox SET claimed_by = ?1, claimed_until_ms = ?2 + ?3, attempts = attempts + 1 "
      "WHERE id IN (SELECT id FROM outbox WHERE delivered_ms = 0 AND dead = 0 AND next_attempt_ms <= ?2 "
      "AND claimed_until_ms <= ?2 ORDER BY next_attempt_ms, id LIMIT ?4) RETURNING " SOUNDOFF_OUTBOX_COLUMNS);
  Reset reset{s};
  put_text(s, 1, worker);
  sqlite3_bind_int64(s, 2, now_ms);
  sqlite3_bind_int64(s, 3, lease_ms);
  sqlite3_bind_int64(s, 4, static_cast<std::int64_t>(limit));
  std::vector<OutboxEntry> out;
  int rc;
  while ((rc = sqlite3_step(s)) == SQLITE_ROW) out.push_back(read_entry(s));
  if (rc != SQLITE_DONE) return last_error("claim outbox");
  std::sort(out.begin(), out.end(), [](const OutboxEntry& a, const OutboxEntry& b) { return a.id < b.id; });
  return out;
}

Result<bool> SqliteStorage::outbox_delivered(std::int64_t id, const std::string& worker, std::int64_t now_ms) {
  std::lock_guard lock(mutex_);
  sqlite3_stmt* s = prepared(
      "UPDATE outbox SET delivered_ms = ?3, claimed_until_ms = 0, last_error = '' "
      "WHERE id = ?1 AND claimed_by = ?2 AND delivered_ms = 0");
  Reset reset{s};
  sqlite3_bind_int64(s, 1, id);
  put_text(s, 2, worker);
  sqlite3_bind_int64(s, 3, std::max<std::int64_t>(now_ms, 1));
  if (sqlite3_step(s) != SQLITE_DONE) return last_error("mark outbox delivered");
  return sqlite3_changes(db_) == 1;
}

Result<bool> SqliteStorage::outbox_failed(std::int64_t id, const std::string& worker, std::int64_t next_attempt_ms,
                                          bool dead, const std::string& error) {
  std::lock_guard lock(mutex_);
  sqlite3_stmt* s = prepared(
      "UPDATE outbox SET next_attempt_ms = ?3, claimed_until_ms = 0, dead = ?4, last_error = ?5 "
      "WHERE id = ?1 AND claimed_by = ?2 AND delivered_ms = 0");
  Reset reset{s};
  sqlite3_bind_int64(s, 1, id);
  put_text(s, 2, worker);
  sqlite3_bind_int64(s, 3, next_attempt_ms);
  sqlite3_bind_int(s, 4, dead ? 1 : 0);
  put_text(s, 5, error.substr(0, 500));
  if (sqlite3_step(s) != SQLITE_DONE) return last_error("mark outbox failed");
  return sqlite3_changes(db_) == 1;
}

Result<std::vector<OutboxEntry>> SqliteStorage::list_outbox(OutboxState state, std::size_t limit) {
  std::lock_guard lock(mutex_);
  sqlite3_stmt* s =
      state == OutboxState::dead
          ? prepared("SELECT " SOUNDOFF_OUTBOX_COLUMNS " FROM outbox WHERE dead = 1 ORDER BY id DESC LIMIT ?")
          : prepared("SELECT " SOUNDOFF_OUTBOX_COLUMNS
                     " FROM outbox WHERE delivered_ms = 0 AND dead = 0 ORDER BY id DESC LIMIT ?");
  Reset reset{s};
  sqlite3_bind_int64(s, 1, static_cast<std::int64_t>(limit));
  std::vector<OutboxEntry> out;
  int rc;
  while ((rc = sqlite3_step(s)) == SQLITE_ROW) out.push_back(read_entry(s));
  if (rc != SQLITE_DONE) return last_error("list outbox");
  return out;
}

Result<RequeueOutcome> SqliteStorage::requeue_outbox(std::int64_t id, std::int64_t now_ms) {
  std::lock_guard lock(mutex_);
  sqlite3_stmt* s = prepared(
      "UPDATE outbox SET dead = 0, attempts = 0, next_attempt_ms = ?2, claimed_until_ms = 0, last_error = '' "
      "WHERE id = ?1 AND delivered_ms = 0 RETURNING id");
  {
    Reset reset{s};
    sqlite3_bind_int64(s, 1, id);
    sqlite3_bind_int64(s, 2, now_ms);
    const int rc = sqlite3_step(s);
    if (rc == SQLITE_ROW) return RequeueOutcome::requeued;
    if (rc != SQLITE_DONE) return last_error("requeue outbox");
  }
  sqlite3_stmt* exists = prepared("SELECT 1 FROM outbox WHERE id = ?");
  Reset reset{exists};
  sqlite3_bind_int64(exists, 1, id);
  const int rc = sqlite3_step(exists);
  if (rc == SQLITE_ROW) return RequeueOutcome::delivered;
  if (rc != SQLITE_DONE) return last_error("requeue outbox");
  return RequeueOutcome::missing;
}

}  // namespace soundoff::server
