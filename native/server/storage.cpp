#include "server/storage.h"

#include <charconv>

#include <nlohmann/json.hpp>
#include <sqlite3.h>

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
};

constexpr const char* kCommentColumns =
    "id, thread, parent, author, body, external_id, created_ms, status, up, down, reports";

// Comment ids are SQLite rowids written in decimal; anything else names no comment.
std::optional<std::int64_t> parse_id(const std::string& id) {
  if (id.empty() || id.size() > 18 || (id.size() > 1 && id[0] == '0')) return std::nullopt;
  std::int64_t value = 0;
  const auto [end, ec] = std::from_chars(id.data(), id.data() + id.size(), value);
  if (ec != std::errc() || end != id.data() + id.size() || value <= 0) return std::nullopt;
  return value;
}

std::string column_text(sqlite3_stmt* s, int i) {
  const auto* text = reinterpret_cast<const char*>(sqlite3_column_text(s, i));
  return text == nullptr ? std::string() : std::string(text, static_cast<std::size_t>(sqlite3_column_bytes(s, i)));
}

// Reads a row selected with kCommentColumns (starting at column 0).
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
  return c;
}

void bind_text(sqlite3_stmt* s, int i, const std::string& text) {
  sqlite3_bind_text(s, i, text.data(), static_cast<int>(text.size()), SQLITE_TRANSIENT);
}

// Resets a cached statement when the scope ends, whatever path returns.
struct Reset {
  sqlite3_stmt* s;
  ~Reset() {
    sqlite3_reset(s);
    sqlite3_clear_bindings(s);
  }
};

std::string reasons_json(const std::vector<std::string>& reasons) {
  return nlohmann::json(reasons).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

std::vector<std::string> parse_reasons(const std::string& text) {
  std::vector<std::string> out;
  const auto j = nlohmann::json::parse(text, nullptr, false);
  if (!j.is_array()) return out;
  for (const auto& r : j)
    if (r.is_string()) out.push_back(r.get<std::string>());
  return out;
}

}  // namespace

Result<std::unique_ptr<Store>> Store::open(const std::string& path, const std::string& synchronous) {
  sqlite3* db = nullptr;
  const int rc = sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_FULLMUTEX,
                                 nullptr);
  if (rc != SQLITE_OK) {
    std::string message = db ? sqlite3_errmsg(db) : sqlite3_errstr(rc);
    sqlite3_close(db);
    return Error{"storage_error", "cannot open database " + path + ": " + message};
  }
  std::unique_ptr<Store> store(new Store(db));
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

Store::~Store() {
  for (auto& [sql, stmt] : statements_) sqlite3_finalize(stmt);
  sqlite3_close(db_);
}

Error Store::last_error(const char* what) const {
  return Error{"storage_error", std::string(what) + ": " + sqlite3_errmsg(db_)};
}

Result<bool> Store::exec(const char* sql) {
  char* message = nullptr;
  if (sqlite3_exec(db_, sql, nullptr, nullptr, &message) != SQLITE_OK) {
    Error e{"storage_error", message ? message : "sqlite3_exec failed"};
    sqlite3_free(message);
    return e;
  }
  return true;
}

sqlite3_stmt* Store::prepared(const char* sql) {
  auto& slot = statements_[sql];
  if (slot == nullptr) sqlite3_prepare_v3(db_, sql, -1, SQLITE_PREPARE_PERSISTENT, &slot, nullptr);
  return slot;
}

int Store::schema_version() {
  std::lock_guard lock(mutex_);
  sqlite3_stmt* s = prepared("PRAGMA user_version");
  Reset reset{s};
  return sqlite3_step(s) == SQLITE_ROW ? sqlite3_column_int(s, 0) : -1;
}

Result<bool> Store::migrate() {
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
    // Each step and its version bump commit together, so a crash leaves a whole version.
    const std::string step = std::string("BEGIN IMMEDIATE;") + kMigrations[v] +
                             "PRAGMA user_version=" + std::to_string(v + 1) + "; COMMIT;";
    if (auto r = exec(step.c_str()); !r) {
      exec("ROLLBACK;");
      return Error{"storage_error", "migration " + std::to_string(v + 1) + " failed: " + r.error().message};
    }
  }
  return true;
}

Result<std::int64_t> Store::comment_total() {
  std::lock_guard lock(mutex_);
  sqlite3_stmt* s = prepared("SELECT COUNT(*) FROM comments");
  Reset reset{s};
  if (sqlite3_step(s) != SQLITE_ROW) return last_error("count comments");
  return sqlite3_column_int64(s, 0);
}

Result<std::vector<Comment>> Store::load_thread(const std::string& thread) {
  std::lock_guard lock(mutex_);
  static const std::string sql = std::string("SELECT ") + kCommentColumns + " FROM comments WHERE thread = ? ORDER BY id";
  sqlite3_stmt* s = prepared(sql.c_str());
  Reset reset{s};
  bind_text(s, 1, thread);
  std::vector<Comment> out;
  int rc;
  while ((rc = sqlite3_step(s)) == SQLITE_ROW) out.push_back(read_comment(s));
  if (rc != SQLITE_DONE) return last_error("load thread");
  return out;
}

