// Privacy on SQLite (storage.h, "Privacy by default"; docs/privacy.md): the
// retention job's rewrite of old addresses, and a person's export and erasure.
#include <sqlite3.h>

#include <set>

#include "server/network_pseudonym.h"
#include "server/sqlite_rows.h"
#include "server/sqlite_storage.h"

namespace soundoff::server {

using namespace sqlite_rows;

namespace {

constexpr std::int64_t kBatch = 500;  // rows per transaction: writers wait for one batch at most

// The WHERE clauses match the partial indexes of migration 10, so each
// select reads only rows that still hold a raw address.
constexpr const char* kOldComments =
    "SELECT id, ip FROM comments WHERE ip <> '' AND substr(ip, 1, 5) <> 'hash:' AND created_ms < ?1 LIMIT ?2";
constexpr const char* kOldVotes =
    "SELECT thread, comment_id, voter FROM votes WHERE substr(voter, 1, 5) <> 'hash:' AND "
    "substr(voter, 1, 8) <> 'account:' AND created_ms < ?1 LIMIT ?2";
constexpr const char* kOldReports =
    "SELECT thread, comment_id, reporter FROM reports WHERE substr(reporter, 1, 5) <> 'hash:' AND "
    "substr(reporter, 1, 8) <> 'account:' AND created_ms < ?1 LIMIT ?2";
constexpr const char* kOldAudit =
    "SELECT id, network FROM audit_log WHERE network <> '' AND substr(network, 1, 5) <> 'hash:' AND time_ms < ?1 "
    "LIMIT ?2";

using Row = std::vector<std::string>;

}  // namespace

Result<PseudonymisedRows> SqliteStorage::pseudonymise_addresses(std::int64_t before_ms, const AddressHasher& hash) {
  // Runs `rewrite` on every row `select` finds, a batch per transaction;
  // each rewrite takes its row out of the selection, so the loop ends.
  const auto batches = [&](const char* select, const std::function<Result<bool>(const Row&)>& rewrite,
                           std::int64_t& counted) -> Result<bool> {
    for (;;) {
      std::lock_guard lock(mutex_);
      auto n = in_transaction<std::int64_t>([&]() -> Result<std::int64_t> {
        std::vector<Row> found;
        {
          sqlite3_stmt* s = prepared(select);
          Reset reset{s};
          sqlite3_bind_int64(s, 1, before_ms);
          sqlite3_bind_int64(s, 2, kBatch);
          int rc;
          while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
            Row row;
            for (int i = 0; i < sqlite3_column_count(s); ++i) row.push_back(column_text(s, i));
            found.push_back(std::move(row));
          }
          if (rc != SQLITE_DONE) return last_error("find old addresses");
        }
        for (const Row& row : found)
          if (auto r = rewrite(row); !r) return r.error();
        return static_cast<std::int64_t>(found.size());
      });
      if (!n) return n.error();
      counted += *n;
      if (*n < kBatch) return true;
    }
  };
  const auto step = [&](const char* sql, const std::vector<std::string>& params) -> Result<bool> {
    sqlite3_stmt* s = prepared(sql);
    Reset reset{s};
    for (std::size_t i = 0; i < params.size(); ++i) bind_text(s, static_cast<int>(i + 1), params[i]);
    if (sqlite3_step(s) != SQLITE_DONE) return last_error("pseudonymise addresses");
    return true;
  };
  // Votes and reports: two readers of one network become one row (the
  // counters on the comment stay as they were); a key that is no address is dropped.
  const auto rekey = [&](const char* update, const char* remove) {
    return [&, update, remove](const Row& row) -> Result<bool> {
      const std::string pseudonym = hash(row[2]);
      if (!pseudonym.empty())
        if (auto r = step(update, {pseudonym, row[0], row[1], row[2]}); !r) return r;
      return step(remove, {row[0], row[1], row[2]});
    };
  };
  PseudonymisedRows out;
  if (auto r = batches(
          kOldComments,
          [&](const Row& row) {
            return step("UPDATE comments SET ip = ?1, net = ?1 WHERE id = CAST(?2 AS INTEGER)", {hash(row[1]), row[0]});
          },
          out.comments);
      !r)
    return r.error();
  if (auto r = batches(kOldVotes,
                       rekey("UPDATE OR IGNORE votes SET voter = ?1 WHERE thread = ?2 AND comment_id = "
                             "CAST(?3 AS INTEGER) AND voter = ?4",
                             "DELETE FROM votes WHERE thread = ?1 AND comment_id = CAST(?2 AS INTEGER) AND voter = ?3"),
                       out.votes);
      !r)
    return r.error();
  if (auto r = batches(
          kOldReports,
          rekey("UPDATE OR IGNORE reports SET reporter = ?1 WHERE thread = ?2 AND comment_id = CAST(?3 AS INTEGER) "
                "AND reporter = ?4",
                "DELETE FROM reports WHERE thread = ?1 AND comment_id = CAST(?2 AS INTEGER) AND reporter = ?3"),
          out.reports);
      !r)
    return r.error();
  if (auto r = batches(
          kOldAudit,
          [&](const Row& row) {
            return step("UPDATE audit_log SET network = ?1 WHERE id = CAST(?2 AS INTEGER)", {hash(row[1]), row[0]});
          },
          out.audit);
      !r)
    return r.error();
  return out;
}

