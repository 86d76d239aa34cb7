// SQLite: console accounts, sessions and the audit log (schema v5, storage.h).
// Members of SqliteStorage kept out of sqlite_storage.cpp so the desk's
// parts merge without touching the comment code.
#include <sqlite3.h>

#include "server/sqlite_storage.h"

namespace soundoff::server {

namespace {

// The same small helpers as sqlite_storage.cpp (they live in its anonymous namespace).
std::string text_at(sqlite3_stmt* s, int i) {
  const auto* text = reinterpret_cast<const char*>(sqlite3_column_text(s, i));
  return text == nullptr ? std::string() : std::string(text, static_cast<std::size_t>(sqlite3_column_bytes(s, i)));
}

// Not "bind": with a temporary string argument, ADL would pick std::bind.
void bind_value(sqlite3_stmt* s, int i, const std::string& text) {
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

constexpr const char* kUserColumns = "name, role, password_hash, created_ms, disabled";

UserRecord read_user(sqlite3_stmt* s) {
  return UserRecord{text_at(s, 0), text_at(s, 1), text_at(s, 2), sqlite3_column_int64(s, 3),
                    sqlite3_column_int(s, 4) != 0};
}

constexpr const char* kAuditColumns = "id, time_ms, actor, via, network, action, target_kind, target, detail";

AuditRecord read_audit(sqlite3_stmt* s) {
  return AuditRecord{sqlite3_column_int64(s, 0),
                     sqlite3_column_int64(s, 1),
                     text_at(s, 2),
                     text_at(s, 3),
                     text_at(s, 4),
                     text_at(s, 5),
                     text_at(s, 6),
                     text_at(s, 7),
                     text_at(s, 8)};
}

}  // namespace

Result<bool> SqliteStorage::add_user(const UserRecord& user) {
  std::lock_guard lock(mutex_);
  sqlite3_stmt* s = prepared(
      "INSERT INTO users (name_key, name, role, password_hash, created_ms, disabled) VALUES (?, ?, ?, ?, ?, ?)");
  Reset reset{s};
  bind_value(s, 1, user_name_key(user.name));
  bind_value(s, 2, user.name);
  bind_value(s, 3, user.role);
  bind_value(s, 4, user.password_hash);
  sqlite3_bind_int64(s, 5, user.created_ms);
  sqlite3_bind_int(s, 6, user.disabled ? 1 : 0);
  if (sqlite3_step(s) != SQLITE_DONE) {
    if (sqlite3_extended_errcode(db_) == SQLITE_CONSTRAINT_PRIMARYKEY)
      return Error{"user_exists", "there is already a user called " + user.name};
    return last_error("add user");
  }
  return true;
}

Result<std::optional<UserRecord>> SqliteStorage::find_user(const std::string& name) {
  std::lock_guard lock(mutex_);
  static const std::string sql = std::string("SELECT ") + kUserColumns + " FROM users WHERE name_key = ?";
  sqlite3_stmt* s = prepared(sql.c_str());
  Reset reset{s};
  bind_value(s, 1, user_name_key(name));
  const int rc = sqlite3_step(s);
  if (rc == SQLITE_DONE) return std::optional<UserRecord>();
  if (rc != SQLITE_ROW) return last_error("find user");
  return std::optional<UserRecord>(read_user(s));
}

Result<std::vector<UserRecord>> SqliteStorage::list_users() {
  std::lock_guard lock(mutex_);
  static const std::string sql = std::string("SELECT ") + kUserColumns + " FROM users ORDER BY name_key";
  sqlite3_stmt* s = prepared(sql.c_str());
  Reset reset{s};
  std::vector<UserRecord> out;
  int rc;
  while ((rc = sqlite3_step(s)) == SQLITE_ROW) out.push_back(read_user(s));
  if (rc != SQLITE_DONE) return last_error("list users");
  return out;
}

Result<bool> SqliteStorage::remove_user(const std::string& name) {
  std::lock_guard lock(mutex_);
  // The sessions go with the row (ON DELETE CASCADE; foreign_keys is on).
  sqlite3_stmt* s = prepared("DELETE FROM users WHERE name_key = ?");
  Reset reset{s};
  bind_value(s, 1, user_name_key(name));
  if (sqlite3_step(s) != SQLITE_DONE) return last_error("remove user");
  return sqlite3_changes(db_) == 1;
}

Result<bool> SqliteStorage::set_password(const std::string& name, const std::string& password_hash,
                                         const std::string& keep_session) {
  std::lock_guard lock(mutex_);
  if (auto r = exec("BEGIN IMMEDIATE"); !r) return r.error();
  const auto body = [&]() -> Result<bool> {
    sqlite3_stmt* s = prepared("UPDATE users SET password_hash = ? WHERE name_key = ?");
    Reset reset{s};
    bind_value(s, 1, password_hash);
    bind_value(s, 2, user_name_key(name));
    if (sqlite3_step(s) != SQLITE_DONE) return last_error("set password");
    if (sqlite3_changes(db_) != 1) return false;
    // Whoever knew the old password is signed out.
    sqlite3_stmt* d = prepared("DELETE FROM sessions WHERE user_key = ? AND id_hash <> ?");
    Reset reset_d{d};
    bind_value(d, 1, user_name_key(name));
    bind_value(d, 2, keep_session);
    if (sqlite3_step(d) != SQLITE_DONE) return last_error("end sessions");
    return true;
  };
  auto out = body();
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

Result<bool> SqliteStorage::add_session(const SessionRecord& session) {
  std::lock_guard lock(mutex_);
  sqlite3_stmt* s = prepared(
      "INSERT INTO sessions (id_hash, user_key, csrf, created_ms, last_used_ms, expires_ms) "
      "VALUES (?, ?, ?, ?, ?, ?)");
  Reset reset{s};
  bind_value(s, 1, session.id_hash);
  bind_value(s, 2, user_name_key(session.user));
  bind_value(s, 3, session.csrf);
  sqlite3_bind_int64(s, 4, session.created_ms);
  sqlite3_bind_int64(s, 5, session.last_used_ms);
  sqlite3_bind_int64(s, 6, session.expires_ms);
  if (sqlite3_step(s) != SQLITE_DONE) return last_error("add session");
  return true;
}

Result<std::optional<SessionRecord>> SqliteStorage::find_session(const std::string& id_hash) {
  std::lock_guard lock(mutex_);
  sqlite3_stmt* s = prepared(
      "SELECT s.id_hash, u.name, u.role, u.disabled, s.csrf, s.created_ms, s.last_used_ms, s.expires_ms "
      "FROM sessions s JOIN users u ON u.name_key = s.user_key WHERE s.id_hash = ?");
  Reset reset{s};
  bind_value(s, 1, id_hash);
  const int rc = sqlite3_step(s);
  if (rc == SQLITE_DONE) return std::optional<SessionRecord>();
  if (rc != SQLITE_ROW) return last_error("find session");
  return std::optional<SessionRecord>(
      SessionRecord{text_at(s, 0), text_at(s, 1), text_at(s, 2), sqlite3_column_int(s, 3) != 0, text_at(s, 4),
                    sqlite3_column_int64(s, 5), sqlite3_column_int64(s, 6), sqlite3_column_int64(s, 7)});
}

Result<bool> SqliteStorage::touch_session(const std::string& id_hash, std::int64_t now_ms) {
  std::lock_guard lock(mutex_);
  sqlite3_stmt* s = prepared("UPDATE sessions SET last_used_ms = ? WHERE id_hash = ?");
  Reset reset{s};
  sqlite3_bind_int64(s, 1, now_ms);
  bind_value(s, 2, id_hash);
  if (sqlite3_step(s) != SQLITE_DONE) return last_error("touch session");
  return sqlite3_changes(db_) == 1;
}

Result<bool> SqliteStorage::remove_session(const std::string& id_hash) {
  std::lock_guard lock(mutex_);
  sqlite3_stmt* s = prepared("DELETE FROM sessions WHERE id_hash = ?");
  Reset reset{s};
  bind_value(s, 1, id_hash);
  if (sqlite3_step(s) != SQLITE_DONE) return last_error("remove session");
  return sqlite3_changes(db_) == 1;
}

Result<std::int64_t> SqliteStorage::remove_stale_sessions(std::int64_t expired_before_ms, std::int64_t idle_before_ms) {
  std::lock_guard lock(mutex_);
  sqlite3_stmt* s = prepared("DELETE FROM sessions WHERE expires_ms < ? OR last_used_ms < ?");
  Reset reset{s};
  sqlite3_bind_int64(s, 1, expired_before_ms);
  sqlite3_bind_int64(s, 2, idle_before_ms);
  if (sqlite3_step(s) != SQLITE_DONE) return last_error("remove stale sessions");
  return static_cast<std::int64_t>(sqlite3_changes(db_));
}

Result<std::int64_t> SqliteStorage::add_audit(const AuditRecord& e) {
  std::lock_guard lock(mutex_);
  sqlite3_stmt* s = prepared(
      "INSERT INTO audit_log (time_ms, actor, via, network, action, target_kind, target, detail) "
      "VALUES (?, ?, ?, ?, ?, ?, ?, ?)");
  Reset reset{s};
  sqlite3_bind_int64(s, 1, e.time_ms);
  bind_value(s, 2, e.actor);
  bind_value(s, 3, e.via);
  bind_value(s, 4, e.network);
  bind_value(s, 5, e.action);
  bind_value(s, 6, e.target_kind);
  bind_value(s, 7, e.target);
  bind_value(s, 8, e.detail);
  if (sqlite3_step(s) != SQLITE_DONE) return last_error("add audit row");
  return static_cast<std::int64_t>(sqlite3_last_insert_rowid(db_));
}

Result<std::vector<AuditRecord>> SqliteStorage::list_audit(const AuditQuery& q) {
  std::lock_guard lock(mutex_);
  static const std::string filters =
      " AND (?2 = '' OR actor = ?2) AND (?3 = '' OR action = ?3) "
      "AND (?4 = '' OR target = ?4)";
  static const std::string newest = std::string("SELECT ") + kAuditColumns +
                                    " FROM audit_log WHERE (?1 = 0 OR id < ?1)" + filters +
                                    " ORDER BY id DESC LIMIT ?5";
  static const std::string oldest =
      std::string("SELECT ") + kAuditColumns + " FROM audit_log WHERE id > ?1" + filters + " ORDER BY id LIMIT ?5";
  sqlite3_stmt* s = prepared(q.oldest_first ? oldest.c_str() : newest.c_str());
  Reset reset{s};
  sqlite3_bind_int64(s, 1, q.cursor);
  bind_value(s, 2, q.actor);
  bind_value(s, 3, q.action);
  bind_value(s, 4, q.target);
  sqlite3_bind_int64(s, 5, static_cast<std::int64_t>(q.limit));
  std::vector<AuditRecord> out;
  int rc;
  while ((rc = sqlite3_step(s)) == SQLITE_ROW) out.push_back(read_audit(s));
  if (rc != SQLITE_DONE) return last_error("list audit rows");
  return out;
}

}  // namespace soundoff::server
