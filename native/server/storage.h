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
#include <string_view>
#include <unordered_map>
#include <vector>

#include "server/config.h"
#include "server/outbox.h"
#include "server/rate_limiter.h"
#include "server/reader_subscriptions.h"
#include "soundoff/comment.h"
#include "soundoff/result.h"
#include "soundoff/site_model.h"

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
  // The hash of the author's edit key (edit_key.h); empty: nobody may edit it.
  std::string edit_key_hash;
  // The author's account badge (Comment::badge): set from the verified SSO
  // token, or kept by an import; never from a request body.
  std::string badge;
  // A reader's "email me replies" (reader_subscriptions.h): with reader mail
  // on, a pending subscription and its confirmation mail are written in the
  // comment's own transaction.
  std::optional<SubscriptionRequest> subscribe;
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
  // Only read by dump() (soundoff migrate must keep authors' edit keys
  // working); empty everywhere else, never shown.
  std::string edit_key_hash;
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

// ---- Moderator accounts, sessions and the audit log (issue 16, docs/moderation-api.md) ----
// Stored by schema v5; implemented in sqlite_accounts.cpp and postgres_accounts.cpp.

// A console account. Names are unique case-insensitively: the backends key
// them by user_name_key(name).
struct UserRecord {
  std::string name;
  std::string role;           // "admin" or "moderator"
  std::string password_hash;  // libsodium crypto_pwhash_str (argon2id), never the password
  std::int64_t created_ms = 0;
  bool disabled = false;
};

// A signed-in browser. Only the hash of the cookie's random id is stored, so
// a copy of the database does not hold live credentials.
struct SessionRecord {
  std::string id_hash;
  std::string user;  // the account's name (find_session fills it from users, with role and disabled)
  std::string role;
  bool disabled = false;
  std::string csrf;
  std::int64_t created_ms = 0;
  std::int64_t last_used_ms = 0;
  std::int64_t expires_ms = 0;  // the absolute end (session_hours after login); idleness is checked by the caller
};

// One audit row (audit.h says what the fields mean). `detail` is JSON text.
struct AuditRecord {
  std::int64_t id = 0;  // assigned on insert, increasing
  std::int64_t time_ms = 0;
  std::string actor;
  std::string via;
  std::string network;
  std::string action;
  std::string target_kind;
  std::string target;
  std::string detail = "{}";
};

// Which audit rows: newest first below `cursor` (0: from the newest), or
// oldest first above it; empty filters match everything, others exactly.
struct AuditQuery {
  std::int64_t cursor = 0;
  bool oldest_first = false;
  std::size_t limit = 50;
  std::string actor;
  std::string action;
  std::string target;
};

// The key a user name is unique by: ASCII lower case (names are ASCII, accounts.h).
inline std::string user_name_key(std::string_view name) {
  std::string key(name);
  for (char& c : key)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return key;
}

// The latest schema version; both backends migrate to it (docs/storage.md).
inline constexpr int kSchemaVersion = 13;

// ---- The moderator's desk (docs/moderation-api.md): queues, actions, bans ----

enum class DeskQueue { held, reported, spam, recent };

// One page of a queue, newest first. Empty filters do not filter.
struct QueueQuery {
  DeskQueue queue = DeskQueue::held;
  std::int64_t before_id = 0;  // the cursor: only ids below it; 0 = from the newest
  std::size_t limit = 50;
  std::string thread;
  std::string author;   // compared case-insensitively (the database's lower())
  std::string email;    // likewise
  std::string address;  // one exact address (canonical text)
  std::string network;  // a network_block ("203.0.113.0/24", "2001:db8::/64")
  std::string reason;   // a reason code ([a-z0-9_]+): "links", "reported", ...
  std::string text;     // a substring of the body, case-insensitive
};

struct QueueCounts {
  std::int64_t held = 0;
  std::int64_t reported = 0;
  std::int64_t spam = 0;
  std::int64_t recent = 0;
};

// What erase did: nothing (no such comment), removed the row, or (it has
// replies) left a tombstone with author, email, address and body cleared.
enum class EraseOutcome { not_found, removed, tombstoned };

enum class BanKind { author, email, network, address };

struct Ban {
  std::string id;
  BanKind kind = BanKind::author;
  std::string value;  // normalised: name_key, lower-case email, network_block, canonical address
  std::string reason;
  bool shadow = false;
  std::int64_t created_ms = 0;
  std::optional<std::int64_t> expires_ms;  // nullopt: never
  std::string by;                          // the actor who added it
};
// ---- Privacy by default (docs/privacy.md; sqlite_privacy.cpp, postgres_privacy.cpp) ----