Result<std::vector<HeldComment>> SqliteStorage::person_comments(const std::string& email) {
  std::lock_guard lock(mutex_);
  static const std::string sql = std::string("SELECT ") + kCommentColumns +
                                 ", email, ip, reasons FROM comments WHERE lower(email) = lower(?) ORDER BY id";
  sqlite3_stmt* s = prepared(sql.c_str());
  Reset reset{s};
  bind_text(s, 1, email);
  std::vector<HeldComment> out;
  int rc;
  while ((rc = sqlite3_step(s)) == SQLITE_ROW) out.push_back(read_held(s));
  if (rc != SQLITE_DONE) return last_error("read a person's comments");
  return out;
}

Result<PersonErasure> SqliteStorage::erase_person(const std::string& email, bool anonymise) {
  if (email.empty()) return Error{"invalid_argument", "erase needs an email: an empty one would match imports"};
  std::lock_guard lock(mutex_);
  auto erased = in_transaction<PersonErasure>([&]() -> Result<PersonErasure> {
    PersonErasure out;
    std::vector<std::pair<std::int64_t, std::string>> comments;  // (id, thread)
    {
      // Newest first: a reply of theirs under their own comment goes before
      // its parent, so the parent keeps a tombstone only for others' replies.
      sqlite3_stmt* s = prepared("SELECT id, thread FROM comments WHERE lower(email) = lower(?) ORDER BY id DESC");
      Reset reset{s};
      bind_text(s, 1, email);
      int rc;
      while ((rc = sqlite3_step(s)) == SQLITE_ROW) comments.emplace_back(sqlite3_column_int64(s, 0), column_text(s, 1));
      if (rc != SQLITE_DONE) return last_error("find a person's comments");
    }
    std::set<std::string> threads;
    const auto run = [&](const char* sql, std::int64_t id, const std::string& thread) -> Result<bool> {
      sqlite3_stmt* s = prepared(sql);
      Reset reset{s};
      sqlite3_bind_int64(s, 1, id);
      if (sqlite3_bind_parameter_count(s) >= 2) bind_text(s, 2, thread);
      if (sqlite3_step(s) != SQLITE_DONE) return last_error("erase a person's comment");
      return true;
    };
    for (const auto& [id, thread] : comments) {
      threads.insert(thread);
      bool keep = false;
      if (anonymise) {
        sqlite3_stmt* s = prepared("SELECT EXISTS (SELECT 1 FROM comments WHERE parent = ?)");
        Reset reset{s};
        sqlite3_bind_int64(s, 1, id);
        if (sqlite3_step(s) != SQLITE_ROW) return last_error("erase a person's comment");
        keep = sqlite3_column_int(s, 0) != 0;
      }
      for (const char* sql :
           {"DELETE FROM votes WHERE comment_id = ?1 AND thread = ?2",
            "DELETE FROM reports WHERE comment_id = ?1 AND thread = ?2",
            // The audit trail keeps who did what and when, not the words or names it quoted.
            "UPDATE audit_log SET detail = '{\"erased\":true}' WHERE target_kind = 'comment' AND target = "
            "CAST(?1 AS TEXT)",
            keep ? "UPDATE comments SET status = 'deleted', author = '', email = '', ip = '', net = '', body = '', "
                   "external_id = '', badge = '', up = 0, down = 0, reports = 0, pinned = 0, reasons = '[]' "
                   "WHERE id = ?1 AND thread = ?2"
                 : "DELETE FROM comments WHERE id = ?1 AND thread = ?2"})
        if (auto r = run(sql, id, thread); !r) return r.error();
      ++(keep ? out.tombstoned : out.removed);
    }
    {
      // Events about those comments carry their text; mails to the person carry the address.
      sqlite3_stmt* s = prepared(
          "DELETE FROM outbox WHERE instr(lower(payload), lower(?1)) > 0 OR EXISTS (SELECT 1 FROM json_each(?2) j "
          "WHERE j.value = outbox.comment_id)");
      Reset reset{s};
      bind_text(s, 1, email);
      std::string ids = "[";
      for (const auto& [id, thread] : comments) ids += (ids.size() > 1 ? "," : "") + std::to_string(id);
      bind_text(s, 2, ids + "]");
      if (sqlite3_step(s) != SQLITE_DONE) return last_error("erase a person's outbox rows");
      out.outbox = sqlite3_changes(db_);
    }
    // Their reply-mail subscriptions and counters name the address (stored lower case).
    const auto by_address = [&](const char* sql) -> Result<std::int64_t> {
      sqlite3_stmt* s = prepared(sql);
      Reset reset{s};
      bind_text(s, 1, email);
      if (sqlite3_step(s) != SQLITE_DONE) return last_error("erase a person's subscriptions");
      return sqlite3_changes(db_);
    };
    auto subscriptions = by_address("DELETE FROM subscriptions WHERE address = lower(?1)");
    if (!subscriptions) return subscriptions.error();
    out.subscriptions = *subscriptions;
    if (auto r = by_address("DELETE FROM reader_mail_counts WHERE address = lower(?1)"); !r) return r.error();
    out.threads.assign(threads.begin(), threads.end());
    return out;
  });
  if (!erased) return erased;
  // Deleted rows linger in free pages and in the WAL: rewrite the file and
  // empty the log so no byte of the person is left (docs/privacy.md).
  if (auto r = exec("VACUUM"); !r) return Error{"storage_error", "erased, but VACUUM failed: " + r.error().message};
  if (auto r = exec("PRAGMA wal_checkpoint(TRUNCATE)"); !r) return r.error();
  return erased;
}

}  // namespace soundoff::server
