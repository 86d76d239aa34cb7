#include "server/sqlite_storage.h"

#include <sqlite3.h>

#include <charconv>
#include <nlohmann/json.hpp>

#include "server/network_block.h"
#include "server/sqlite_rows.h"

namespace soundoff::server {

namespace {

// The schema, one entry per version. Never edit an applied entry: append a
// new one. PRAGMA user_version records how many have been applied.
constexpr const char* kMigrations[] = {
    // 1: comments, reports and votes.
    R"sql(
      CREATE TABLE comments (
        id          INTEGER PRIMARY KEY AUTOINCREMENT,
        thread      TEXT    NOT NULL,
        parent      INTEGER,
        author      TEXT    NOT NULL,
        email       TEXT    NOT NULL DEFAULT '',
        body        TEXT    NOT NULL,
        external_id TEXT    NOT NULL DEFAULT '',
        created_ms  INTEGER NOT NULL,
        status      TEXT    NOT NULL,
        up          INTEGER NOT NULL DEFAULT 0,
        down        INTEGER NOT NULL DEFAULT 0,
        reports     INTEGER NOT NULL DEFAULT 0,
        reasons     TEXT    NOT NULL DEFAULT '[]',
        ip          TEXT    NOT NULL DEFAULT ''
      );
      CREATE INDEX comments_by_thread ON comments(thread, status);
      CREATE TABLE reports (
        comment_id INTEGER NOT NULL REFERENCES comments(id),
        reporter   TEXT    NOT NULL,
        created_ms INTEGER NOT NULL,
        PRIMARY KEY (comment_id, reporter)
      ) WITHOUT ROWID;
      CREATE TABLE votes (
        comment_id INTEGER NOT NULL REFERENCES comments(id),
        voter      TEXT    NOT NULL,
        value      INTEGER NOT NULL CHECK (value IN (-1, 1)),
        created_ms INTEGER NOT NULL,
        PRIMARY KEY (comment_id, voter)
      ) WITHOUT ROWID;
    )sql",
    // 2: the author history the spam check reads (by IP and by name).
    R"sql(
      CREATE INDEX comments_by_ip ON comments(ip, id);
      CREATE INDEX comments_by_author ON comments(author, id);
      CREATE INDEX comments_by_status ON comments(status, id);
    )sql",
    // 3: the spam seam's context: a thread's newest comments without a sort,
    // and an author's published count from the index alone.
    R"sql(
      CREATE INDEX comments_by_thread_id ON comments(thread, id);
      CREATE INDEX comments_by_author_status ON comments(author, status);
    )sql",
    // 4: the thread key leads every key (docs/storage.md): reports and votes
    // carry their comment's thread, and (thread, id) is unique.
    R"sql(
      CREATE TABLE reports_v4 (
        thread     TEXT    NOT NULL,
        comment_id INTEGER NOT NULL REFERENCES comments(id),
        reporter   TEXT    NOT NULL,
        created_ms INTEGER NOT NULL,
        PRIMARY KEY (thread, comment_id, reporter)
      ) WITHOUT ROWID;
      INSERT INTO reports_v4 SELECT c.thread, r.comment_id, r.reporter, r.created_ms
        FROM reports r JOIN comments c ON c.id = r.comment_id;
      DROP TABLE reports;
      ALTER TABLE reports_v4 RENAME TO reports;
      CREATE TABLE votes_v4 (
        thread     TEXT    NOT NULL,
        comment_id INTEGER NOT NULL REFERENCES comments(id),
        voter      TEXT    NOT NULL,
        value      INTEGER NOT NULL CHECK (value IN (-1, 1)),
        created_ms INTEGER NOT NULL,
        PRIMARY KEY (thread, comment_id, voter)
      ) WITHOUT ROWID;
      INSERT INTO votes_v4 SELECT c.thread, v.comment_id, v.voter, v.value, v.created_ms
        FROM votes v JOIN comments c ON c.id = v.comment_id;
      DROP TABLE votes;
      ALTER TABLE votes_v4 RENAME TO votes;
      DROP INDEX comments_by_thread_id;
      CREATE UNIQUE INDEX comments_by_thread_id ON comments(thread, id);
    )sql",
    // 5: the moderator's desk (issue 16): console accounts keyed by the
    // lower-case name, sessions by the hash of their cookie id, the audit log.
    R"sql(
      CREATE TABLE users (
        name_key      TEXT    PRIMARY KEY,
        name          TEXT    NOT NULL,
        role          TEXT    NOT NULL CHECK (role IN ('admin', 'moderator')),
        password_hash TEXT    NOT NULL,
        created_ms    INTEGER NOT NULL,
        disabled      INTEGER NOT NULL DEFAULT 0
      ) WITHOUT ROWID;
      CREATE TABLE sessions (
        id_hash      TEXT    PRIMARY KEY,
        user_key     TEXT    NOT NULL REFERENCES users(name_key) ON DELETE CASCADE,
        csrf         TEXT    NOT NULL,
        created_ms   INTEGER NOT NULL,
        last_used_ms INTEGER NOT NULL,
        expires_ms   INTEGER NOT NULL
      ) WITHOUT ROWID;
      CREATE INDEX sessions_by_user ON sessions(user_key);
      CREATE TABLE audit_log (
        id          INTEGER PRIMARY KEY AUTOINCREMENT,
        time_ms     INTEGER NOT NULL,
        actor       TEXT    NOT NULL,
        via         TEXT    NOT NULL,
        network     TEXT    NOT NULL DEFAULT '',
        action      TEXT    NOT NULL,
        target_kind TEXT    NOT NULL DEFAULT '',
        target      TEXT    NOT NULL DEFAULT '',
        detail      TEXT    NOT NULL DEFAULT '{}'
      );
      CREATE INDEX audit_by_actor ON audit_log(actor, id);
      CREATE INDEX audit_by_action ON audit_log(action, id);
      CREATE INDEX audit_by_target ON audit_log(target, id);
    )sql",
    // 6: the moderator's desk. Comments get a pin order, an edit time and
    // their address's network block (network_block.h, filled by the server:
    // SQL cannot compute an IPv6 /64); bans. The queue indexes let every
    // queue and filter walk newest first: status queues use comments_by_status
    // (status, id), `reported` its partial index, the filters their (key, id)
    // index (SQLite's (thread, status) and (author, status) indexes end in the rowid).
    R"sql(
      ALTER TABLE comments ADD COLUMN pinned INTEGER NOT NULL DEFAULT 0;
      ALTER TABLE comments ADD COLUMN edited_ms INTEGER NOT NULL DEFAULT 0;
      ALTER TABLE comments ADD COLUMN net TEXT NOT NULL DEFAULT '';
      CREATE INDEX comments_reported ON comments(id) WHERE status = 'pending' AND instr(reasons, '"reported"') > 0;
      CREATE INDEX comments_by_net ON comments(net, id);
      CREATE INDEX comments_by_author_lower ON comments(lower(author), id);
      CREATE INDEX comments_by_email_lower ON comments(lower(email), id);
      CREATE INDEX comments_by_parent ON comments(parent);
      CREATE TABLE bans (
        id         INTEGER PRIMARY KEY AUTOINCREMENT,
        kind       TEXT    NOT NULL CHECK (kind IN ('author', 'email', 'network', 'address')),
        value      TEXT    NOT NULL,
        reason     TEXT    NOT NULL DEFAULT '',
        shadow     INTEGER NOT NULL DEFAULT 0,
        created_ms INTEGER NOT NULL,
        expires_ms INTEGER,
        banned_by  TEXT    NOT NULL DEFAULT ''
      );
    )sql",
    // 7: the thread registry and live settings (docs/moderation-api.md). The
    // triggers keep each thread's counters and last activity as comments
    // arrive, change status or go, so the console's list is one indexed read
    // however big a thread is. closes_at: NULL follows auto_close_days, 0 never.
    R"sql(
      CREATE TABLE threads (
        key              TEXT    PRIMARY KEY,
        title            TEXT    NOT NULL DEFAULT '',
        url              TEXT    NOT NULL DEFAULT '',
        state            TEXT    NOT NULL DEFAULT 'open' CHECK (state IN ('open', 'closed')),
        created          INTEGER NOT NULL,
        closes_at        INTEGER,
        registered       INTEGER NOT NULL DEFAULT 0,
        comments         INTEGER NOT NULL DEFAULT 0,
        visible          INTEGER NOT NULL DEFAULT 0,
        last_activity    INTEGER NOT NULL
      ) WITHOUT ROWID;
      CREATE INDEX threads_by_activity ON threads(last_activity, key);
      -- Threads that existed before the registry count as registered: they were made under the rules of their day.
      INSERT INTO threads (key, created, registered, comments, visible, last_activity)
        SELECT thread, MIN(created_ms), 1, COUNT(*), SUM(status = 'published'), MAX(created_ms)
        FROM comments GROUP BY thread;
      CREATE TRIGGER threads_count_insert AFTER INSERT ON comments BEGIN
        INSERT OR IGNORE INTO threads (key, created, last_activity) VALUES (NEW.thread, NEW.created_ms, NEW.created_ms);
        UPDATE threads SET comments = comments + 1, visible = visible + (NEW.status = 'published'),
          created = MIN(created, NEW.created_ms), last_activity = MAX(last_activity, NEW.created_ms)
          WHERE key = NEW.thread;
      END;
      CREATE TRIGGER threads_count_status AFTER UPDATE OF status ON comments
        WHEN OLD.status IS NOT NEW.status BEGIN
        UPDATE threads SET visible = visible + (NEW.status = 'published') - (OLD.status = 'published')
          WHERE key = NEW.thread;
      END;
      CREATE TRIGGER threads_count_delete AFTER DELETE ON comments BEGIN
        UPDATE threads SET comments = comments - 1, visible = visible - (OLD.status = 'published')
          WHERE key = OLD.thread;
      END;
      CREATE TABLE settings (
        name       TEXT    PRIMARY KEY,
        value      TEXT    NOT NULL,
        updated_ms INTEGER NOT NULL,
        by         TEXT    NOT NULL DEFAULT ''
      ) WITHOUT ROWID;
    )sql",
    // 8: the notification outbox (docs/notifications.md): one row per event
    // and destination, leased by a sender (claimed_by until claimed_until_ms).
    R"sql(
      CREATE TABLE outbox (
        id               INTEGER PRIMARY KEY AUTOINCREMENT,
        event            TEXT    NOT NULL,
        destination      TEXT    NOT NULL,
        thread           TEXT    NOT NULL,
        comment_id       INTEGER NOT NULL,
        payload          TEXT    NOT NULL,
        created_ms       INTEGER NOT NULL,
        attempts         INTEGER NOT NULL DEFAULT 0,
        next_attempt_ms  INTEGER NOT NULL,
        claimed_by       TEXT    NOT NULL DEFAULT '',
        claimed_until_ms INTEGER NOT NULL DEFAULT 0,
        delivered_ms     INTEGER NOT NULL DEFAULT 0,
        dead             INTEGER NOT NULL DEFAULT 0,
        last_error       TEXT    NOT NULL DEFAULT ''
      );
      CREATE INDEX outbox_due ON outbox(next_attempt_ms, id) WHERE delivered_ms = 0 AND dead = 0;
      CREATE INDEX outbox_dead ON outbox(id) WHERE dead = 1;
    )sql",
    // 9: own comments (docs/server-api.md): the hash of the author's edit key.
    R"sql(
      ALTER TABLE comments ADD COLUMN edit_key_hash TEXT NOT NULL DEFAULT '';
    )sql",
    // 10: privacy by default (docs/privacy.md): the retention job finds the
    // raw addresses older than the window from these indexes alone.
    R"sql(
      CREATE INDEX comments_raw_address ON comments (created_ms) WHERE ip <> '' AND substr(ip, 1, 5) <> 'hash:';
      CREATE INDEX votes_raw_address ON votes (created_ms)
        WHERE substr(voter, 1, 5) <> 'hash:' AND substr(voter, 1, 8) <> 'account:';
      CREATE INDEX reports_raw_address ON reports (created_ms)
        WHERE substr(reporter, 1, 5) <> 'hash:' AND substr(reporter, 1, 8) <> 'account:';
      CREATE INDEX audit_raw_address ON audit_log (time_ms) WHERE network <> '' AND substr(network, 1, 5) <> 'hash:';
    )sql",
    // 11: reply-mail subscriptions (docs/notifications.md, "Reader mail"):
    // address (lower case), thread, the comment whose replies are wanted (0:
    // the whole thread), pending until the reader confirms; and per-address
    // counters in fixed windows for the mail limits.
    R"sql(
      CREATE TABLE subscriptions (
        id           INTEGER PRIMARY KEY AUTOINCREMENT,
        address      TEXT    NOT NULL,
        thread       TEXT    NOT NULL,
        comment_id   INTEGER NOT NULL DEFAULT 0,
        lang         TEXT    NOT NULL DEFAULT 'en',
        state        TEXT    NOT NULL DEFAULT 'pending',
        created_ms   INTEGER NOT NULL,
        confirmed_ms INTEGER NOT NULL DEFAULT 0,
        UNIQUE (address, thread, comment_id)
      );
      CREATE INDEX subscriptions_confirmed ON subscriptions(thread, comment_id) WHERE state = 'confirmed';
      CREATE TABLE reader_mail_counts (
        address         TEXT    NOT NULL,
        kind            TEXT    NOT NULL,
        window_start_ms INTEGER NOT NULL,
        sent            INTEGER NOT NULL,
        dropped         INTEGER NOT NULL DEFAULT 0,
        allowed         INTEGER NOT NULL DEFAULT 1,
        PRIMARY KEY (address, kind)
      ) WITHOUT ROWID;
    )sql",
    // 12: the site's learnt spam model (site_model_rows.h, docs/spam.md):
    // totals in one row, a spam and a ham count per bucket, and per comment
    // how it was learnt, so a re-judged comment moves its counts once.
    R"sql(
      CREATE TABLE site_model (
        id            INTEGER PRIMARY KEY CHECK (id = 1),
        decisions     INTEGER NOT NULL DEFAULT 0,
        spam_examples REAL    NOT NULL DEFAULT 0,
        ham_examples  REAL    NOT NULL DEFAULT 0,
        version       INTEGER NOT NULL DEFAULT 0
      );
      INSERT INTO site_model (id) VALUES (1);
      CREATE TABLE site_model_features (
        bucket INTEGER PRIMARY KEY,
        spam   REAL    NOT NULL,
        ham    REAL    NOT NULL
      );
      ALTER TABLE comments ADD COLUMN learned_as TEXT NOT NULL DEFAULT '';
      ALTER TABLE comments ADD COLUMN learned_buckets TEXT NOT NULL DEFAULT '';
      ALTER TABLE comments ADD COLUMN learned_seq INTEGER NOT NULL DEFAULT 0;
      CREATE INDEX comments_learned ON comments(learned_seq, id) WHERE learned_as <> '';
    )sql",
    // 13: the author's account badge (docs/sso.md): '', 'verified' or 'staff'.
    R"sql(
      ALTER TABLE comments ADD COLUMN badge TEXT NOT NULL DEFAULT '';
    )sql",
};
static_assert(std::size(kMigrations) == kSchemaVersion, "SQLite and PostgreSQL share schema version numbers");

}  // namespace

