// The SQLite backend: one file in WAL mode, one connection serialised by a
// mutex (SQLite has one writer at a time anyway, and readers are served from
// the thread cache). PRAGMA user_version records the schema version.
#pragma once

#include <mutex>
#include <unordered_map>

#include "server/storage.h"

struct sqlite3;
struct sqlite3_stmt;

namespace soundoff::server {

class SqliteStorage final : public Storage {
 public:
  // `synchronous` is "full" or "normal" (docs/server-api.md explains the durability of each).
  static Result<std::unique_ptr<SqliteStorage>> open(const std::string& path, const std::string& synchronous);
  ~SqliteStorage() override;
  SqliteStorage(const SqliteStorage&) = delete;
  SqliteStorage& operator=(const SqliteStorage&) = delete;

  int schema_version() override;
  Result<std::int64_t> comment_total() override;
  Result<std::vector<Comment>> load_thread(const std::string& thread) override;
  Result<Comment> insert(const NewComment& comment) override;
  Result<std::size_t> insert_batch(const std::vector<NewComment>& comments) override;
  Result<std::optional<Comment>> load_comment(const std::string& thread, const std::string& id) override;
  Result<std::optional<CommentRef>> find(const std::string& id) override;
  Result<std::vector<std::string>> thread_keys() override;
  Result<std::int64_t> visible_count(const std::string& thread) override;
  Result<std::vector<AttributedComment>> author_history(const std::string& author, const std::string& ip,
                                                        std::size_t limit) override;
  Result<std::vector<AttributedComment>> thread_recent(const std::string& thread, std::size_t limit) override;
  Result<std::vector<Comment>> recent_published(const std::string& thread, std::size_t limit) override;
  Result<std::int64_t> approved_count(const std::string& author) override;
  Result<ReportOutcome> add_report(const std::string& thread, const std::string& id, const std::string& reporter,
                                   std::int64_t now_ms, std::uint32_t threshold) override;
  Result<VoteOutcome> add_vote(const std::string& thread, const std::string& id, const std::string& voter, int value,
                               std::int64_t now_ms) override;
  Result<bool> set_status(const std::string& thread, const std::string& id, Status status) override;
  Result<std::vector<HeldComment>> held(std::size_t limit) override;
  Result<StorageDump> dump() override;
  Result<bool> restore(const StorageDump& dump) override;

  // Notifications outbox (sqlite_outbox.cpp).
  Result<std::vector<OutboxEntry>> claim_outbox(const std::string& worker, std::int64_t now_ms, std::int64_t lease_ms,
                                                std::size_t limit) override;
  Result<bool> outbox_delivered(std::int64_t id, const std::string& worker, std::int64_t now_ms) override;
  Result<bool> outbox_failed(std::int64_t id, const std::string& worker, std::int64_t next_attempt_ms, bool dead,
                             const std::string& error) override;
  Result<std::vector<OutboxEntry>> list_outbox(OutboxState state, std::size_t limit) override;
  Result<RequeueOutcome> requeue_outbox(std::int64_t id, std::int64_t now_ms) override;

 private:
  explicit SqliteStorage(sqlite3* db) : db_(db) {}
  Result<bool> migrate();
  Result<bool> exec(const char* sql);
  // Runs `body` inside BEGIN IMMEDIATE ... COMMIT; rolls back when it fails.
  template <typename T>
  Result<T> in_transaction(const std::function<Result<T>()>& body);
  sqlite3_stmt* prepared(const char* sql);
  Result<Comment> insert_locked(const NewComment& comment, const std::string& parent_id);
  // The failure of the statement just run; when the statement could not be
  // prepared, that failure (what PostgreSQL reports for a bad statement too).
  Error last_error(const char* what);
  // Runs a SELECT COUNT(*) with one text parameter.
  Result<std::int64_t> count(const char* sql, const std::string& key);
  // Runs a SELECT of kCommentColumns + ip after `bind`.
  Result<std::vector<AttributedComment>> attributed(const char* sql, const std::function<void(sqlite3_stmt*)>& bind);
  // Writes `event` about comment `id` of `thread` for every destination that
  // wants it (sqlite_outbox.cpp; the mutex held, inside the change's transaction).
  Result<bool> note_locked(std::string_view event, const std::string& thread, const std::string& id,
                           std::int64_t now_ms);
  // comment.reported for a counted report, and comment.hidden when it hid the comment.
  Result<bool> note_report_locked(const std::string& thread, const std::string& id, const ReportOutcome& outcome,
                                  std::int64_t now_ms);

  sqlite3* db_;
  std::mutex mutex_;
  std::unordered_map<const char*, sqlite3_stmt*> statements_;  // keyed by the SQL literal's address
  std::string prepare_error_;  // the last prepare failure, until last_error() reports it
};

}  // namespace soundoff::server
