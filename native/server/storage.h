// Durable storage: one SQLite file in WAL mode, a versioned schema with
// migrations, and prepared statements only (user text is always bound, never
// spliced into SQL). One connection, serialised by a mutex: SQLite has one
// writer at a time anyway, and readers are served from the thread cache.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "soundoff/comment.h"
#include "soundoff/result.h"

struct sqlite3;
struct sqlite3_stmt;

namespace soundoff::server {

// What a POST contributes; the id and time are assigned on insert.
struct NewComment {
  std::string thread;
  std::string parent;  // empty: top level
  std::string author;
  std::string email;
  std::string body;
  std::string ip;
  std::string external_id;
  std::int64_t created_ms = 0;
  Status status = Status::published;
  std::vector<std::string> reasons;  // why it is held, shown to moderators
  // In insert_batch: the name later comments of the batch use for this one in
  // `parent` (default: external_id). Imports use the source's own id.
  std::string batch_key;
};

// Where a comment lives and what state it is in.
struct CommentRef {
  std::string id;
  std::string thread;
  Status status = Status::published;
};

// A stored comment with the address it was sent from (empty for imports):
// what the spam seam needs to tell one writer from another.
struct AttributedComment {
  Comment comment;
  std::string ip;
};

// A comment waiting for a moderator, with what the reader never sees.
struct HeldComment {
  Comment comment;
  std::string email;
  std::string ip;
  std::vector<std::string> reasons;
};

struct ReportOutcome {
  bool counted = false;  // false: this reporter had already reported it
  std::int64_t reports = 0;
  bool hidden_now = false;  // this report crossed the threshold
};

struct VoteOutcome {
  bool counted = false;  // false: this voter had already voted on it
  std::int64_t up = 0;
  std::int64_t down = 0;
};

class Store {
 public:
  // Opens (creating if needed) and migrates the database. `synchronous` is
  // "full" or "normal" (docs/server-api.md explains the durability of each).
  static Result<std::unique_ptr<Store>> open(const std::string& path, const std::string& synchronous);
  ~Store();
  Store(const Store&) = delete;
  Store& operator=(const Store&) = delete;

  int schema_version();
  Result<std::int64_t> comment_total();

  // Every comment of a thread (all statuses: hidden ones keep replies in place), by id.
  Result<std::vector<Comment>> load_thread(const std::string& thread);
  // Inserts and returns the stored comment with its new id.
  Result<Comment> insert(const NewComment& comment);
  // Inserts many in one transaction; parents may name earlier comments of the
  // batch by their external_id. Returns how many were inserted.
  Result<std::size_t> insert_batch(const std::vector<NewComment>& comments);
  Result<std::optional<CommentRef>> find(const std::string& id);
  // Every thread key that has comments, in the order they were first written (for export).
  Result<std::vector<std::string>> thread_keys();
  // Published comments of a thread (for counts).
  Result<std::int64_t> visible_count(const std::string& thread);
  // The most recent comments sent from `ip` or signed `author`, newest first.
  Result<std::vector<AttributedComment>> author_history(const std::string& author, const std::string& ip,
                                                        std::size_t limit);
  // The thread's newest comments (any status), newest first.
  Result<std::vector<AttributedComment>> thread_recent(const std::string& thread, std::size_t limit);
  // Published comments signed `author`, up to 1000 (what "first-time commenter" rules ask).
  Result<std::int64_t> approved_count(const std::string& author);

  // Records one report per reporter; at `threshold` distinct reports a
  // published comment becomes pending with the reason "reported".
  Result<ReportOutcome> add_report(const std::string& id, const std::string& reporter, std::int64_t now_ms,
                                   std::uint32_t threshold);
  // Records one vote (+1 or -1) per voter.
  Result<VoteOutcome> add_vote(const std::string& id, const std::string& voter, int value, std::int64_t now_ms);
  Result<bool> set_status(const std::string& id, Status status);
  // Pending and spam comments, oldest first.
  Result<std::vector<HeldComment>> held(std::size_t limit);

 private:
  explicit Store(sqlite3* db) : db_(db) {}
  Result<bool> migrate();
  Result<bool> exec(const char* sql);
  // Runs `body` inside BEGIN IMMEDIATE ... COMMIT; rolls back when it fails.
  template <typename T>
  Result<T> in_transaction(const std::function<Result<T>()>& body);
  sqlite3_stmt* prepared(const char* sql);
  Result<Comment> insert_locked(const NewComment& comment, const std::string& parent_id);
  Error last_error(const char* what) const;
  // Runs a SELECT COUNT(*) with one text parameter.
  Result<std::int64_t> count(const char* sql, const std::string& key);
  // Runs a SELECT of kCommentColumns + ip after `bind`.
  Result<std::vector<AttributedComment>> attributed(const char* sql, const std::function<void(sqlite3_stmt*)>& bind);

  sqlite3* db_;
  std::mutex mutex_;
  std::unordered_map<const char*, sqlite3_stmt*> statements_;  // keyed by the SQL literal's address
};

}  // namespace soundoff::server