namespace sqlite_rows {

std::string column_text(sqlite3_stmt* s, int i) {
  const auto* text = reinterpret_cast<const char*>(sqlite3_column_text(s, i));
  return text == nullptr ? std::string() : std::string(text, static_cast<std::size_t>(sqlite3_column_bytes(s, i)));
}

Comment read_comment(sqlite3_stmt* s) {
  Comment c;
  c.id = std::to_string(sqlite3_column_int64(s, 0));
  c.thread = column_text(s, 1);
  if (sqlite3_column_type(s, 2) != SQLITE_NULL) c.parent = std::to_string(sqlite3_column_int64(s, 2));
  c.author = column_text(s, 3);
  c.body = column_text(s, 4);
  c.external_id = column_text(s, 5);
  c.created_ms = sqlite3_column_int64(s, 6);
  c.status = parse_status(column_text(s, 7)).value_or(Status::pending);
  c.up = sqlite3_column_int64(s, 8);
  c.down = sqlite3_column_int64(s, 9);
  c.score = c.up - c.down;
  c.reports = sqlite3_column_int64(s, 10);
  c.pinned = sqlite3_column_int64(s, 11);
  c.edited_ms = sqlite3_column_int64(s, 12);
  c.badge = column_text(s, 13);
  return c;
}

HeldComment read_held(sqlite3_stmt* s) {
  HeldComment h;
  h.comment = read_comment(s);
  h.email = column_text(s, 14);
  h.ip = column_text(s, 15);
  h.reasons = reasons_from_json(column_text(s, 16));
  return h;
}

void bind_text(sqlite3_stmt* s, int i, const std::string& text) {
  sqlite3_bind_text(s, i, text.data(), static_cast<int>(text.size()), SQLITE_TRANSIENT);
}

void bind_parent(sqlite3_stmt* s, int i, const std::string& parent_id) {
  if (const auto parent = parse_comment_id(parent_id)) {
    sqlite3_bind_int64(s, i, *parent);
  } else {
    sqlite3_bind_null(s, i);
  }
}

}  // namespace sqlite_rows