Result<Comment> Store::insert_locked(const NewComment& c, const std::string& parent_id) {
  static const char* const sql =
      "INSERT INTO comments (thread, parent, author, email, body, external_id, created_ms, status, reasons, ip) "
      "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
  sqlite3_stmt* s = prepared(sql);
  Reset reset{s};
  bind_text(s, 1, c.thread);
  if (const auto parent = parse_id(parent_id)) {
    sqlite3_bind_int64(s, 2, *parent);
  } else {
    sqlite3_bind_null(s, 2);
  }
  bind_text(s, 3, c.author);
  bind_text(s, 4, c.email);
  bind_text(s, 5, c.body);
  bind_text(s, 6, c.external_id);
  sqlite3_bind_int64(s, 7, c.created_ms);
  bind_text(s, 8, std::string(status_name(c.status)));
  bind_text(s, 9, reasons_json(c.reasons));
  bind_text(s, 10, c.ip);
  if (sqlite3_step(s) != SQLITE_DONE) return last_error("insert comment");
  Comment out;
  out.id = std::to_string(sqlite3_last_insert_rowid(db_));
  out.thread = c.thread;
  out.parent = parse_id(parent_id) ? parent_id : std::string();
  out.author = c.author;
  out.body = c.body;
  out.external_id = c.external_id;
  out.created_ms = c.created_ms;
  out.status = c.status;
  return out;
}

Result<Comment> Store::insert(const NewComment& comment) {
  std::lock_guard lock(mutex_);
  return insert_locked(comment, comment.parent);
}

Result<std::size_t> Store::insert_batch(const std::vector<NewComment>& comments) {
  std::lock_guard lock(mutex_);
  return in_transaction<std::size_t>([&]() -> Result<std::size_t> {
    std::unordered_map<std::string, std::string> new_ids;  // external id -> new id
    for (const auto& c : comments) {
      const auto mapped = new_ids.find(c.parent);
      auto inserted = insert_locked(c, mapped == new_ids.end() ? std::string() : mapped->second);
      if (!inserted) return inserted.error();
      const std::string& key = c.batch_key.empty() ? c.external_id : c.batch_key;
      if (!key.empty()) new_ids[key] = inserted->id;
    }
    return comments.size();
  });
}