// Turns a stored address or network key into its pseudonym (network_pseudonym.h);
// "" when the text is no address (the stored value is then dropped).
using AddressHasher = std::function<std::string(const std::string& address)>;

// How many rows pseudonymise_addresses rewrote, per table.
struct PseudonymisedRows {
  std::int64_t comments = 0;
  std::int64_t votes = 0;
  std::int64_t reports = 0;
  std::int64_t audit = 0;
};

// What erase_person did.
struct PersonErasure {
  std::int64_t removed = 0;          // comment rows deleted
  std::int64_t tombstoned = 0;       // comments kept, cleared, because replies hang under them
  std::int64_t outbox = 0;           // outbox rows deleted (about those comments, or naming the email)
  std::int64_t subscriptions = 0;    // reply-mail subscriptions of the address deleted
  std::vector<std::string> threads;  // the threads that changed, for the caches
};

// ---- The thread registry and live settings (the moderator's desk, issue 16) ----
// Every thread with comments has a row in `threads` (kept by triggers on
// `comments`, so counters need no code in the insert paths); registering one
// (console, import, a signed key) sets `registered`. `settings` holds JSON
// values by name: the live spam policy ("spam_policy"), later others.

struct ThreadRecord {
  std::string key;
  std::string title;
  std::string url;
  bool closed = false;          // closed by a moderator (auto-close is computed: thread_states.h)
  std::int64_t created_ms = 0;  // first comment or registration, whichever came first
  // nullopt: auto_close_days from the config applies; 0: never auto-close (reopened); else that time.
  std::optional<std::int64_t> closes_at_ms;
  bool registered = false;
  std::int64_t comments = 0;  // every status
  std::int64_t visible = 0;   // published
  std::int64_t last_activity_ms = 0;
};

struct ThreadListQuery {
  std::string q;               // case-insensitive substring of key or title; "" all
  std::optional<bool> closed;  // only closed (true) or open (false) threads, as at now_ms
  std::int64_t now_ms = 0;
  std::int64_t auto_close_ms = 0;  // auto_close_days in ms, 0 off
  // Paging, most recent activity first: the last row of the previous page.
  std::optional<std::pair<std::int64_t, std::string>> after;  // (last_activity_ms, key)
  std::size_t limit = 50;
};

struct SettingRecord {
  std::string name;
  std::string value;  // JSON text
  std::int64_t updated_ms = 0;
  std::string by;
};

// What another instance changed (PostgreSQL NOTIFY on the settings channel):
// kind "thread" (name: its key), "setting" (name: the setting), or "" with ""
// for "anything" (the listener reconnected and may have missed some).
using SettingsListener = std::function<void(const std::string& kind, const std::string& name)>;