using namespace sqlite_rows;

Result<std::unique_ptr<SqliteStorage>> SqliteStorage::open(const std::string& path, const std::string& synchronous) {
  sqlite3* db = nullptr;
  const int rc =
      sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_FULLMUTEX, nullptr);
  if (rc != SQLITE_OK) {
    std::string message = db ? sqlite3_errmsg(db) : sqlite3_errstr(rc);
    sqlite3_close(db);
    return Error{"storage_error", "cannot open database " + path + ": " + message};
  }
  std::unique_ptr<SqliteStorage> store(new SqliteStorage(db));
  sqlite3_busy_timeout(db, 5000);
  // WAL: readers never block the writer and a commit is one append to the
  // log. synchronous=FULL fsyncs the log on every commit, so a 201 survives
  // power loss; NORMAL still survives kill -9 (the log is in the OS cache).
  const std::string pragmas = "PRAGMA journal_mode=WAL; PRAGMA foreign_keys=ON; PRAGMA synchronous=" +
                              std::string(synchronous == "normal" ? "NORMAL" : "FULL") + ";";
  if (auto r = store->exec(pragmas.c_str()); !r) return r.error();
  if (auto r = store->migrate(); !r) return r.error();
  return store;
}

SqliteStorage::~SqliteStorage() {
  for (auto& [sql, stmt] : statements_) sqlite3_finalize(stmt);
  sqlite3_close(db_);
}

