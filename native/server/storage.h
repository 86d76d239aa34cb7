// Durable storage behind one interface with two backends (docs/storage.md):
// SQLite (sqlite_storage.h, one file, the default) and PostgreSQL
// (postgres_storage.h, shared by several server instances). Both keep a
// versioned schema with the same version numbers and use prepared statements
// only: user text is always bound, never spliced into SQL.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "server/config.h"
#include "server/outbox.h"
#include "server/rate_limiter.h"
#include "soundoff/comment.h"
#include "soundoff/result.h"

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

// Everything a database holds, for `soundoff migrate` (storage_copy.h).
struct ReportRow {
  std::string thread;
  std::string comment_id;
  std::string reporter;
  std::int64_t created_ms = 0;
};
struct VoteRow {
  std::string thread;
  std::string comment_id;
  std::string voter;
  int value = 0;
  std::int64_t created_ms = 0;
};
struct StorageDump {
  std::vector<HeldComment> comments;  // every comment with email, ip and reasons, by id
  std::vector<ReportRow> reports;     // by (comment id, reporter)
  std::vector<VoteRow> votes;         // by (comment id, voter)
};

// The latest schema version; both backends migrate to it (docs/storage.md).
inline constexpr int kSchemaVersion = 8;

class Storage {
 public:
  virtual ~Storage() = default;

  virtual int schema_version() = 0;
  virtual Result<std::int64_t> comment_total() = 0;

  // Every comment of a thread (all statuses: hidden ones keep replies in place), by id.
  virtual Result<std::vector<Comment>> load_thread(const std::string& thread) = 0;
  // Inserts and returns the stored comment with its new id.
  virtual Result<Comment> insert(const NewComment& comment) = 0;
  // Inserts many in one transaction; parents may name earlier comments of the
  // batch by their external_id. Returns how many were inserted.
  virtual Result<std::size_t> insert_batch(const std::vector<NewComment>& comments) = 0;
  // One comment of a thread as load_thread has it; nullopt when there is none.
  virtual Result<std::optional<Comment>> load_comment(const std::string& thread, const std::string& id) = 0;
  // Where a comment id lives (the routes that get only an id).
  virtual Result<std::optional<CommentRef>> find(const std::string& id) = 0;
  // Every thread key that has comments, in the order they were first written (for export).
  virtual Result<std::vector<std::string>> thread_keys() = 0;
  // Published comments of a thread (for counts).
  virtual Result<std::int64_t> visible_count(const std::string& thread) = 0;
  // The most recent comments sent from `ip` or signed `author`, newest first.
  virtual Result<std::vector<AttributedComment>> author_history(const std::string& author, const std::string& ip,
                                                                std::size_t limit) = 0;
  // The thread's newest comments (any status), newest first.
  virtual Result<std::vector<AttributedComment>> thread_recent(const std::string& thread, std::size_t limit) = 0;
  // The newest published comments of `thread`, or of every thread when it is
  // empty, newest first (the Atom feeds).
  virtual Result<std::vector<Comment>> recent_published(const std::string& thread, std::size_t limit) = 0;
  // Published comments signed `author`, up to 1000 (what "first-time commenter" rules ask).
  virtual Result<std::int64_t> approved_count(const std::string& author) = 0;

  // Records one report per reporter on comment `id` of `thread`; at
  // `threshold` distinct reports a published comment becomes pending with the
  // reason "reported". The row insert and the counter update are one transaction.
  virtual Result<ReportOutcome> add_report(const std::string& thread, const std::string& id,
                                           const std::string& reporter, std::int64_t now_ms,
                                           std::uint32_t threshold) = 0;
  // Records one vote (+1 or -1) per voter, in one transaction with the counters.
  virtual Result<VoteOutcome> add_vote(const std::string& thread, const std::string& id, const std::string& voter,
                                       int value, std::int64_t now_ms) = 0;
  virtual Result<bool> set_status(const std::string& thread, const std::string& id, Status status) = 0;
  // Pending and spam comments, oldest first.
  virtual Result<std::vector<HeldComment>> held(std::size_t limit) = 0;

