// The thread registry and live settings on SQLite (storage.h, "The thread
// registry and live settings"). The counters are kept by migration 7's
// triggers; these statements only read them and set what moderators set.
#include <sqlite3.h>

#include "server/sqlite_storage.h"

namespace soundoff::server {

namespace {

// The same small helpers sqlite_storage.cpp has, kept here so this file
// stands alone.
std::string text_at(sqlite3_stmt* s, int i) {
  const auto* text = reinterpret_cast<const char*>(sqlite3_column_text(s, i));
  return text == nullptr ? std::string() : std::string(text, static_cast<std::size_t>(sqlite3_column_bytes(s, i)));
}

void bind(sqlite3_stmt* s, int i, const std::string& text) {
  sqlite3_bind_text(s, i, text.data(), static_cast<int>(text.size()), SQLITE_TRANSIENT);
}

struct ResetOnExit {
  sqlite3_stmt* s;
  ~ResetOnExit() {
    if (s == nullptr) return;
    sqlite3_reset(s);
    sqlite3_clear_bindings(s);
  }
};

#define SOUNDOFF_THREAD_COLUMNS \
  "key, title, url, state, created, closes_at, registered, comments, visible, last_activity"

ThreadRecord read_thread(sqlite3_stmt* s) {
  ThreadRecord t;
  t.key = text_at(s, 0);
  t.title = text_at(s, 1);
  t.url = text_at(s, 2);
  t.closed = text_at(s, 3) == "closed";
  t.created_ms = sqlite3_column_int64(s, 4);
  if (sqlite3_column_type(s, 5) != SQLITE_NULL) t.closes_at_ms = sqlite3_column_int64(s, 5);
  t.registered = sqlite3_column_int(s, 6) != 0;
  t.comments = sqlite3_column_int64(s, 7);
  t.visible = sqlite3_column_int64(s, 8);
  t.last_activity_ms = sqlite3_column_int64(s, 9);
  return t;
}

}  // namespace

Result<std::optional<ThreadRecord>> SqliteStorage::thread_record(const std::string& key) {
  std::lock_guard lock(mutex_);
  sqlite3_stmt* s = prepared("SELECT " SOUNDOFF_THREAD_COLUMNS " FROM threads WHERE key = ?");
  ResetOnExit reset{s};
  bind(s, 1, key);
  const int rc = sqlite3_step(s);
  if (rc == SQLITE_DONE) return std::optional<ThreadRecord>();
  if (rc != SQLITE_ROW) return last_error("read thread");
  return std::optional<ThreadRecord>(read_thread(s));
}

Result<std::vector<ThreadRecord>> SqliteStorage::list_threads(const ThreadListQuery& query) {
  std::lock_guard lock(mutex_);
  // ?4 filter: -1 any, 1 closed, 0 open, where "closed" is what thread_states.h computes.
  sqlite3_stmt* s =
      prepared("SELECT " SOUNDOFF_THREAD_COLUMNS
               " FROM threads WHERE (?1 IS NULL OR last_activity < ?1 OR (last_activity = ?1 AND key < ?2)) "
               "AND (?3 = '' OR instr(lower(key), lower(?3)) > 0 OR instr(lower(title), lower(?3)) > 0) "
               "AND (?4 < 0 OR ?4 = (state = 'closed' OR COALESCE(closes_at > 0 AND closes_at <= ?5, 0) "
               "OR (closes_at IS NULL AND ?6 > 0 AND created + ?6 <= ?5))) "
               "ORDER BY last_activity DESC, key DESC LIMIT ?7");
  ResetOnExit reset{s};
  if (query.after) {
    sqlite3_bind_int64(s, 1, query.after->first);
    bind(s, 2, query.after->second);
  } else {
    sqlite3_bind_null(s, 1);
    bind(s, 2, "");
  }
  bind(s, 3, query.q);
  sqlite3_bind_int(s, 4, query.closed ? (*query.closed ? 1 : 0) : -1);
  sqlite3_bind_int64(s, 5, query.now_ms);
  sqlite3_bind_int64(s, 6, query.auto_close_ms);
  sqlite3_bind_int64(s, 7, static_cast<std::int64_t>(query.limit));
  std::vector<ThreadRecord> out;
  int rc;
  while ((rc = sqlite3_step(s)) == SQLITE_ROW) out.push_back(read_thread(s));
  if (rc != SQLITE_DONE) return last_error("list threads");
  return out;
}

Result<ThreadRecord> SqliteStorage::register_thread(const std::string& key, const std::string& title,
                                                    const std::string& url, std::int64_t now_ms) {
  std::lock_guard lock(mutex_);
  sqlite3_stmt* s = prepared(
      "INSERT INTO threads (key, title, url, created, registered, last_activity) VALUES (?1, ?2, ?3, ?4, 1, ?4) "
      "ON CONFLICT (key) DO UPDATE SET title = excluded.title, url = excluded.url, registered = 1 "
      "RETURNING " SOUNDOFF_THREAD_COLUMNS);
  ResetOnExit reset{s};
  bind(s, 1, key);
  bind(s, 2, title);
  bind(s, 3, url);
  sqlite3_bind_int64(s, 4, now_ms);
  if (sqlite3_step(s) != SQLITE_ROW) return last_error("register thread");
  ThreadRecord out = read_thread(s);
  // RETURNING rows come before the statement completes: finish it so the write commits.
  if (sqlite3_step(s) != SQLITE_DONE) return last_error("register thread");
  return out;
}

Result<bool> SqliteStorage::set_thread_closed(const std::string& key, bool closed) {
  std::lock_guard lock(mutex_);
  // Closing with notifications on: thread.closed commits with the change (docs/notifications.md).
  if (closed && notifying())
    return in_transaction<bool>([&]() -> Result<bool> {
      if (auto n = note_thread_closed_locked(key, outbox_clock_ms()); !n) return n;
      return set_thread_closed_locked(key, closed);
    });
  return set_thread_closed_locked(key, closed);
}

Result<bool> SqliteStorage::set_thread_closed_locked(const std::string& key, bool closed) {
  sqlite3_stmt* s = prepared(
      "UPDATE threads SET state = CASE WHEN ?2 THEN 'closed' ELSE 'open' END, "
      "closes_at = CASE WHEN ?2 THEN closes_at ELSE 0 END WHERE key = ?1");
  ResetOnExit reset{s};
  bind(s, 1, key);
  sqlite3_bind_int(s, 2, closed ? 1 : 0);
  if (sqlite3_step(s) != SQLITE_DONE) return last_error("close thread");
  return sqlite3_changes(db_) == 1;
}

Result<std::optional<SettingRecord>> SqliteStorage::load_setting(const std::string& name) {
  std::lock_guard lock(mutex_);
  sqlite3_stmt* s = prepared("SELECT name, value, updated_ms, by FROM settings WHERE name = ?");
  ResetOnExit reset{s};
  bind(s, 1, name);
  const int rc = sqlite3_step(s);
  if (rc == SQLITE_DONE) return std::optional<SettingRecord>();
  if (rc != SQLITE_ROW) return last_error("read setting");
  return std::optional<SettingRecord>(
      SettingRecord{text_at(s, 0), text_at(s, 1), sqlite3_column_int64(s, 2), text_at(s, 3)});
}

Result<bool> SqliteStorage::store_setting(const SettingRecord& setting) {
  std::lock_guard lock(mutex_);
  sqlite3_stmt* s = prepared(
      "INSERT INTO settings (name, value, updated_ms, by) VALUES (?, ?, ?, ?) ON CONFLICT (name) DO UPDATE SET "
      "value = excluded.value, updated_ms = excluded.updated_ms, by = excluded.by");
  ResetOnExit reset{s};
  bind(s, 1, setting.name);
  bind(s, 2, setting.value);
  sqlite3_bind_int64(s, 3, setting.updated_ms);
  bind(s, 4, setting.by);
  if (sqlite3_step(s) != SQLITE_DONE) return last_error("store setting");
  return true;
}

Result<bool> SqliteStorage::delete_setting(const std::string& name) {
  std::lock_guard lock(mutex_);
  sqlite3_stmt* s = prepared("DELETE FROM settings WHERE name = ?");
  ResetOnExit reset{s};
  bind(s, 1, name);
  if (sqlite3_step(s) != SQLITE_DONE) return last_error("delete setting");
  return sqlite3_changes(db_) == 1;
}

Result<bool> SqliteStorage::put_thread_record(const ThreadRecord& t) {
  std::lock_guard lock(mutex_);
  sqlite3_stmt* s = prepared(
      "INSERT INTO threads (" SOUNDOFF_THREAD_COLUMNS
      ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (key) DO UPDATE SET title = excluded.title, "
      "url = excluded.url, state = excluded.state, created = excluded.created, closes_at = excluded.closes_at, "
      "registered = excluded.registered, comments = excluded.comments, visible = excluded.visible, "
      "last_activity = excluded.last_activity");
  ResetOnExit reset{s};
  bind(s, 1, t.key);
  bind(s, 2, t.title);
  bind(s, 3, t.url);
  bind(s, 4, t.closed ? "closed" : "open");
  sqlite3_bind_int64(s, 5, t.created_ms);
  if (t.closes_at_ms) {
    sqlite3_bind_int64(s, 6, *t.closes_at_ms);
  } else {
    sqlite3_bind_null(s, 6);
  }
  sqlite3_bind_int(s, 7, t.registered ? 1 : 0);
  sqlite3_bind_int64(s, 8, t.comments);
  sqlite3_bind_int64(s, 9, t.visible);
  sqlite3_bind_int64(s, 10, t.last_activity_ms);
  if (sqlite3_step(s) != SQLITE_DONE) return last_error("copy thread");
  return true;
}

Result<std::vector<SettingRecord>> SqliteStorage::all_settings() {
  std::lock_guard lock(mutex_);
  sqlite3_stmt* s = prepared("SELECT name, value, updated_ms, by FROM settings ORDER BY name");
  ResetOnExit reset{s};
  std::vector<SettingRecord> out;
  int rc;
  while ((rc = sqlite3_step(s)) == SQLITE_ROW)
    out.push_back(SettingRecord{text_at(s, 0), text_at(s, 1), sqlite3_column_int64(s, 2), text_at(s, 3)});
  if (rc != SQLITE_DONE) return last_error("read settings");
  return out;
}

}  // namespace soundoff::server