Error SqliteStorage::last_error(const char* what) {
  if (!prepare_error_.empty()) {
    Error e{"storage_error", std::string(what) + ": " + prepare_error_};
    prepare_error_.clear();
    return e;
  }
  return Error{"storage_error", std::string(what) + ": " + sqlite3_errmsg(db_)};
}

Result<bool> SqliteStorage::exec(const char* sql) {
  char* message = nullptr;
  if (sqlite3_exec(db_, sql, nullptr, nullptr, &message) != SQLITE_OK) {
    Error e{"storage_error", message ? message : "sqlite3_exec failed"};
    sqlite3_free(message);
    return e;
  }
  return true;
}

// A statement that fails to prepare is not cached (the next call tries
// again) and comes back null: binding and stepping a null statement is
// SQLITE_MISUSE, never a crash, and the caller's last_error() names the
// prepare failure instead of a misleading "API misuse".
sqlite3_stmt* SqliteStorage::prepared(const char* sql) {
  if (const auto it = statements_.find(sql); it != statements_.end()) return it->second;
  sqlite3_stmt* stmt = nullptr;
  if (sqlite3_prepare_v3(db_, sql, -1, SQLITE_PREPARE_PERSISTENT, &stmt, nullptr) != SQLITE_OK || stmt == nullptr) {
    prepare_error_ = "cannot prepare \"" + std::string(sql).substr(0, 60) + "\": " + sqlite3_errmsg(db_);
    sqlite3_finalize(stmt);
    return nullptr;
  }
  statements_.emplace(sql, stmt);
  return stmt;
}

int SqliteStorage::schema_version() {
  std::lock_guard lock(mutex_);
  sqlite3_stmt* s = prepared("PRAGMA user_version");
  Reset reset{s};
  return sqlite3_step(s) == SQLITE_ROW ? sqlite3_column_int(s, 0) : -1;
}

Result<bool> SqliteStorage::migrate() {
  std::lock_guard lock(mutex_);
  constexpr int kLatest = static_cast<int>(std::size(kMigrations));
  int version = 0;
  {
    sqlite3_stmt* s = prepared("PRAGMA user_version");
    Reset reset{s};
    if (sqlite3_step(s) == SQLITE_ROW) version = sqlite3_column_int(s, 0);
  }
  if (version > kLatest)
    return Error{"storage_error", "database schema version " + std::to_string(version) +
                                      " is newer than this server (" + std::to_string(kLatest) + ")"};
  for (int v = version; v < kLatest; ++v) {
    // Each step and its version bump commit together, so a crash leaves a whole version. The
    // line breaks end a step that is only a "--" comment (a version reserved for another branch).
    const std::string step = std::string("BEGIN IMMEDIATE;\n") + kMigrations[v] +
                             "\nPRAGMA user_version=" + std::to_string(v + 1) + "; COMMIT;";
    if (auto r = exec(step.c_str()); !r) {
      static_cast<void>(exec("ROLLBACK;"));  // the step's error is the one to report
      return Error{"storage_error", "migration " + std::to_string(v + 1) + " failed: " + r.error().message};
    }
  }
  if (version < 6) return fill_network_blocks();
  return true;
}