Result<std::vector<std::string>> Store::thread_keys() {
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

Result<std::optional<CommentRef>> Store::find(const std::string& id) {
  const auto rowid = parse_id(id);
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

Result<std::int64_t> Store::count(const char* sql, const std::string& key) {
  std::lock_guard lock(mutex_);
  sqlite3_stmt* s = prepared(sql);
  Reset reset{s};
  bind_text(s, 1, key);
  if (sqlite3_step(s) != SQLITE_ROW) return last_error("count comments");
  return sqlite3_column_int64(s, 0);
}

Result<std::int64_t> Store::visible_count(const std::string& thread) {
  return count("SELECT COUNT(*) FROM comments WHERE thread = ? AND status = 'published'", thread);
}

Result<std::vector<AttributedComment>> Store::attributed(const char* sql,
                                                         const std::function<void(sqlite3_stmt*)>& bind) {
  sqlite3_stmt* s = prepared(sql);
  Reset reset{s};
  bind(s);
  std::vector<AttributedComment> out;
  int rc;
  while ((rc = sqlite3_step(s)) == SQLITE_ROW) out.push_back({read_comment(s), column_text(s, 11)});
  if (rc != SQLITE_DONE) return last_error("read comments");
  return out;
}

Result<std::vector<AttributedComment>> Store::author_history(const std::string& author, const std::string& ip,
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

Result<std::vector<AttributedComment>> Store::thread_recent(const std::string& thread, std::size_t limit) {
  std::lock_guard lock(mutex_);
  static const std::string sql =
      std::string("SELECT ") + kCommentColumns + ", ip FROM comments WHERE thread = ? ORDER BY id DESC LIMIT ?";
  return attributed(sql.c_str(), [&](sqlite3_stmt* s) {
    bind_text(s, 1, thread);
    sqlite3_bind_int64(s, 2, static_cast<std::int64_t>(limit));
  });
}

Result<std::int64_t> Store::approved_count(const std::string& author) {
  // Capped: rules ask "first-time or not" and "how established", and a
  // prolific author must not make every one of their posts slower.
  return count("SELECT COUNT(*) FROM (SELECT 1 FROM comments WHERE author = ? AND status = 'published' LIMIT 1000)",
               author);
}

template <typename T>
Result<T> Store::in_transaction(const std::function<Result<T>()>& body) {
  if (auto r = exec("BEGIN IMMEDIATE"); !r) return r.error();
  Result<T> out = body();
  if (!out) {
    exec("ROLLBACK");
    return out;
  }
  if (auto r = exec("COMMIT"); !r) {
    exec("ROLLBACK");
    return r.error();
  }
  return out;
}

// Reports and votes: insert the reader's row unless one exists, then update
// the comment's counters only when it was new (`counted` is bound as 0 or 1),
// reading them back either way.
Result<ReportOutcome> Store::add_report(const std::string& id, const std::string& reporter, std::int64_t now_ms,
                                       std::uint32_t threshold) {
  const auto rowid = parse_id(id);
  if (!rowid) return Error{"not_found", "no comment " + id};
  std::lock_guard lock(mutex_);
  return in_transaction<ReportOutcome>([&]() -> Result<ReportOutcome> {
    ReportOutcome out;
    sqlite3_stmt* insert = prepared("INSERT OR IGNORE INTO reports (comment_id, reporter, created_ms) VALUES (?, ?, ?)");
    Reset reset_insert{insert};
    sqlite3_bind_int64(insert, 1, *rowid);
    bind_text(insert, 2, reporter);
    sqlite3_bind_int64(insert, 3, now_ms);
    if (sqlite3_step(insert) != SQLITE_DONE) return last_error("insert report");
    out.counted = sqlite3_changes(db_) == 1;
    // The report that crosses the threshold hides the comment and records why.
    sqlite3_stmt* update = prepared(
        "UPDATE comments SET reports = reports + ?3, "
        "status = CASE WHEN ?3 AND status = 'published' AND reports + 1 >= ?2 THEN 'pending' ELSE status END, "
        "reasons = CASE WHEN ?3 AND status = 'published' AND reports + 1 >= ?2 "
        "THEN json_insert(reasons, '$[#]', 'reported') ELSE reasons END "
        "WHERE id = ?1 RETURNING reports, status");
    Reset reset_update{update};
    sqlite3_bind_int64(update, 1, *rowid);
    sqlite3_bind_int64(update, 2, threshold);
    sqlite3_bind_int(update, 3, out.counted ? 1 : 0);
    if (sqlite3_step(update) != SQLITE_ROW) return last_error("count report");
    out.reports = sqlite3_column_int64(update, 0);
    // Only published comments can be reported (the route checks), so
    // "pending" after a counted report means this report hid it.
    out.hidden_now = out.counted && column_text(update, 1) == "pending";
    return out;
  });
}

Result<VoteOutcome> Store::add_vote(const std::string& id, const std::string& voter, int value, std::int64_t now_ms) {
  const auto rowid = parse_id(id);
  if (!rowid) return Error{"not_found", "no comment " + id};
  std::lock_guard lock(mutex_);
  return in_transaction<VoteOutcome>([&]() -> Result<VoteOutcome> {
    VoteOutcome out;
    sqlite3_stmt* insert =
        prepared("INSERT OR IGNORE INTO votes (comment_id, voter, value, created_ms) VALUES (?, ?, ?, ?)");
    Reset reset_insert{insert};
    sqlite3_bind_int64(insert, 1, *rowid);
    bind_text(insert, 2, voter);
    sqlite3_bind_int(insert, 3, value);
    sqlite3_bind_int64(insert, 4, now_ms);
    if (sqlite3_step(insert) != SQLITE_DONE) return last_error("insert vote");
    out.counted = sqlite3_changes(db_) == 1;
    sqlite3_stmt* update = prepared(
        "UPDATE comments SET up = up + ?3 * (?2 > 0), down = down + ?3 * (?2 < 0) WHERE id = ?1 RETURNING up, down");
    Reset reset_update{update};
    sqlite3_bind_int64(update, 1, *rowid);
    sqlite3_bind_int(update, 2, value);
    sqlite3_bind_int(update, 3, out.counted ? 1 : 0);
    if (sqlite3_step(update) != SQLITE_ROW) return last_error("count vote");
    out.up = sqlite3_column_int64(update, 0);
    out.down = sqlite3_column_int64(update, 1);
    return out;
  });
}

Result<bool> Store::set_status(const std::string& id, Status status) {
  const auto rowid = parse_id(id);
  if (!rowid) return false;
  std::lock_guard lock(mutex_);
  sqlite3_stmt* s = prepared("UPDATE comments SET status = ? WHERE id = ?");
  Reset reset{s};
  bind_text(s, 1, std::string(status_name(status)));
  sqlite3_bind_int64(s, 2, *rowid);
  if (sqlite3_step(s) != SQLITE_DONE) return last_error("set status");
  return sqlite3_changes(db_) == 1;
}

Result<std::vector<HeldComment>> Store::held(std::size_t limit) {
  std::lock_guard lock(mutex_);
  static const std::string sql = std::string("SELECT ") + kCommentColumns +
                                 ", email, ip, reasons FROM comments WHERE status IN ('pending', 'spam') "
                                 "ORDER BY id LIMIT ?";
  sqlite3_stmt* s = prepared(sql.c_str());
  Reset reset{s};
  sqlite3_bind_int64(s, 1, static_cast<std::int64_t>(limit));
  std::vector<HeldComment> out;
  int rc;
  while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
    HeldComment h;
    h.comment = read_comment(s);
    h.email = column_text(s, 11);
    h.ip = column_text(s, 12);
    h.reasons = parse_reasons(column_text(s, 13));
    out.push_back(std::move(h));
  }
  if (rc != SQLITE_DONE) return last_error("list held comments");
  return out;
}

}  // namespace soundoff::server
