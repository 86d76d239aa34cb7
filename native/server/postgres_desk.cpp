// The moderator's desk on PostgreSQL: queue pages and counts, pin, edit,
// erase, bans (storage.h, "The moderator's desk"). Every change to a comment
// NOTIFYs its thread in the same transaction, as the other writes do.
#include <libpq-fe.h>

#include <cstdio>

#include "server/desk_queue_sql.h"
#include "server/network_block.h"
#include "server/postgres_rows.h"
#include "server/postgres_storage.h"
#include "soundoff/hash.h"

namespace soundoff::server {

using namespace pg_rows;

namespace {

constexpr const char* kBanColumns = "id, kind, value, reason, shadow, created_ms, expires_ms, banned_by";

// A statement whose SQL is made at run time: prepared on each connection
// under a name derived from the SQL, so the same filters reuse one plan.
struct BuiltStatement {
  std::string name;
  std::string sql;
  explicit BuiltStatement(std::string text) : sql(std::move(text)) {
    char hex[17];
    std::snprintf(hex, sizeof hex, "%016llx", static_cast<unsigned long long>(fnv1a64(sql)));
    name = std::string("desk_") + hex;
  }
  PgStatement statement() const { return {name.c_str(), sql.c_str()}; }
};

PgParams params_of(const std::vector<std::string>& values) {
  PgParams out;
  for (const auto& v : values) out.emplace_back(v);
  return out;
}

std::string held_columns() { return std::string(kCommentColumns) + ", email, ip, reasons"; }

Ban read_ban(pg_result* r, int row) {
  Ban b;
  b.id = text(r, row, 0);
  b.kind = parse_ban_kind(text(r, row, 1)).value_or(BanKind::author);
  b.value = text(r, row, 2);
  b.reason = text(r, row, 3);
  b.shadow = text(r, row, 4) == "t";
  b.created_ms = integer(r, row, 5);
  if (!PQgetisnull(r, row, 6)) b.expires_ms = integer(r, row, 6);
  b.by = text(r, row, 7);
  return b;
}

}  // namespace

Result<PgResult> PostgresStorage::run_built(const std::string& sql, const std::vector<std::string>& params,
                                            const char* what) {
  const BuiltStatement built(sql);
  return run(built.statement(), params_of(params), what);
}

Result<std::vector<HeldComment>> PostgresStorage::queue_page(const QueueQuery& query) {
  const auto built = queue_page_sql(query, SqlDialect::postgres, held_columns());
  auto r = run_built(built.sql, built.params, "read queue");
  if (!r) return r.error();
  return read_held(r->get());
}

Result<QueueCounts> PostgresStorage::queue_counts(const std::string& thread) {
  const auto built = queue_counts_sql(thread, SqlDialect::postgres);
  auto r = run_built(built.sql, built.params, "count queues");
  if (!r) return r.error();
  pg_result* p = r->get();
  return QueueCounts{integer(p, 0, 0), integer(p, 0, 1), integer(p, 0, 2), integer(p, 0, 3)};
}

Result<std::optional<HeldComment>> PostgresStorage::desk_comment(const std::string& id) {
  const auto found = find(id);
  if (!found) return found.error();
  if (!*found) return std::optional<HeldComment>();
  auto r = run_built("SELECT " + held_columns() + " FROM comments WHERE thread = $1 AND id = $2::bigint",
                     {(*found)->thread, id}, "read comment");
  if (!r) return r.error();
  auto rows = read_held(r->get());
  if (rows.empty()) return std::optional<HeldComment>();
  return std::optional<HeldComment>(std::move(rows.front()));
}

Result<std::optional<std::int64_t>> PostgresStorage::set_pinned(const std::string& thread, const std::string& id,
                                                                bool pinned) {
  const auto number = parse_comment_id(id);
  if (!number) return std::optional<std::int64_t>();
  return in_transaction<std::optional<std::int64_t>>([&](PgConnection& conn) -> Result<std::optional<std::int64_t>> {
    // Pinning keeps an existing pin order; a new pin goes after the thread's last.
    static const BuiltStatement pin(
        "UPDATE comments SET pinned = CASE WHEN $3::int = 0 THEN 0 WHEN pinned <> 0 THEN pinned "
        "ELSE (SELECT COALESCE(MAX(pinned), 0) + 1 FROM comments WHERE thread = $1) END "
        "WHERE thread = $1 AND id = $2::bigint RETURNING pinned");
    auto r = conn.run(pin.statement(), {thread, std::to_string(*number), pinned ? "1" : "0"}, "pin comment");
    if (!r) return r.error();
    if (PQntuples(r->get()) == 0) return std::optional<std::int64_t>();
    const std::int64_t order = integer(r->get(), 0, 0);
    if (auto n = notify_on(conn, thread, std::to_string(*number)); !n) return n.error();
    return std::optional<std::int64_t>(order);
  });
}

Result<bool> PostgresStorage::edit_body(const std::string& thread, const std::string& id, const std::string& body,
                                        std::int64_t edited_ms) {
  const auto number = parse_comment_id(id);
  if (!number) return false;
  return in_transaction<bool>([&](PgConnection& conn) -> Result<bool> {
    static const BuiltStatement edit(
        "UPDATE comments SET body = $3, edited_ms = $4::bigint WHERE thread = $1 AND id = $2::bigint RETURNING id");
    auto r =
        conn.run(edit.statement(), {thread, std::to_string(*number), body, std::to_string(edited_ms)}, "edit comment");
    if (!r) return r.error();
    if (PQntuples(r->get()) == 0) return false;
    if (auto n = notify_on(conn, thread, std::to_string(*number)); !n) return n.error();
    return true;
  });
}

Result<EraseOutcome> PostgresStorage::erase(const std::string& thread, const std::string& id) {
  const auto number = parse_comment_id(id);
  if (!number) return EraseOutcome::not_found;
  const std::string n = std::to_string(*number);
  return in_transaction<EraseOutcome>([&](PgConnection& conn) -> Result<EraseOutcome> {
    // The row lock first: a concurrent vote or reply waits for the erase.
    static const BuiltStatement lock("SELECT id FROM comments WHERE thread = $1 AND id = $2::bigint FOR UPDATE");
    auto locked = conn.run(lock.statement(), {thread, n}, "erase comment");
    if (!locked) return locked.error();
    if (PQntuples(locked->get()) == 0) return EraseOutcome::not_found;
    static const BuiltStatement replies("SELECT EXISTS (SELECT 1 FROM comments WHERE parent = $1::bigint)");
    auto has = conn.run(replies.statement(), {n}, "erase comment");
    if (!has) return has.error();
    const bool has_replies = text(has->get(), 0, 0) == "t";
    static const BuiltStatement votes("DELETE FROM votes WHERE thread = $1 AND comment_id = $2::bigint");
    static const BuiltStatement reports("DELETE FROM reports WHERE thread = $1 AND comment_id = $2::bigint");
    // Replies keep their place under a tombstone that holds nothing of its writer.
    static const BuiltStatement clear(
        "UPDATE comments SET status = 'deleted', author = '', email = '', ip = '', net = '', body = '', up = 0, "
        "down = 0, reports = 0, pinned = 0, reasons = '[]' WHERE thread = $1 AND id = $2::bigint");
    static const BuiltStatement remove(
        "WITH l AS (DELETE FROM comment_locator WHERE id = $2::bigint) "
        "DELETE FROM comments WHERE thread = $1 AND id = $2::bigint");
    for (const BuiltStatement* s : {&votes, &reports, has_replies ? &clear : &remove}) {
      auto r = conn.run(s->statement(), {thread, n}, "erase comment");
      if (!r) return r.error();
    }
    if (auto notified = notify_on(conn, thread, ""); !notified) return notified.error();
    return has_replies ? EraseOutcome::tombstoned : EraseOutcome::removed;
  });
}

Result<std::vector<Ban>> PostgresStorage::bans() {
  auto r = run_built(std::string("SELECT ") + kBanColumns + " FROM bans ORDER BY id DESC", {}, "list bans");
  if (!r) return r.error();
  std::vector<Ban> out;
  for (int i = 0; i < PQntuples(r->get()); ++i) out.push_back(read_ban(r->get(), i));
  return out;
}

Result<Ban> PostgresStorage::add_ban(const Ban& ban) {
  static const BuiltStatement add(
      "INSERT INTO bans (kind, value, reason, shadow, created_ms, expires_ms, banned_by) "
      "VALUES ($1, $2, $3, $4::boolean, $5::bigint, $6::bigint, $7) RETURNING id");
  auto r = run(add.statement(),
               {std::string(ban_kind_name(ban.kind)), ban.value, ban.reason, ban.shadow ? "true" : "false",
                std::to_string(ban.created_ms),
                ban.expires_ms ? std::optional<std::string>(std::to_string(*ban.expires_ms)) : std::nullopt, ban.by},
               "add ban");
  if (!r) return r.error();
  Ban out = ban;
  out.id = text(r->get(), 0, 0);
  notify_settings("ban", out.id);  // the other instances reload their ban lists at once
  return out;
}

Result<bool> PostgresStorage::delete_ban(const std::string& id) {
  const auto number = parse_comment_id(id);  // ban ids are positive integers too
  if (!number) return false;
  auto r = run_built("DELETE FROM bans WHERE id = $1::bigint RETURNING id", {std::to_string(*number)}, "delete ban");
  if (!r) return r.error();
  const bool deleted = PQntuples(r->get()) == 1;
  if (deleted) notify_settings("ban", id);
  return deleted;
}

// Inside migrate()'s transaction.
Result<bool> PostgresStorage::fill_network_blocks(PgConnection& conn) {
  auto rows = conn.exec("SELECT thread, id, ip FROM comments WHERE ip <> '' AND net = ''", "read addresses");
  if (!rows) return rows.error();
  static const BuiltStatement fill("UPDATE comments SET net = $3 WHERE thread = $1 AND id = $2::bigint");
  for (int i = 0; i < PQntuples(rows->get()); ++i) {
    pg_result* p = rows->get();
    auto r = conn.run(fill.statement(), {text(p, i, 0), text(p, i, 1), network_block(text(p, i, 2))}, "fill networks");
    if (!r) return r.error();
  }
  return true;
}

}  // namespace soundoff::server