Result<std::int64_t> SqliteStorage::comment_total() {
  std::lock_guard lock(mutex_);
  sqlite3_stmt* s = prepared("SELECT COUNT(*) FROM comments");
  Reset reset{s};
  if (sqlite3_step(s) != SQLITE_ROW) return last_error("count comments");
  return sqlite3_column_int64(s, 0);
}

Result<std::vector<Comment>> SqliteStorage::load_thread(const std::string& thread) {
  std::lock_guard lock(mutex_);
  static const std::string sql =
      std::string("SELECT ") + kCommentColumns + " FROM comments WHERE thread = ? ORDER BY id";
  sqlite3_stmt* s = prepared(sql.c_str());
  Reset reset{s};
  bind_text(s, 1, thread);
  std::vector<Comment> out;
  int rc;
  while ((rc = sqlite3_step(s)) == SQLITE_ROW) out.push_back(read_comment(s));
  if (rc != SQLITE_DONE) return last_error("load thread");
  return out;
}

Result<Comment> SqliteStorage::insert_locked(const NewComment& c, const std::string& parent_id) {
  static const char* const sql =
      "INSERT INTO comments (thread, parent, author, email, body, external_id, created_ms, status, reasons, ip, net, "
      "edit_key_hash, badge) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
  sqlite3_stmt* s = prepared(sql);
  Reset reset{s};
  bind_text(s, 1, c.thread);
  bind_parent(s, 2, parent_id);
  bind_text(s, 3, c.author);
  bind_text(s, 4, c.email);
  bind_text(s, 5, c.body);
  bind_text(s, 6, c.external_id);
  sqlite3_bind_int64(s, 7, c.created_ms);
  bind_text(s, 8, std::string(status_name(c.status)));
  bind_text(s, 9, reasons_to_json(c.reasons));
  bind_text(s, 10, c.ip);
  bind_text(s, 11, network_block(c.ip));
  bind_text(s, 12, c.edit_key_hash);
  bind_text(s, 13, c.badge);
  if (sqlite3_step(s) != SQLITE_DONE) return last_error("insert comment");
  Comment out;
  out.id = std::to_string(sqlite3_last_insert_rowid(db_));
  out.thread = c.thread;
  out.parent = parse_comment_id(parent_id) ? parent_id : std::string();
  out.author = c.author;
  out.body = c.body;
  out.external_id = c.external_id;
  out.created_ms = c.created_ms;
  out.status = c.status;
  out.badge = c.badge;
  return out;
}

Result<Comment> SqliteStorage::insert(const NewComment& comment) {
  std::lock_guard lock(mutex_);
  if (!notifying()) return insert_locked(comment, comment.parent);
  // The comment and its outbox rows commit together (docs/notifications.md).
  return in_transaction<Comment>([&]() -> Result<Comment> {
    auto stored = insert_locked(comment, comment.parent);
    if (!stored) return stored;
    if (auto n = note_locked(insert_event(stored->status), stored->thread, stored->id, comment.created_ms); !n)
      return n.error();
    if (auto n = note_subscription_locked(comment, *stored, comment.created_ms); !n) return n.error();
    if (auto n = note_replies_locked(stored->thread, stored->id, comment.created_ms); !n) return n.error();
    return stored;
  });
}

Result<std::size_t> SqliteStorage::insert_batch(const std::vector<NewComment>& comments) {
  std::lock_guard lock(mutex_);
  return in_transaction<std::size_t>([&]() -> Result<std::size_t> {
    return insert_in_order(
        comments, [&](const NewComment& c, const std::string& parent_id) { return insert_locked(c, parent_id); });
  });
}

Result<std::vector<std::string>> SqliteStorage::thread_keys() {
  std::lock_guard lock(mutex_);
  // In insertion order: re-importing an export then assigns the same ids.
  sqlite3_stmt* s = prepared("SELECT thread FROM comments GROUP BY thread ORDER BY MIN(id)");
  Reset reset{s};
  std::vector<std::string> keys;
  int rc;
  while ((rc = sqlite3_step(s)) == SQLITE_ROW) keys.push_back(column_text(s, 0));
  if (rc != SQLITE_DONE) return last_error("list threads");
  return keys;
}

Result<std::optional<Comment>> SqliteStorage::load_comment(const std::string& thread, const std::string& id) {
  const auto rowid = parse_comment_id(id);
  if (!rowid) return std::optional<Comment>();
  std::lock_guard lock(mutex_);
  static const std::string sql =
      std::string("SELECT ") + kCommentColumns + " FROM comments WHERE thread = ? AND id = ?";
  sqlite3_stmt* s = prepared(sql.c_str());
  Reset reset{s};
  bind_text(s, 1, thread);
  sqlite3_bind_int64(s, 2, *rowid);
  const int rc = sqlite3_step(s);
  if (rc == SQLITE_DONE) return std::optional<Comment>();
  if (rc != SQLITE_ROW) return last_error("load comment");
  return std::optional<Comment>(read_comment(s));
}

Result<std::optional<CommentRef>> SqliteStorage::find(const std::string& id) {
  const auto rowid = parse_comment_id(id);
  if (!rowid) return std::optional<CommentRef>();
  std::lock_guard lock(mutex_);
  sqlite3_stmt* s = prepared("SELECT thread, status FROM comments WHERE id = ?");
  Reset reset{s};
  sqlite3_bind_int64(s, 1, *rowid);
  const int rc = sqlite3_step(s);
  if (rc == SQLITE_DONE) return std::optional<CommentRef>();
  if (rc != SQLITE_ROW) return last_error("find comment");
  return std::optional<CommentRef>(
      CommentRef{id, column_text(s, 0), parse_status(column_text(s, 1)).value_or(Status::pending)});
}