  // Several server instances may share this database (PostgreSQL): then rate
  // limits live in it too, and other instances' writes arrive through watch().
  virtual bool shared() const { return false; }
  // Calls `changed(thread, id)` from a background thread whenever another
  // instance wrote comment `id` of `thread` (its row, votes, reports or
  // status); an empty id means anything in the thread, an empty thread
  // anything at all (after a lost connection). A no-op for a private database.
  using ChangeListener = std::function<void(const std::string& thread, const std::string& id)>;
  virtual void watch(ChangeListener changed) { (void)changed; }
  // Takes one token from `client`'s shared bucket of kind `kind` (only when
  // shared()): the same token bucket as RateLimiter, kept in the database so
  // that every instance draws from it.
  virtual Result<RateDecision> take_token(const std::string& kind, const std::string& client, RateLimit limit,
                                          std::int64_t now_ms) {
    (void)kind, (void)client, (void)limit, (void)now_ms;
    return RateDecision{};
  }

  // Everything, with ids (for `soundoff migrate`).
  virtual Result<StorageDump> dump() = 0;
  // Writes `dump` into an empty database in one transaction, keeping ids;
  // new comments afterwards get ids above the largest copied one.
  virtual Result<bool> restore(const StorageDump& dump) = 0;

  // ---- Notifications outbox (issue 20; docs/notifications.md) ----
  // Implemented in sqlite_outbox.cpp and postgres_outbox.cpp. With routes
  // set (once, before serving), insert() writes comment.published or
  // comment.held, add_report() comment.reported and comment.hidden, and
  // set_status() comment.approved/rejected/deleted into the outbox in the
  // change's own transaction, one row per destination that wants the event.
  // Without routes nothing is written and nothing costs more.
  void set_outbox_routes(std::vector<OutboxRoute> routes) { outbox_routes_ = std::move(routes); }
  bool notifying() const { return !outbox_routes_.empty(); }
  // Claims up to `limit` rows that are due and not leased, leasing them to
  // `worker` until now + lease_ms and counting the attempt; concurrent
  // claimers (other instances) get other rows. A lease that runs out (the
  // claimer died) makes its row due again: delivery is at least once.
  virtual Result<std::vector<OutboxEntry>> claim_outbox(const std::string& worker, std::int64_t now_ms,
                                                        std::int64_t lease_ms, std::size_t limit) = 0;
  // The claimed row `id` reached its destination.
  virtual Result<bool> outbox_delivered(std::int64_t id, const std::string& worker, std::int64_t now_ms) = 0;
  // The attempt failed: try again at next_attempt_ms, or never (`dead`).
  virtual Result<bool> outbox_failed(std::int64_t id, const std::string& worker, std::int64_t next_attempt_ms,
                                     bool dead, const std::string& error) = 0;
  // Undelivered rows still being tried, or the dead letters; newest first.
  virtual Result<std::vector<OutboxEntry>> list_outbox(OutboxState state, std::size_t limit) = 0;
  // Makes row `id` due now with a fresh count of attempts (the console's "retry").
  virtual Result<RequeueOutcome> requeue_outbox(std::int64_t id, std::int64_t now_ms) = 0;

 protected:
  std::vector<OutboxRoute> outbox_routes_;
};

struct StorageOptions {
  std::string synchronous = "full";  // SQLite: full or normal
  std::size_t pool = 8;              // PostgreSQL: connections per server instance
};

// Opens (creating and migrating if needed) the database `spec` names:
// "postgres://..." or "postgresql://..." (a libpq URL), "sqlite:PATH", or a
// bare PATH (SQLite).
Result<std::unique_ptr<Storage>> open_storage(const std::string& spec, const StorageOptions& options = {});

// Inserts `comments` in order through `insert_one(comment, parent_id)`, where
// parent_id is the new id of an earlier comment of the batch that the
// comment's `parent` names by its batch_key (default: external_id), else
// empty. The backends' insert_batch, inside their transaction.
Result<std::size_t> insert_in_order(
    const std::vector<NewComment>& comments,
    const std::function<Result<Comment>(const NewComment& comment, const std::string& parent_id)>& insert_one);

// Comment ids are positive integers written in decimal; anything else names no comment.
std::optional<std::int64_t> parse_comment_id(const std::string& id);

// Reasons are stored as a JSON array of strings.
std::string reasons_to_json(const std::vector<std::string>& reasons);
std::vector<std::string> reasons_from_json(const std::string& text);

}  // namespace soundoff::server