// A comment the site model learnt (learned_comments).
struct LearnedComment {
  std::string id;
  std::string body;
  bool spam = false;
  std::string buckets;   // what it added to (site_model_rows.h buckets_text)
  std::int64_t seq = 0;  // its decision number
};

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
  // insert_batch for an import merging into stored threads (import_merge.h): a
  // `parent` may also name an already-stored comment through `stored_parents`
  // (the source's id -> the stored id). Returns the new ids in batch order.
  virtual Result<std::vector<std::string>> insert_batch_under(
      const std::vector<NewComment>& comments, const std::unordered_map<std::string, std::string>& stored_parents) = 0;
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

  // ---- The moderator's desk (sqlite_desk.cpp, postgres_desk.cpp) ----
  // A page of `query.queue`, newest first, with email, ip and reasons.
  virtual Result<std::vector<HeldComment>> queue_page(const QueueQuery& query) = 0;
  // How many comments each queue holds (of `thread`, or everywhere when empty).
  virtual Result<QueueCounts> queue_counts(const std::string& thread) = 0;
  // One comment with email, ip and reasons, wherever it lives.
  virtual Result<std::optional<HeldComment>> desk_comment(const std::string& id) = 0;
  // Pins (next pin order of its thread, unless already pinned) or unpins;
  // returns the pin order now (0: not pinned), nullopt when there is no such comment.
  virtual Result<std::optional<std::int64_t>> set_pinned(const std::string& thread, const std::string& id,
                                                         bool pinned) = 0;
  // Replaces the body and sets edited_ms; false when there is no such comment.
  virtual Result<bool> edit_body(const std::string& thread, const std::string& id, const std::string& body,
                                 std::int64_t edited_ms) = 0;
  // Hard delete: the row, its votes and its reports, in one transaction; a
  // comment with replies stays as a cleared tombstone (status deleted).
  virtual Result<EraseOutcome> erase(const std::string& thread, const std::string& id) = 0;
  // The stored hash of comment `id`'s edit key (own comments, edit_key.h);
  // "" when it has none or there is no such comment in `thread`.
  virtual Result<std::string> edit_key_hash(const std::string& thread, const std::string& id) = 0;
  // Bans: every one stored (expired too), newest first.
  virtual Result<std::vector<Ban>> bans() = 0;
  // Stores `ban` (its id is ignored) and returns it with its id.
  virtual Result<Ban> add_ban(const Ban& ban) = 0;
  // False when there is no such ban.
  virtual Result<bool> delete_ban(const std::string& id) = 0;

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

  // ---- Moderator accounts, sessions and the audit log (issue 16) ----
  // Adds `user`; Error user_exists when the name is taken (in any case).
  virtual Result<bool> add_user(const UserRecord& user) = 0;
  // The account named `name` (in any case), or nullopt.
  virtual Result<std::optional<UserRecord>> find_user(const std::string& name) = 0;
  // Every account, by name key.
  virtual Result<std::vector<UserRecord>> list_users() = 0;
  // Removes the account and its sessions; false when there was none.
  virtual Result<bool> remove_user(const std::string& name) = 0;
  // Replaces the password hash and ends the account's sessions except
  // `keep_session` (an id hash, or ""); false when there is no such account.
  virtual Result<bool> set_password(const std::string& name, const std::string& password_hash,
                                    const std::string& keep_session) = 0;
  virtual Result<bool> add_session(const SessionRecord& session) = 0;
  // The session whose id hashes to `id_hash`, with its account's name, role and disabled flag.
  virtual Result<std::optional<SessionRecord>> find_session(const std::string& id_hash) = 0;
  virtual Result<bool> touch_session(const std::string& id_hash, std::int64_t now_ms) = 0;
  virtual Result<bool> remove_session(const std::string& id_hash) = 0;
  // Deletes sessions that ended before `expired_before_ms` or were last used before `idle_before_ms`.
  virtual Result<std::int64_t> remove_stale_sessions(std::int64_t expired_before_ms, std::int64_t idle_before_ms) = 0;
  // Appends one audit row; returns its id.
  virtual Result<std::int64_t> add_audit(const AuditRecord& entry) = 0;
  virtual Result<std::vector<AuditRecord>> list_audit(const AuditQuery& query) = 0;
  // ---- The thread registry and live settings (see ThreadRecord above) ----
  virtual Result<std::optional<ThreadRecord>> thread_record(const std::string& key) = 0;
  virtual Result<std::vector<ThreadRecord>> list_threads(const ThreadListQuery& query) = 0;
  // Registers `key` (creating its row at now_ms if it has none) and sets its
  // title and url; returns the row.
  virtual Result<ThreadRecord> register_thread(const std::string& key, const std::string& title, const std::string& url,
                                               std::int64_t now_ms) = 0;
  // Closes or reopens a thread that has a row; reopening also stops its
  // auto-close (closes_at 0). False when there is no such thread.
  virtual Result<bool> set_thread_closed(const std::string& key, bool closed) = 0;
  virtual Result<std::optional<SettingRecord>> load_setting(const std::string& name) = 0;
  virtual Result<bool> store_setting(const SettingRecord& setting) = 0;
  // True when there was one to delete.
  virtual Result<bool> delete_setting(const std::string& name) = 0;
  // For `soundoff migrate` (registry_copy.h): writes a registry row exactly as
  // given, and reads every setting.
  virtual Result<bool> put_thread_record(const ThreadRecord& thread) = 0;
  virtual Result<std::vector<SettingRecord>> all_settings() = 0;
  // Calls `changed` from a background thread when another instance changed a
  // thread's registry row or a setting (shared databases only).
  virtual void watch_settings(SettingsListener changed) { (void)changed; }

  // ---- The site's learnt spam model (schema v12; site_model_rows.h, docs/spam.md) ----
  // A moderator's judgement: set_status() (with its outbox event) and, in the
  // same transaction, the site model learns the comment as spam
  // (Status::spam) or legitimate (Status::published), once per comment: judged
  // again the other way its counts move, the same way again nothing changes.
  // Other statuses only set the status. False when there is no such comment.
  virtual Result<bool> judge(const std::string& thread, const std::string& id, Status status) = 0;
  virtual Result<SiteModel> load_site_model() = 0;
  // Every comment the model learnt, in the order each was first learnt.
  virtual Result<std::vector<LearnedComment>> learned_comments() = 0;
  // Replaces the whole model (train, import) in one transaction. With
  // `relearned` (train), each of those comments also remembers the buckets of
  // its body as it is now, which a later reversal un-learns.
  virtual Result<bool> replace_site_model(const SiteModel& model, const std::vector<LearnedComment>* relearned) = 0;
  // Writes each comment's marker (spam, buckets, seq) as given, by id (`soundoff migrate`).
  virtual Result<bool> put_learned_markers(const std::vector<LearnedComment>& learned) = 0;

  // Everything, with ids (for `soundoff migrate`).
  virtual Result<StorageDump> dump() = 0;
  // Writes `dump` into an empty database in one transaction, keeping ids;
  // new comments afterwards get ids above the largest copied one.
  virtual Result<bool> restore(const StorageDump& dump) = 0;

  // ---- Privacy by default (docs/privacy.md) ----
  // Replaces every raw address of a comment, vote, report or audit row
  // written before `before_ms` by hash(address), in batches, each batch one
  // transaction. Rows already hashed and account keys are left alone.
  virtual Result<PseudonymisedRows> pseudonymise_addresses(std::int64_t before_ms, const AddressHasher& hash) = 0;
  // Every comment whose email is `email` (compared case-insensitively), with
  // email, ip and reasons, oldest first (`soundoff export --email`).
  virtual Result<std::vector<HeldComment>> person_comments(const std::string& email) = 0;
  // Deletes every comment whose email is `email` with its votes and reports,
  // the outbox rows about them or naming the email, and clears the details
  // of audit rows about them; with `anonymise`, a comment with replies stays
  // as a cleared tombstone instead. One transaction; SQLite then VACUUMs and
  // truncates its WAL so the bytes are gone from the files too.
  virtual Result<PersonErasure> erase_person(const std::string& email, bool anonymise) = 0;

  // ---- Notifications outbox (issue 20; docs/notifications.md) ----
  // Implemented in sqlite_outbox.cpp and postgres_outbox.cpp. With routes
  // set (once, before serving), insert() writes comment.published or
  // comment.held, add_report() comment.reported and comment.hidden, and
  // set_status() comment.approved/rejected/deleted into the outbox in the
  // change's own transaction, one row per destination that wants the event.
  // Without routes nothing is written and nothing costs more.
  void set_outbox_routes(std::vector<OutboxRoute> routes) { outbox_routes_ = std::move(routes); }
  bool notifying() const { return !outbox_routes_.empty() || reader_mail_.enabled; }
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

  // ---- Reader reply mail (docs/notifications.md, "Reader mail") ----
  // Implemented in sqlite_subscriptions.cpp and postgres_subscriptions.cpp.
  // With reader mail on (set once, before serving), insert() stores a
  // NewComment's subscription with a confirmation mail, and a comment that is
  // published (on insert or by approval) writes one reply mail per confirmed
  // subscriber of its parent or thread, never to its own author's address,
  // all within the per-address limits and the change's transaction.
  void set_reader_mail(ReaderMailLimits limits) { reader_mail_ = limits; }
  bool reader_mailing() const { return reader_mail_.enabled; }
  // Confirms `address`'s subscription to `thread` (`comment` "": the whole
  // thread); false when there is none (never made, or unsubscribed since).
  virtual Result<bool> confirm_subscription(const std::string& address, const std::string& thread,
                                            const std::string& comment, std::int64_t now_ms) = 0;
  // Removes every subscription of `address` in `thread`; returns how many.
  virtual Result<std::int64_t> unsubscribe(const std::string& address, const std::string& thread) = 0;
  // True while `address` has a confirmed subscription in `thread` (checked again just before a reply mail is sent).
  virtual Result<bool> subscribed(const std::string& address, const std::string& thread) = 0;

 protected:
  std::vector<OutboxRoute> outbox_routes_;
  ReaderMailLimits reader_mail_;
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

// Calls `visit` for every registry row, reading list_threads page by page
// (its (last_activity_ms, key) cursor), so no caller holds the whole
// registry; stops at the first error of either.
Result<void> for_each_thread_record(Storage& store, const std::function<Result<void>(const ThreadRecord&)>& visit);

// Comment ids are positive integers written in decimal; anything else names no comment.
std::optional<std::int64_t> parse_comment_id(const std::string& id);

// Reasons are stored as a JSON array of strings.
std::string reasons_to_json(const std::vector<std::string>& reasons);
std::vector<std::string> reasons_from_json(const std::string& text);

std::string_view ban_kind_name(BanKind kind);
std::optional<BanKind> parse_ban_kind(std::string_view name);

}  // namespace soundoff::server