Result<std::int64_t> SqliteStorage::count(const char* sql, const std::string& key) {
  std::lock_guard lock(mutex_);
  sqlite3_stmt* s = prepared(sql);
  Reset reset{s};
  bind_text(s, 1, key);
  if (sqlite3_step(s) != SQLITE_ROW) return last_error("count comments");
  return sqlite3_column_int64(s, 0);
}

Result<std::int64_t> SqliteStorage::visible_count(const std::string& thread) {
  return count("SELECT COUNT(*) FROM comments WHERE thread = ? AND status = 'published'", thread);
}

Result<std::vector<AttributedComment>> SqliteStorage::attributed(const char* sql,
                                                                 const std::function<void(sqlite3_stmt*)>& bind) {
  sqlite3_stmt* s = prepared(sql);
  Reset reset{s};
  bind(s);
  std::vector<AttributedComment> out;
  int rc;
  while ((rc = sqlite3_step(s)) == SQLITE_ROW) out.push_back({read_comment(s), column_text(s, 14)});
  if (rc != SQLITE_DONE) return last_error("read comments");
  return out;
}

Result<std::vector<AttributedComment>> SqliteStorage::author_history(const std::string& author, const std::string& ip,
                                                                     std::size_t limit) {
  std::lock_guard lock(mutex_);
  static const std::string sql = std::string("SELECT ") + kCommentColumns +
                                 ", ip FROM comments WHERE id IN ("
                                 // Each side walks its (key, id) index backwards and stops at the limit,
                                 // so a prolific address costs no more than a new one.
                                 "SELECT id FROM (SELECT id FROM comments WHERE ip = ?1 AND ip <> '' "
                                 "ORDER BY id DESC LIMIT ?3) UNION "
                                 "SELECT id FROM (SELECT id FROM comments WHERE author = ?2 ORDER BY id DESC LIMIT ?3)"
                                 ") ORDER BY id DESC LIMIT ?3";
  return attributed(sql.c_str(), [&](sqlite3_stmt* s) {
    bind_text(s, 1, ip);
    bind_text(s, 2, author);
    sqlite3_bind_int64(s, 3, static_cast<std::int64_t>(limit));
  });
}

Result<std::vector<AttributedComment>> SqliteStorage::thread_recent(const std::string& thread, std::size_t limit) {
  std::lock_guard lock(mutex_);
  static const std::string sql =
      std::string("SELECT ") + kCommentColumns + ", ip FROM comments WHERE thread = ? ORDER BY id DESC LIMIT ?";
  return attributed(sql.c_str(), [&](sqlite3_stmt* s) {
    bind_text(s, 1, thread);
    sqlite3_bind_int64(s, 2, static_cast<std::int64_t>(limit));
  });
}

Result<std::vector<Comment>> SqliteStorage::recent_published(const std::string& thread, std::size_t limit) {
  std::lock_guard lock(mutex_);
  // Two statements rather than "thread = ? OR ? = ''": each one stays on its index.
  static const std::string in_thread = std::string("SELECT ") + kCommentColumns +
                                       ", ip FROM comments WHERE thread = ? AND status = 'published' "
                                       "ORDER BY id DESC LIMIT ?";
  static const std::string anywhere = std::string("SELECT ") + kCommentColumns +
                                      ", ip FROM comments WHERE status = 'published' ORDER BY id DESC LIMIT ?";
  auto rows = attributed(thread.empty() ? anywhere.c_str() : in_thread.c_str(), [&](sqlite3_stmt* s) {
    int i = 1;
    if (!thread.empty()) bind_text(s, i++, thread);
    sqlite3_bind_int64(s, i, static_cast<std::int64_t>(limit));
  });
  if (!rows) return rows.error();
  std::vector<Comment> out;
  out.reserve(rows->size());
  for (auto& row : *rows) out.push_back(std::move(row.comment));
  return out;
}

Result<std::int64_t> SqliteStorage::approved_count(const std::string& author) {
  // Capped: rules ask "first-time or not" and "how established", and a
  // prolific author must not make every one of their posts slower.
  return count("SELECT COUNT(*) FROM (SELECT 1 FROM comments WHERE author = ? AND status = 'published' LIMIT 1000)",
               author);
}

