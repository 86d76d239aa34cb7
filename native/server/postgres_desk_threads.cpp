// The thread registry and live settings on PostgreSQL (storage.h, "The
// thread registry and live settings"). Migration 7's trigger keeps the
// counters. Every change NOTIFYs the settings channel in the same statement,
// "<instance> thread <key>" or "<instance> setting <name>", so the other
// instances reload it at once (watch_settings).
#include <libpq-fe.h>

#include "server/postgres_storage.h"

namespace soundoff::server {

namespace {

#define SOUNDOFF_THREAD_COLUMNS \
  "key, title, url, state, created, closes_at, registered, comments, visible, last_activity"

std::string cell(pg_result* r, int row, int column) {
  return std::string(PQgetvalue(r, row, column), static_cast<std::size_t>(PQgetlength(r, row, column)));
}

std::int64_t number(pg_result* r, int row, int column) { return std::strtoll(PQgetvalue(r, row, column), nullptr, 10); }

ThreadRecord read_thread(pg_result* r, int row) {
  ThreadRecord t;
  t.key = cell(r, row, 0);
  t.title = cell(r, row, 1);
  t.url = cell(r, row, 2);
  t.closed = cell(r, row, 3) == "closed";
  t.created_ms = number(r, row, 4);
  if (!PQgetisnull(r, row, 5)) t.closes_at_ms = number(r, row, 5);
  t.registered = cell(r, row, 6) == "t";
  t.comments = number(r, row, 7);
  t.visible = number(r, row, 8);
  t.last_activity_ms = number(r, row, 9);
  return t;
}

constexpr PgStatement kThreadRecord{"thread_record", "SELECT " SOUNDOFF_THREAD_COLUMNS " FROM threads WHERE key = $1"};
// $4: -1 any, 1 closed, 0 open, where "closed" is what thread_states.h computes.
constexpr PgStatement kListThreads{
    "list_threads", "SELECT " SOUNDOFF_THREAD_COLUMNS
                    " FROM threads WHERE ($1::bigint IS NULL OR last_activity < $1::bigint "
                    "OR (last_activity = $1::bigint AND key < $2)) "
                    "AND ($3 = '' OR position(lower($3) in lower(key)) > 0 OR position(lower($3) in lower(title)) > 0) "
                    "AND ($4::int < 0 OR ($4::int = 1) = (state = 'closed' "
                    "OR COALESCE(closes_at > 0 AND closes_at <= $5::bigint, false) "
                    "OR (closes_at IS NULL AND $6::bigint > 0 AND created + $6::bigint <= $5::bigint))) "
                    "ORDER BY last_activity DESC, key DESC LIMIT $7::bigint"};
constexpr PgStatement kRegisterThread{
    "register_thread",
    "WITH t AS (INSERT INTO threads AS t (key, title, url, created, registered, last_activity) "
    "VALUES ($1, $2, $3, $4::bigint, true, $4::bigint) "
    "ON CONFLICT (key) DO UPDATE SET title = excluded.title, url = excluded.url, registered = true "
    "RETURNING " SOUNDOFF_THREAD_COLUMNS ") SELECT t.*, pg_notify($5, $6) FROM t"};
constexpr PgStatement kSetThreadClosed{
    "set_thread_closed",
    "WITH t AS (UPDATE threads SET state = CASE WHEN $2::bool THEN 'closed' ELSE 'open' END, "
    "closes_at = CASE WHEN $2::bool THEN closes_at ELSE 0 END WHERE key = $1 RETURNING key) "
    "SELECT pg_notify($3, $4) FROM t"};
constexpr PgStatement kLoadSetting{"load_setting", "SELECT name, value, updated_ms, by FROM settings WHERE name = $1"};
constexpr PgStatement kStoreSetting{
    "store_setting",
    "WITH s AS (INSERT INTO settings (name, value, updated_ms, by) VALUES ($1, $2, $3::bigint, $4) "
    "ON CONFLICT (name) DO UPDATE SET value = excluded.value, updated_ms = excluded.updated_ms, by = excluded.by "
    "RETURNING name) SELECT pg_notify($5, $6) FROM s"};
constexpr PgStatement kDeleteSetting{
    "delete_setting",
    "WITH s AS (DELETE FROM settings WHERE name = $1 RETURNING name) SELECT pg_notify($2, $3) FROM s"};

constexpr PgStatement kPutThread{
    "put_thread", "INSERT INTO threads (" SOUNDOFF_THREAD_COLUMNS
                  ") VALUES ($1, $2, $3, $4, $5::bigint, $6::bigint, $7::bool, $8::bigint, $9::bigint, $10::bigint) "
                  "ON CONFLICT (key) DO UPDATE SET title = excluded.title, url = excluded.url, state = excluded.state, "
                  "created = excluded.created, closes_at = excluded.closes_at, registered = excluded.registered, "
                  "comments = excluded.comments, visible = excluded.visible, last_activity = excluded.last_activity"};
constexpr PgStatement kAllSettings{"all_settings", "SELECT name, value, updated_ms, by FROM settings ORDER BY name"};

}  // namespace

Result<std::optional<ThreadRecord>> PostgresStorage::thread_record(const std::string& key) {
  auto r = run(kThreadRecord, {key}, "read thread");
  if (!r) return r.error();
  if (PQntuples(r->get()) == 0) return std::optional<ThreadRecord>();
  return std::optional<ThreadRecord>(read_thread(r->get(), 0));
}

Result<std::vector<ThreadRecord>> PostgresStorage::list_threads(const ThreadListQuery& query) {
  PgParams params = {query.after ? std::optional<std::string>(std::to_string(query.after->first)) : std::nullopt,
                     query.after ? query.after->second : std::string(),
                     query.q,
                     std::to_string(query.closed ? (*query.closed ? 1 : 0) : -1),
                     std::to_string(query.now_ms),
                     std::to_string(query.auto_close_ms),
                     std::to_string(query.limit)};
  auto r = run(kListThreads, params, "list threads");
  if (!r) return r.error();
  std::vector<ThreadRecord> out;
  for (int i = 0; i < PQntuples(r->get()); ++i) out.push_back(read_thread(r->get(), i));
  return out;
}

Result<ThreadRecord> PostgresStorage::register_thread(const std::string& key, const std::string& title,
                                                      const std::string& url, std::int64_t now_ms) {
  auto r =
      run(kRegisterThread, {key, title, url, std::to_string(now_ms), settings_channel_, instance_ + " thread " + key},
          "register thread");
  if (!r) return r.error();
  if (PQntuples(r->get()) != 1) return Error{"storage_error", "register thread: no row came back"};
  return read_thread(r->get(), 0);
}

Result<bool> PostgresStorage::set_thread_closed(const std::string& key, bool closed) {
  // Closing with notifications on: thread.closed commits with the change (docs/notifications.md).
  if (closed && notifying())
    return in_transaction<bool>([&](PgConnection& conn) -> Result<bool> {
      if (auto n = note_thread_closed_on(conn, key, outbox_clock_ms()); !n) return n;
      auto r =
          conn.run(kSetThreadClosed, {key, "true", settings_channel_, instance_ + " thread " + key}, "close thread");
      if (!r) return r.error();
      return PQntuples(r->get()) == 1;
    });
  auto r = run(kSetThreadClosed, {key, closed ? "true" : "false", settings_channel_, instance_ + " thread " + key},
               "close thread");
  if (!r) return r.error();
  return PQntuples(r->get()) == 1;
}

Result<std::optional<SettingRecord>> PostgresStorage::load_setting(const std::string& name) {
  auto r = run(kLoadSetting, {name}, "read setting");
  if (!r) return r.error();
  if (PQntuples(r->get()) == 0) return std::optional<SettingRecord>();
  pg_result* x = r->get();
  return std::optional<SettingRecord>(SettingRecord{cell(x, 0, 0), cell(x, 0, 1), number(x, 0, 2), cell(x, 0, 3)});
}

Result<bool> PostgresStorage::store_setting(const SettingRecord& s) {
  auto r =
      run(kStoreSetting,
          {s.name, s.value, std::to_string(s.updated_ms), s.by, settings_channel_, instance_ + " setting " + s.name},
          "store setting");
  if (!r) return r.error();
  return true;
}

Result<bool> PostgresStorage::delete_setting(const std::string& name) {
  auto r = run(kDeleteSetting, {name, settings_channel_, instance_ + " setting " + name}, "delete setting");
  if (!r) return r.error();
  return PQntuples(r->get()) == 1;
}

Result<bool> PostgresStorage::put_thread_record(const ThreadRecord& t) {
  auto r = run(kPutThread,
               {t.key, t.title, t.url, t.closed ? "closed" : "open", std::to_string(t.created_ms),
                t.closes_at_ms ? std::optional<std::string>(std::to_string(*t.closes_at_ms)) : std::nullopt,
                t.registered ? "true" : "false", std::to_string(t.comments), std::to_string(t.visible),
                std::to_string(t.last_activity_ms)},
               "copy thread");
  if (!r) return r.error();
  return true;
}

Result<std::vector<SettingRecord>> PostgresStorage::all_settings() {
  auto r = run(kAllSettings, {}, "read settings");
  if (!r) return r.error();
  std::vector<SettingRecord> out;
  pg_result* x = r->get();
  for (int i = 0; i < PQntuples(x); ++i)
    out.push_back(SettingRecord{cell(x, i, 0), cell(x, i, 1), number(x, i, 2), cell(x, i, 3)});
  return out;
}

void PostgresStorage::watch_settings(SettingsListener changed) {
  std::lock_guard lock(settings_mutex_);
  settings_listener_ = std::move(changed);
}

void PostgresStorage::settings_changed(const std::string& kind, const std::string& name) {
  SettingsListener listener;
  {
    std::lock_guard lock(settings_mutex_);
    listener = settings_listener_;
  }
  if (listener) listener(kind, name);
}

}  // namespace soundoff::server
