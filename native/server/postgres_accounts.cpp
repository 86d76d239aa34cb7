// PostgreSQL: console accounts, sessions and the audit log (schema v5,
// storage.h). Members of PostgresStorage kept out of postgres_storage.cpp so
// the desk's parts merge without touching the comment code. Sessions are read
// from the database on every request, so every instance sees a login or a
// logout at once without a notification.
#include <libpq-fe.h>

#include "server/postgres_storage.h"

namespace soundoff::server {

namespace {

std::string text_at(pg_result* r, int row, int column) {
  return std::string(PQgetvalue(r, row, column), static_cast<std::size_t>(PQgetlength(r, row, column)));
}

std::int64_t integer_at(pg_result* r, int row, int column) {
  return std::strtoll(PQgetvalue(r, row, column), nullptr, 10);
}

bool boolean_at(pg_result* r, int row, int column) { return text_at(r, row, column) == "t"; }

#define SOUNDOFF_USER_COLUMNS "name, role, password_hash, created_ms, disabled"
#define SOUNDOFF_AUDIT_COLUMNS "id, time_ms, actor, via, network, action, target_kind, target, detail"

constexpr PgStatement kAddUser{"add_user",
                               "INSERT INTO users (name_key, name, role, password_hash, created_ms, disabled) "
                               "VALUES ($1, $2, $3, $4, $5::bigint, $6::boolean)"};
constexpr PgStatement kFindUser{"find_user", "SELECT " SOUNDOFF_USER_COLUMNS " FROM users WHERE name_key = $1"};
constexpr PgStatement kListUsers{"list_users",
                                 "SELECT " SOUNDOFF_USER_COLUMNS " FROM users ORDER BY name_key COLLATE \"C\""};
// The sessions go with the row (ON DELETE CASCADE).
constexpr PgStatement kRemoveUser{"remove_user", "DELETE FROM users WHERE name_key = $1"};
// One statement, so one transaction: whoever knew the old password is signed out with the change.
constexpr PgStatement kSetPassword{
    "set_password",
    "WITH u AS (UPDATE users SET password_hash = $2 WHERE name_key = $1 RETURNING name_key), "
    "d AS (DELETE FROM sessions WHERE user_key IN (SELECT name_key FROM u) AND id_hash <> $3) "
    "SELECT name_key FROM u"};
constexpr PgStatement kAddSession{
    "add_session",
    "INSERT INTO sessions (id_hash, user_key, csrf, created_ms, last_used_ms, expires_ms) "
    "VALUES ($1, $2, $3, $4::bigint, $5::bigint, $6::bigint)"};
constexpr PgStatement kFindSession{
    "find_session",
    "SELECT s.id_hash, u.name, u.role, u.disabled, s.csrf, s.created_ms, s.last_used_ms, s.expires_ms "
    "FROM sessions s JOIN users u ON u.name_key = s.user_key WHERE s.id_hash = $1"};
constexpr PgStatement kTouchSession{"touch_session",
                                    "UPDATE sessions SET last_used_ms = $2::bigint WHERE id_hash = $1"};
constexpr PgStatement kRemoveSession{"remove_session", "DELETE FROM sessions WHERE id_hash = $1"};
constexpr PgStatement kRemoveStaleSessions{
    "remove_stale_sessions", "DELETE FROM sessions WHERE expires_ms < $1::bigint OR last_used_ms < $2::bigint"};
constexpr PgStatement kAddAudit{
    "add_audit",
    "INSERT INTO audit_log (time_ms, actor, via, network, action, target_kind, target, detail) "
    "VALUES ($1::bigint, $2, $3, $4, $5, $6, $7, $8) RETURNING id"};
#define SOUNDOFF_AUDIT_FILTERS " AND ($2 = '' OR actor = $2) AND ($3 = '' OR action = $3) AND ($4 = '' OR target = $4)"
constexpr PgStatement kAuditNewest{"audit_newest",
                                   "SELECT " SOUNDOFF_AUDIT_COLUMNS
                                   " FROM audit_log WHERE ($1::bigint = 0 OR id < $1::bigint)" SOUNDOFF_AUDIT_FILTERS
                                   " ORDER BY id DESC LIMIT $5::bigint"};
constexpr PgStatement kAuditOldest{"audit_oldest", "SELECT " SOUNDOFF_AUDIT_COLUMNS
                                                   " FROM audit_log WHERE id > $1::bigint" SOUNDOFF_AUDIT_FILTERS
                                                   " ORDER BY id LIMIT $5::bigint"};

UserRecord read_user(pg_result* r, int row) {
  return UserRecord{text_at(r, row, 0), text_at(r, row, 1), text_at(r, row, 2), integer_at(r, row, 3),
                    boolean_at(r, row, 4)};
}

std::int64_t affected(pg_result* r) { return std::strtoll(PQcmdTuples(r), nullptr, 10); }

}  // namespace

Result<bool> PostgresStorage::add_user(const UserRecord& user) {
  auto conn = pool_->lease();
  if (!conn) return conn.error();
  auto r = (*conn)->run(kAddUser,
                        {user_name_key(user.name), user.name, user.role, user.password_hash,
                         std::to_string(user.created_ms), user.disabled ? "true" : "false"},
                        "add user");
  // unique_violation: what SQLite's primary key says too.
  if (!r && (*conn)->last_sqlstate() == "23505")
    return Error{"user_exists", "there is already a user called " + user.name};
  if (!r) return r.error();
  return true;
}

Result<std::optional<UserRecord>> PostgresStorage::find_user(const std::string& name) {
  auto r = run(kFindUser, {user_name_key(name)}, "find user");
  if (!r) return r.error();
  if (PQntuples(r->get()) == 0) return std::optional<UserRecord>();
  return std::optional<UserRecord>(read_user(r->get(), 0));
}

Result<std::vector<UserRecord>> PostgresStorage::list_users() {
  auto r = run(kListUsers, {}, "list users");
  if (!r) return r.error();
  std::vector<UserRecord> out;
  for (int i = 0; i < PQntuples(r->get()); ++i) out.push_back(read_user(r->get(), i));
  return out;
}

Result<bool> PostgresStorage::remove_user(const std::string& name) {
  auto r = run(kRemoveUser, {user_name_key(name)}, "remove user");
  if (!r) return r.error();
  return affected(r->get()) == 1;
}

Result<bool> PostgresStorage::set_password(const std::string& name, const std::string& password_hash,
                                           const std::string& keep_session) {
  auto r = run(kSetPassword, {user_name_key(name), password_hash, keep_session}, "set password");
  if (!r) return r.error();
  return PQntuples(r->get()) == 1;
}

Result<bool> PostgresStorage::add_session(const SessionRecord& s) {
  auto r = run(kAddSession,
               {s.id_hash, user_name_key(s.user), s.csrf, std::to_string(s.created_ms), std::to_string(s.last_used_ms),
                std::to_string(s.expires_ms)},
               "add session");
  if (!r) return r.error();
  return true;
}

Result<std::optional<SessionRecord>> PostgresStorage::find_session(const std::string& id_hash) {
  auto r = run(kFindSession, {id_hash}, "find session");
  if (!r) return r.error();
  pg_result* p = r->get();
  if (PQntuples(p) == 0) return std::optional<SessionRecord>();
  return std::optional<SessionRecord>(SessionRecord{text_at(p, 0, 0), text_at(p, 0, 1), text_at(p, 0, 2),
                                                    boolean_at(p, 0, 3), text_at(p, 0, 4), integer_at(p, 0, 5),
                                                    integer_at(p, 0, 6), integer_at(p, 0, 7)});
}

Result<bool> PostgresStorage::touch_session(const std::string& id_hash, std::int64_t now_ms) {
  auto r = run(kTouchSession, {id_hash, std::to_string(now_ms)}, "touch session");
  if (!r) return r.error();
  return affected(r->get()) == 1;
}

Result<bool> PostgresStorage::remove_session(const std::string& id_hash) {
  auto r = run(kRemoveSession, {id_hash}, "remove session");
  if (!r) return r.error();
  return affected(r->get()) == 1;
}

Result<std::int64_t> PostgresStorage::remove_stale_sessions(std::int64_t expired_before_ms,
                                                            std::int64_t idle_before_ms) {
  auto r = run(kRemoveStaleSessions, {std::to_string(expired_before_ms), std::to_string(idle_before_ms)},
               "remove stale sessions");
  if (!r) return r.error();
  return affected(r->get());
}

Result<std::int64_t> PostgresStorage::add_audit(const AuditRecord& e) {
  auto r = run(kAddAudit,
               {std::to_string(e.time_ms), e.actor, e.via, e.network, e.action, e.target_kind, e.target, e.detail},
               "add audit row");
  if (!r) return r.error();
  return integer_at(r->get(), 0, 0);
}

Result<std::vector<AuditRecord>> PostgresStorage::list_audit(const AuditQuery& q) {
  auto r = run(q.oldest_first ? kAuditOldest : kAuditNewest,
               {std::to_string(q.cursor), q.actor, q.action, q.target, std::to_string(q.limit)}, "list audit rows");
  if (!r) return r.error();
  pg_result* p = r->get();
  std::vector<AuditRecord> out;
  for (int i = 0; i < PQntuples(p); ++i)
    out.push_back(AuditRecord{integer_at(p, i, 0), integer_at(p, i, 1), text_at(p, i, 2), text_at(p, i, 3),
                              text_at(p, i, 4), text_at(p, i, 5), text_at(p, i, 6), text_at(p, i, 7),
                              text_at(p, i, 8)});
  return out;
}

}  // namespace soundoff::server