// Reports and votes: insert the reader's row unless one exists, then update
// the comment's counters only when it was new (`counted` is bound as 0 or 1),
// reading them back either way.
Result<ReportOutcome> SqliteStorage::add_report(const std::string& thread, const std::string& id,
                                                const std::string& reporter, std::int64_t now_ms,
                                                std::uint32_t threshold) {
  const auto rowid = parse_comment_id(id);
  if (!rowid) return Error{"not_found", "no comment " + id};
  std::lock_guard lock(mutex_);
  return in_transaction<ReportOutcome>([&]() -> Result<ReportOutcome> {
    ReportOutcome out;
    sqlite3_stmt* insert =
        prepared("INSERT OR IGNORE INTO reports (thread, comment_id, reporter, created_ms) VALUES (?, ?, ?, ?)");
    Reset reset_insert{insert};
    bind_text(insert, 1, thread);
    sqlite3_bind_int64(insert, 2, *rowid);
    bind_text(insert, 3, reporter);
    sqlite3_bind_int64(insert, 4, now_ms);
    if (const int rc = sqlite3_step(insert); rc != SQLITE_DONE) {
      if (sqlite3_extended_errcode(db_) == SQLITE_CONSTRAINT_FOREIGNKEY) return Error{"not_found", "no comment " + id};
      return last_error("insert report");
    }
    out.counted = sqlite3_changes(db_) == 1;
    // The report that crosses the threshold hides the comment and records why.
    sqlite3_stmt* update = prepared(
        "UPDATE comments SET reports = reports + ?3, "
        "status = CASE WHEN ?3 AND status = 'published' AND reports + 1 >= ?2 THEN 'pending' ELSE status END, "
        "reasons = CASE WHEN ?3 AND status = 'published' AND reports + 1 >= ?2 "
        "THEN json_insert(reasons, '$[#]', 'reported') ELSE reasons END "
        "WHERE id = ?1 AND thread = ?4 RETURNING reports, status");
    Reset reset_update{update};
    sqlite3_bind_int64(update, 1, *rowid);
    sqlite3_bind_int64(update, 2, threshold);
    sqlite3_bind_int(update, 3, out.counted ? 1 : 0);
    bind_text(update, 4, thread);
    const int rc = sqlite3_step(update);
    // The comment vanished (or never was in this thread): what PostgreSQL says too.
    if (rc == SQLITE_DONE) return Error{"not_found", "no comment " + id};
    if (rc != SQLITE_ROW) return last_error("count report");
    out.reports = sqlite3_column_int64(update, 0);
    // Only published comments can be reported (the route checks), so
    // "pending" after a counted report means this report hid it.
    out.hidden_now = out.counted && column_text(update, 1) == "pending";
    if (auto n = note_report_locked(thread, id, out, now_ms); !n) return n.error();
    return out;
  });
}

Result<VoteOutcome> SqliteStorage::add_vote(const std::string& thread, const std::string& id, const std::string& voter,
                                            int value, std::int64_t now_ms) {
  const auto rowid = parse_comment_id(id);
  if (!rowid) return Error{"not_found", "no comment " + id};
  std::lock_guard lock(mutex_);
  return in_transaction<VoteOutcome>([&]() -> Result<VoteOutcome> {
    VoteOutcome out;
    sqlite3_stmt* insert =
        prepared("INSERT OR IGNORE INTO votes (thread, comment_id, voter, value, created_ms) VALUES (?, ?, ?, ?, ?)");
    Reset reset_insert{insert};
    bind_text(insert, 1, thread);
    sqlite3_bind_int64(insert, 2, *rowid);
    bind_text(insert, 3, voter);
    sqlite3_bind_int(insert, 4, value);
    sqlite3_bind_int64(insert, 5, now_ms);
    if (const int rc = sqlite3_step(insert); rc != SQLITE_DONE) {
      if (sqlite3_extended_errcode(db_) == SQLITE_CONSTRAINT_FOREIGNKEY) return Error{"not_found", "no comment " + id};
      return last_error("insert vote");
    }
    out.counted = sqlite3_changes(db_) == 1;
    sqlite3_stmt* update = prepared(
        "UPDATE comments SET up = up + ?3 * (?2 > 0), down = down + ?3 * (?2 < 0) WHERE id = ?1 AND thread = ?4 "
        "RETURNING up, down");
    Reset reset_update{update};
    sqlite3_bind_int64(update, 1, *rowid);
    sqlite3_bind_int(update, 2, value);
    sqlite3_bind_int(update, 3, out.counted ? 1 : 0);
    bind_text(update, 4, thread);
    const int rc = sqlite3_step(update);
    if (rc == SQLITE_DONE) return Error{"not_found", "no comment " + id};
    if (rc != SQLITE_ROW) return last_error("count vote");
    out.up = sqlite3_column_int64(update, 0);
    out.down = sqlite3_column_int64(update, 1);
    return out;
  });
}

Result<bool> SqliteStorage::set_status_locked(const std::string& thread, std::int64_t rowid, Status status) {
  const auto event = notifying() ? decision_event(status) : std::nullopt;
  // Approval starts the report count again: hiding the comment once more takes the whole threshold.
  sqlite3_stmt* s = prepared(
      "UPDATE comments SET status = ?1, reports = CASE WHEN ?1 = 'published' THEN 0 ELSE reports END "
      "WHERE id = ?2 AND thread = ?3");
  Reset reset{s};
  bind_text(s, 1, std::string(status_name(status)));
  sqlite3_bind_int64(s, 2, rowid);
  bind_text(s, 3, thread);
  if (sqlite3_step(s) != SQLITE_DONE) return last_error("set status");
  const bool changed = sqlite3_changes(db_) == 1;
  if (changed && event)
    if (auto n = note_locked(*event, thread, std::to_string(rowid), outbox_clock_ms()); !n) return n.error();
  // Approved from the queue: now its replies' subscribers hear of it.
  if (changed && event && status == Status::published)
    if (auto n = note_replies_locked(thread, std::to_string(rowid), outbox_clock_ms(), true); !n) return n.error();
  return changed;
}

Result<bool> SqliteStorage::set_status(const std::string& thread, const std::string& id, Status status) {
  const auto rowid = parse_comment_id(id);
  if (!rowid) return false;
  std::lock_guard lock(mutex_);
  const auto change = [&]() -> Result<bool> { return set_status_locked(thread, *rowid, status); };
  // With an event to write, the decision and its outbox rows commit together.
  return notifying() && decision_event(status) ? in_transaction<bool>(change) : change();
}

