// The PostgreSQL backend: a database several server instances share
// (docs/storage.md). A pool of connections serves the worker threads; every
// write NOTIFYs its thread key in the same transaction, and a listener
// connection per instance turns other instances' notifications into cache
// invalidations. Rate-limit buckets live in an UNLOGGED table so every
// instance draws from the same bucket.
#pragma once

#include <atomic>
#include <mutex>
#include <thread>

#include "server/postgres_pool.h"
#include "server/storage.h"

namespace soundoff::server {

class PostgresStorage final : public Storage {
 public:
  // `url` is a libpq connection URL (postgres://...); `pool` connections at most.
  static Result<std::unique_ptr<PostgresStorage>> open(const std::string& url, std::size_t pool);
  ~PostgresStorage() override;
  PostgresStorage(const PostgresStorage&) = delete;
  PostgresStorage& operator=(const PostgresStorage&) = delete;

  int schema_version() override;
  Result<std::int64_t> comment_total() override;
  Result<std::vector<Comment>> load_thread(const std::string& thread) override;
  Result<Comment> insert(const NewComment& comment) override;
  Result<std::size_t> insert_batch(const std::vector<NewComment>& comments) override;
  Result<std::vector<std::string>> insert_batch_under(  // postgres_import_merge.cpp
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
  void watch_settings(SettingsListener changed) override;
  Result<StorageDump> dump() override;
  Result<bool> restore(const StorageDump& dump) override;

  // Accounts, sessions and the audit log (postgres_accounts.cpp).
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
  // The moderator's desk (postgres_desk.cpp).
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

  // The site model (postgres_site_model.cpp).
  Result<bool> judge(const std::string& thread, const std::string& id, Status status) override;
  Result<SiteModel> load_site_model() override;
  Result<std::vector<LearnedComment>> learned_comments() override;
  Result<bool> replace_site_model(const SiteModel& model, const std::vector<LearnedComment>* relearned) override;
  Result<bool> put_learned_markers(const std::vector<LearnedComment>& learned) override;

  bool shared() const override { return true; }
  void watch(ChangeListener changed) override;
  Result<RateDecision> take_token(const std::string& kind, const std::string& client, RateLimit limit,
                                  std::int64_t now_ms) override;

  // Privacy: retention, export and erasure of a person (postgres_privacy.cpp).
  Result<PseudonymisedRows> pseudonymise_addresses(std::int64_t before_ms, const AddressHasher& hash) override;
  Result<std::vector<HeldComment>> person_comments(const std::string& email) override;
  Result<PersonErasure> erase_person(const std::string& email, bool anonymise) override;
  // Notifications outbox (postgres_outbox.cpp).
  Result<std::vector<OutboxEntry>> claim_outbox(const std::string& worker, std::int64_t now_ms, std::int64_t lease_ms,
                                                std::size_t limit) override;
  Result<bool> outbox_delivered(std::int64_t id, const std::string& worker, std::int64_t now_ms) override;
  Result<bool> outbox_failed(std::int64_t id, const std::string& worker, std::int64_t next_attempt_ms, bool dead,
                             const std::string& error) override;
  Result<std::vector<OutboxEntry>> list_outbox(OutboxState state, std::size_t limit) override;
  Result<RequeueOutcome> requeue_outbox(std::int64_t id, std::int64_t now_ms) override;
  // Reader reply mail (postgres_subscriptions.cpp).
  Result<bool> confirm_subscription(const std::string& address, const std::string& thread, const std::string& comment,
                                    std::int64_t now_ms) override;
  Result<std::int64_t> unsubscribe(const std::string& address, const std::string& thread) override;
  Result<bool> subscribed(const std::string& address, const std::string& thread) override;

 private:
  PostgresStorage(std::unique_ptr<PgPool> pool, std::string channel);
  Result<bool> migrate();
  // Runs `body` between BEGIN and COMMIT on one borrowed connection.
  template <typename T>
  Result<T> in_transaction(const std::function<Result<T>(PgConnection&)>& body, const char* begin = "BEGIN");
  // Runs one statement on a borrowed connection.
  Result<PgResult> run(const PgStatement& statement, const PgParams& params, const char* what);
  // `announce`: NOTIFY the new comment (single inserts; a batch announces its threads once at the end).
  Result<Comment> insert_on(PgConnection& conn, const NewComment& c, const std::string& parent_id, bool announce);
  Result<bool> notify_on(PgConnection& conn, const std::string& thread, const std::string& id);
  // "<instance> <thread> <id>" (thread keys and ids hold no spaces; id may be empty).
  std::string payload(const std::string& thread, const std::string& id) const {
    return instance_ + " " + thread + " " + id;
  }
  void listen_loop(const ChangeListener& changed);
  // After the migration to v6: the network block of every stored address (postgres_desk.cpp).
  Result<bool> fill_network_blocks(PgConnection& conn);
  // Runs SQL built at run time (the desk's filtered queries), prepared under a name derived from the SQL.
  Result<PgResult> run_built(const std::string& sql, const std::vector<std::string>& params, const char* what);
  // Tells the other instances that `kind` `name` changed (the settings channel), after the change committed.
  void notify_settings(const std::string& kind, const std::string& name);
  // Passes a settings-channel notification to watch_settings' listener, if one is set.
  void settings_changed(const std::string& kind, const std::string& name);
  // The outbox hooks (postgres_outbox.cpp): `event` about comment `id` for
  // every destination that wants it, on the change's connection and transaction.
  Result<bool> note_on(PgConnection& conn, std::string_view event, const std::string& thread, const std::string& id,
                       std::int64_t now_ms);
  // thread.closed for thread `key` unless it is closed already (before the UPDATE that closes it).
  Result<bool> note_thread_closed_on(PgConnection& conn, const std::string& key, std::int64_t now_ms);
  Result<bool> note_report_on(PgConnection& conn, const std::string& thread, const std::string& id,
                              const ReportOutcome& outcome, std::int64_t now_ms);
  // Reader mail rows (postgres_subscriptions.cpp), on the change's connection
  // and transaction: the new comment's subscription and confirmation, and the
  // reply mails of a comment just published (`approved`: from the queue, maybe
  // not for the first time, so those already mailed are skipped).
  Result<bool> note_subscription_on(PgConnection& conn, const NewComment& comment, const Comment& stored,
                                    std::int64_t now_ms);
  Result<bool> note_replies_on(PgConnection& conn, const std::string& thread, const std::string& id,
                               std::int64_t now_ms, bool approved = false);
  // insert() and set_status() with their events, each in one transaction (postgres_storage.cpp).
  Result<Comment> insert_noted(const NewComment& comment);
  Result<bool> set_status_noted(const std::string& thread, const std::string& id, Status status);

  std::unique_ptr<PgPool> pool_;
  std::string channel_;           // NOTIFY channel: "soundoff:" + the schema, so schemas sharing a database stay apart
  std::string settings_channel_;  // "soundoff_settings:" + the schema: thread states and settings (watch_settings)
  std::string instance_;          // this process's random id: its own notifications need no invalidation
  std::atomic<bool> stopping_{false};
  std::mutex settings_mutex_;
  SettingsListener settings_listener_;  // guarded by settings_mutex_
  std::thread listener_;
  std::atomic<std::int64_t> last_sweep_ms_{0};
};

template <typename T>
Result<T> PostgresStorage::in_transaction(const std::function<Result<T>(PgConnection&)>& body, const char* begin) {
  auto conn = pool_->lease();
  if (!conn) return conn.error();
  if (auto r = (*conn)->exec(begin, "begin"); !r) return r.error();
  Result<T> out = body(**conn);
  if (!out) {
    static_cast<void>((*conn)->exec("ROLLBACK", "rollback"));  // the body's error is the one to report
    return out;
  }
  if (auto r = (*conn)->exec("COMMIT", "commit"); !r) return r.error();
  return out;
}

}  // namespace soundoff::server
