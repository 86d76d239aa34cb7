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

struct LearnStep;  // site_model_rows.h

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
  Result<std::vector<std::string>> insert_batch_under(  // sqlite_import_merge.cpp
      const std::vector<NewComment>& comments,
      const std::unordered_map<std::string, std::string>& stored_parents) override;
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
  // The thread registry and live settings (sqlite_desk_threads.cpp / postgres_desk_threads.cpp).
  Result<std::optional<ThreadRecord>> thread_record(const std::string& key) override;
  Result<std::vector<ThreadRecord>> list_threads(const ThreadListQuery& query) override;
  Result<ThreadRecord> register_thread(const std::string& key, const std::string& title, const std::string& url,
                                       std::int64_t now_ms) override;
  Result<bool> set_thread_closed(const std::string& key, bool closed) override;
  Result<std::optional<SettingRecord>> load_setting(const std::string& name) override;
  Result<bool> store_setting(const SettingRecord& setting) override;
  Result<bool> delete_setting(const std::string& name) override;
  Result<bool> put_thread_record(const ThreadRecord& thread) override;
  Result<std::vector<SettingRecord>> all_settings() override;
  // The site model (sqlite_site_model.cpp).
  Result<bool> judge(const std::string& thread, const std::string& id, Status status) override;
  Result<SiteModel> load_site_model() override;
  Result<std::vector<LearnedComment>> learned_comments() override;
  Result<bool> replace_site_model(const SiteModel& model, const std::vector<LearnedComment>* relearned) override;
  Result<bool> put_learned_markers(const std::vector<LearnedComment>& learned) override;
  Result<StorageDump> dump() override;
  Result<bool> restore(const StorageDump& dump) override;

  // Accounts, sessions and the audit log (sqlite_accounts.cpp).
  Result<bool> add_user(const UserRecord& user) override;
  Result<std::optional<UserRecord>> find_user(const std::string& name) override;
  Result<std::vector<UserRecord>> list_users() override;
  Result<bool> remove_user(const std::string& name) override;
  Result<bool> set_password(const std::string& name, const std::string& password_hash,
                            const std::string& keep_session) override;
  Result<bool> add_session(const SessionRecord& session) override;
  Result<std::optional<SessionRecord>> find_session(const std::string& id_hash) override;
  Result<bool> touch_session(const std::string& id_hash, std::int64_t now_ms) override;
  Result<bool> remove_session(const std::string& id_hash) override;
  Result<std::int64_t> remove_stale_sessions(std::int64_t expired_before_ms, std::int64_t idle_before_ms) override;
  Result<std::int64_t> add_audit(const AuditRecord& entry) override;
  Result<std::vector<AuditRecord>> list_audit(const AuditQuery& query) override;
  // The moderator's desk (sqlite_desk.cpp).
  Result<std::vector<HeldComment>> queue_page(const QueueQuery& query) override;
  Result<QueueCounts> queue_counts(const std::string& thread) override;
  Result<std::optional<HeldComment>> desk_comment(const std::string& id) override;
  Result<std::optional<std::int64_t>> set_pinned(const std::string& thread, const std::string& id,
                                                 bool pinned) override;
  Result<bool> edit_body(const std::string& thread, const std::string& id, const std::string& body,
                         std::int64_t edited_ms) override;
  Result<EraseOutcome> erase(const std::string& thread, const std::string& id) override;
  Result<std::string> edit_key_hash(const std::string& thread, const std::string& id) override;
  Result<std::vector<Ban>> bans() override;
  Result<Ban> add_ban(const Ban& ban) override;
  Result<bool> delete_ban(const std::string& id) override;
  // Privacy: retention, export and erasure of a person (sqlite_privacy.cpp).
  Result<PseudonymisedRows> pseudonymise_addresses(std::int64_t before_ms, const AddressHasher& hash) override;
  Result<std::vector<HeldComment>> person_comments(const std::string& email) override;
  Result<PersonErasure> erase_person(const std::string& email, bool anonymise) override;
  // Notifications outbox (sqlite_outbox.cpp).
  Result<std::vector<OutboxEntry>> claim_outbox(const std::string& worker, std::int64_t now_ms, std::int64_t lease_ms,
                                                std::size_t limit) override;
  Result<bool> outbox_delivered(std::int64_t id, const std::string& worker, std::int64_t now_ms) override;
  Result<bool> outbox_failed(std::int64_t id, const std::string& worker, std::int64_t next_attempt_ms, bool dead,
                             const std::string& error) override;
  Result<std::vector<OutboxEntry>> list_outbox(OutboxState state, std::size_t limit) override;
  Result<RequeueOutcome> requeue_outbox(std::int64_t id, std::int64_t now_ms) override;
  // Reader reply mail (sqlite_subscriptions.cpp).
  Result<bool> confirm_subscription(const std::string& address, const std::string& thread, const std::string& comment,
                                    std::int64_t now_ms) override;
  Result<std::int64_t> unsubscribe(const std::string& address, const std::string& thread) override;
  Result<bool> subscribed(const std::string& address, const std::string& thread) override;

 private:
  // After the migration to v6: the network block of every stored address (sqlite_desk.cpp).
  Result<bool> fill_network_blocks();
  // Runs a statement built at run time (the desk's filtered queries), binding every parameter as text.
  Result<std::vector<HeldComment>> held_rows(const std::string& sql, const std::vector<std::string>& params);
  explicit SqliteStorage(sqlite3* db) : db_(db) {}
  Result<bool> migrate();
  Result<bool> exec(const char* sql);
  // Runs `body` inside BEGIN IMMEDIATE ... COMMIT; rolls back when it fails.
  template <typename T>
  Result<T> in_transaction(const std::function<Result<T>()>& body);
  sqlite3_stmt* prepared(const char* sql);
  // The UPDATE of set_status (and its outbox event), the mutex held.
  Result<bool> set_status_locked(const std::string& thread, std::int64_t rowid, Status status);
  // Runs one LearnStep on the model's rows (sqlite_site_model.cpp).
  Result<bool> learn_step_locked(const LearnStep& step);
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
  // thread.closed for thread `key` unless it is closed already (before the UPDATE that closes it).
  Result<bool> note_thread_closed_locked(const std::string& key, std::int64_t now_ms);
  Result<bool> set_thread_closed_locked(const std::string& key, bool closed);
  Result<bool> note_report_locked(const std::string& thread, const std::string& id, const ReportOutcome& outcome,
                                  std::int64_t now_ms);

  // Reader mail rows (sqlite_subscriptions.cpp; the mutex held, inside the
  // change's transaction): the new comment's subscription and confirmation,
  // and the reply mails of a comment just published (`approved`: from the
  // queue, maybe not for the first time, so those already mailed are skipped).
  Result<bool> note_subscription_locked(const NewComment& comment, const Comment& stored, std::int64_t now_ms);
  Result<bool> note_replies_locked(const std::string& thread, const std::string& id, std::int64_t now_ms,
                                   bool approved = false);
  // Counts one mail of `kind` to `address` in its window; false: over the limit (counted as dropped).
  Result<bool> take_mail_slot_locked(const std::string& address, const char* kind, std::int64_t now_ms,
                                     std::int64_t window_ms, std::int64_t limit);
  Result<bool> write_reader_mail_locked(const char* event, const std::string& thread, const std::string& comment_id,
                                        const std::string& payload, std::int64_t now_ms);

  sqlite3* db_;
  std::mutex mutex_;
  std::unordered_map<const char*, sqlite3_stmt*> statements_;  // keyed by the SQL literal's address
  std::string prepare_error_;  // the last prepare failure, until last_error() reports it
};

template <typename T>
Result<T> SqliteStorage::in_transaction(const std::function<Result<T>()>& body) {
  if (auto r = exec("BEGIN IMMEDIATE"); !r) return r.error();
  Result<T> out = body();
  if (!out) {
    static_cast<void>(exec("ROLLBACK"));  // the body's error is the one to report
    return out;
  }
  if (auto r = exec("COMMIT"); !r) {
    static_cast<void>(exec("ROLLBACK"));
    return r.error();
  }
  return out;
}

}  // namespace soundoff::server