Result<std::vector<HeldComment>> SqliteStorage::held(std::size_t limit) {
  std::lock_guard lock(mutex_);
  static const std::string sql = std::string("SELECT ") + kCommentColumns +
                                 ", email, ip, reasons FROM comments WHERE status IN ('pending', 'spam') "
                                 "ORDER BY id LIMIT ?";
  sqlite3_stmt* s = prepared(sql.c_str());
  Reset reset{s};
  sqlite3_bind_int64(s, 1, static_cast<std::int64_t>(limit));
  std::vector<HeldComment> out;
  int rc;
  while ((rc = sqlite3_step(s)) == SQLITE_ROW) out.push_back(read_held(s));
  if (rc != SQLITE_DONE) return last_error("list held comments");
  return out;
}

Result<StorageDump> SqliteStorage::dump() {
  std::lock_guard lock(mutex_);
  // One read transaction: the three tables agree with each other.
  if (auto r = exec("BEGIN"); !r) return r.error();
  StorageDump out;
  const auto read_all = [&]() -> Result<bool> {
    static const std::string sql =
        std::string("SELECT ") + kCommentColumns + ", email, ip, reasons, edit_key_hash FROM comments ORDER BY id";
    sqlite3_stmt* s = prepared(sql.c_str());
    Reset reset{s};
    int rc;
    while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
      out.comments.push_back(read_held(s));
      out.comments.back().edit_key_hash = column_text(s, 17);
    }
    if (rc != SQLITE_DONE) return last_error("read comments");
    sqlite3_stmt* r = prepared("SELECT thread, comment_id, reporter, created_ms FROM reports");
    Reset reset_r{r};
    while ((rc = sqlite3_step(r)) == SQLITE_ROW)
      out.reports.push_back({column_text(r, 0), std::to_string(sqlite3_column_int64(r, 1)), column_text(r, 2),
                             sqlite3_column_int64(r, 3)});
    if (rc != SQLITE_DONE) return last_error("read reports");
    sqlite3_stmt* v = prepared("SELECT thread, comment_id, voter, value, created_ms FROM votes");
    Reset reset_v{v};
    while ((rc = sqlite3_step(v)) == SQLITE_ROW)
      out.votes.push_back({column_text(v, 0), std::to_string(sqlite3_column_int64(v, 1)), column_text(v, 2),
                           sqlite3_column_int(v, 3), sqlite3_column_int64(v, 4)});
    if (rc != SQLITE_DONE) return last_error("read votes");
    return true;
  };
  const auto read = read_all();
  const auto commit = exec("COMMIT");  // ends the read transaction, whatever the read found
  if (!read) return read.error();
  if (!commit) return commit.error();
  return out;
}

Result<bool> SqliteStorage::restore(const StorageDump& dump) {
  std::lock_guard lock(mutex_);
  return in_transaction<bool>([&]() -> Result<bool> {
    sqlite3_stmt* c = prepared(
        "INSERT INTO comments (id, thread, parent, author, email, body, external_id, created_ms, status, up, down, "
        "reports, reasons, ip, pinned, edited_ms, net, badge, edit_key_hash) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
    for (const auto& h : dump.comments) {
      Reset reset{c};
      const Comment& x = h.comment;
      const auto id = parse_comment_id(x.id);
      if (!id) return Error{"invalid_argument", "comment id \"" + x.id + "\" is not a positive integer"};
      sqlite3_bind_int64(c, 1, *id);
      bind_text(c, 2, x.thread);
      bind_parent(c, 3, x.parent);
      bind_text(c, 4, x.author);
      bind_text(c, 5, h.email);
      bind_text(c, 6, x.body);
      bind_text(c, 7, x.external_id);
      sqlite3_bind_int64(c, 8, x.created_ms);
      bind_text(c, 9, std::string(status_name(x.status)));
      sqlite3_bind_int64(c, 10, x.up);
      sqlite3_bind_int64(c, 11, x.down);
      sqlite3_bind_int64(c, 12, x.reports);
      bind_text(c, 13, reasons_to_json(h.reasons));
      bind_text(c, 14, h.ip);
      sqlite3_bind_int64(c, 15, x.pinned);
      sqlite3_bind_int64(c, 16, x.edited_ms);
      bind_text(c, 17, network_block(h.ip));
      bind_text(c, 18, x.badge);
      bind_text(c, 19, h.edit_key_hash);
      if (sqlite3_step(c) != SQLITE_DONE) return last_error("copy comment");
    }
    sqlite3_stmt* r = prepared("INSERT INTO reports (thread, comment_id, reporter, created_ms) VALUES (?, ?, ?, ?)");
    for (const auto& row : dump.reports) {
      Reset reset{r};
      bind_text(r, 1, row.thread);
      sqlite3_bind_int64(r, 2, parse_comment_id(row.comment_id).value_or(0));
      bind_text(r, 3, row.reporter);
      sqlite3_bind_int64(r, 4, row.created_ms);
      if (sqlite3_step(r) != SQLITE_DONE) return last_error("copy report");
    }
    sqlite3_stmt* v =
        prepared("INSERT INTO votes (thread, comment_id, voter, value, created_ms) VALUES (?, ?, ?, ?, ?)");
    for (const auto& row : dump.votes) {
      Reset reset{v};
      bind_text(v, 1, row.thread);
      sqlite3_bind_int64(v, 2, parse_comment_id(row.comment_id).value_or(0));
      bind_text(v, 3, row.voter);
      sqlite3_bind_int(v, 4, row.value);
      sqlite3_bind_int64(v, 5, row.created_ms);
      if (sqlite3_step(v) != SQLITE_DONE) return last_error("copy vote");
    }
    return true;
  });
}

}  // namespace soundoff::server
