// The moderator's desk on SQLite: queue pages and counts, pin, edit, erase,
// bans (storage.h, "The moderator's desk").
#include <sqlite3.h>

#include "server/desk_queue_sql.h"
#include "server/network_block.h"
#include "server/sqlite_rows.h"
#include "server/sqlite_storage.h"

namespace soundoff::server {

using namespace sqlite_rows;

namespace {

// A statement prepared for one call (the desk's SQL varies with its filters).
struct Statement {
  sqlite3_stmt* s = nullptr;
  ~Statement() { sqlite3_finalize(s); }
};

constexpr const char* kBanColumns = "id, kind, value, reason, shadow, created_ms, expires_ms, banned_by";

Ban read_ban(sqlite3_stmt* s) {
  Ban b;
  b.id = std::to_string(sqlite3_column_int64(s, 0));
  b.kind = parse_ban_kind(column_text(s, 1)).value_or(BanKind::author);
  b.value = column_text(s, 2);
  b.reason = column_text(s, 3);
  b.shadow = sqlite3_column_int(s, 4) != 0;
  b.created_ms = sqlite3_column_int64(s, 5);
  if (sqlite3_column_type(s, 6) != SQLITE_NULL) b.expires_ms = sqlite3_column_int64(s, 6);
  b.by = column_text(s, 7);
  return b;
}

}  // namespace

Result<std::vector<HeldComment>> SqliteStorage::held_rows(const std::string& sql,
                                                          const std::vector<std::string>& params) {
  std::lock_guard lock(mutex_);
  Statement st;
  if (sqlite3_prepare_v2(db_, sql.c_str(), -1, &st.s, nullptr) != SQLITE_OK) return last_error("prepare queue");
  for (std::size_t i = 0; i < params.size(); ++i) bind_text(st.s, static_cast<int>(i + 1), params[i]);
  std::vector<HeldComment> out;
  int rc;
  while ((rc = sqlite3_step(st.s)) == SQLITE_ROW) out.push_back(read_held(st.s));
  if (rc != SQLITE_DONE) return last_error("read queue");
  return out;
}

Result<std::vector<HeldComment>> SqliteStorage::queue_page(const QueueQuery& query) {
  const auto built = queue_page_sql(query, SqlDialect::sqlite, std::string(kCommentColumns) + ", email, ip, reasons");
  return held_rows(built.sql, built.params);
}

Result<QueueCounts> SqliteStorage::queue_counts(const std::string& thread) {
  const auto built = queue_counts_sql(thread, SqlDialect::sqlite);
  std::lock_guard lock(mutex_);
  Statement st;
  if (sqlite3_prepare_v2(db_, built.sql.c_str(), -1, &st.s, nullptr) != SQLITE_OK) return last_error("prepare counts");
  for (std::size_t i = 0; i < built.params.size(); ++i) bind_text(st.s, static_cast<int>(i + 1), built.params[i]);
  if (sqlite3_step(st.s) != SQLITE_ROW) return last_error("count queues");
  return QueueCounts{sqlite3_column_int64(st.s, 0), sqlite3_column_int64(st.s, 1), sqlite3_column_int64(st.s, 2),
                     sqlite3_column_int64(st.s, 3)};
}

Result<std::optional<HeldComment>> SqliteStorage::desk_comment(const std::string& id) {
  const auto rowid = parse_comment_id(id);
  if (!rowid) return std::optional<HeldComment>();
  auto rows = held_rows(std::string("SELECT ") + kCommentColumns + ", email, ip, reasons FROM comments WHERE id = ?",
                        {std::to_string(*rowid)});
  if (!rows) return rows.error();
  if (rows->empty()) return std::optional<HeldComment>();
  return std::optional<HeldComment>(std::move(rows->front()));
}

Result<std::optional<std::int64_t>> SqliteStorage::set_pinned(const std::string& thread, const std::string& id,
                                                              bool pinned) {
  const auto rowid = parse_comment_id(id);
  if (!rowid) return std::optional<std::int64_t>();
  std::lock_guard lock(mutex_);
  // Pinning keeps an existing pin order; a new pin goes after the thread's last.
  sqlite3_stmt* s = prepared(
      "UPDATE comments SET pinned = CASE WHEN ?3 = 0 THEN 0 WHEN pinned <> 0 THEN pinned "
      "ELSE (SELECT COALESCE(MAX(pinned), 0) + 1 FROM comments WHERE thread = ?1) END "
      "WHERE thread = ?1 AND id = ?2 RETURNING pinned");
  Reset reset{s};
  bind_text(s, 1, thread);
  sqlite3_bind_int64(s, 2, *rowid);
  sqlite3_bind_int(s, 3, pinned ? 1 : 0);
  const int rc = sqlite3_step(s);
  if (rc == SQLITE_DONE) return std::optional<std::int64_t>();
  if (rc != SQLITE_ROW) return last_error("pin comment");
  return std::optional<std::int64_t>(sqlite3_column_int64(s, 0));
}

Result<bool> SqliteStorage::edit_body(const std::string& thread, const std::string& id, const std::string& body,
                                      std::int64_t edited_ms) {
  const auto rowid = parse_comment_id(id);
  if (!rowid) return false;
  std::lock_guard lock(mutex_);
  sqlite3_stmt* s = prepared("UPDATE comments SET body = ?3, edited_ms = ?4 WHERE thread = ?1 AND id = ?2");
  Reset reset{s};
  bind_text(s, 1, thread);
  sqlite3_bind_int64(s, 2, *rowid);
  bind_text(s, 3, body);
  sqlite3_bind_int64(s, 4, edited_ms);
  if (sqlite3_step(s) != SQLITE_DONE) return last_error("edit comment");
  return sqlite3_changes(db_) == 1;
}

Result<EraseOutcome> SqliteStorage::erase(const std::string& thread, const std::string& id) {
  const auto rowid = parse_comment_id(id);
  if (!rowid) return EraseOutcome::not_found;
  std::lock_guard lock(mutex_);
  return in_transaction<EraseOutcome>([&]() -> Result<EraseOutcome> {
    sqlite3_stmt* exists = prepared(
        "SELECT EXISTS (SELECT 1 FROM comments WHERE parent = ?2), "
        "EXISTS (SELECT 1 FROM comments WHERE thread = ?1 AND id = ?2)");
    Reset reset_exists{exists};
    bind_text(exists, 1, thread);
    sqlite3_bind_int64(exists, 2, *rowid);
    if (sqlite3_step(exists) != SQLITE_ROW) return last_error("erase comment");
    const bool has_replies = sqlite3_column_int(exists, 0) != 0;
    if (sqlite3_column_int(exists, 1) == 0) return EraseOutcome::not_found;
    for (const char* sql : {"DELETE FROM votes WHERE thread = ?1 AND comment_id = ?2",
                            "DELETE FROM reports WHERE thread = ?1 AND comment_id = ?2",
                            // Replies keep their place under a tombstone that holds nothing of its writer.
                            has_replies ? "UPDATE comments SET status = 'deleted', author = '', email = '', ip = '', "
                                          "net = '', body = '', up = 0, down = 0, reports = 0, pinned = 0, "
                                          "reasons = '[]' WHERE thread = ?1 AND id = ?2"
                                        : "DELETE FROM comments WHERE thread = ?1 AND id = ?2"}) {
      sqlite3_stmt* s = prepared(sql);
      Reset reset{s};
      bind_text(s, 1, thread);
      sqlite3_bind_int64(s, 2, *rowid);
      if (sqlite3_step(s) != SQLITE_DONE) return last_error("erase comment");
    }
    return has_replies ? EraseOutcome::tombstoned : EraseOutcome::removed;
  });
}

Result<std::vector<Ban>> SqliteStorage::bans() {
  std::lock_guard lock(mutex_);
  static const std::string sql = std::string("SELECT ") + kBanColumns + " FROM bans ORDER BY id DESC";
  sqlite3_stmt* s = prepared(sql.c_str());
  Reset reset{s};
  std::vector<Ban> out;
  int rc;
  while ((rc = sqlite3_step(s)) == SQLITE_ROW) out.push_back(read_ban(s));
  if (rc != SQLITE_DONE) return last_error("list bans");
  return out;
}

Result<Ban> SqliteStorage::add_ban(const Ban& ban) {
  std::lock_guard lock(mutex_);
  sqlite3_stmt* s = prepared(
      "INSERT INTO bans (kind, value, reason, shadow, created_ms, expires_ms, banned_by) VALUES (?, ?, ?, ?, ?, ?, ?)");
  Reset reset{s};
  bind_text(s, 1, std::string(ban_kind_name(ban.kind)));
  bind_text(s, 2, ban.value);
  bind_text(s, 3, ban.reason);
  sqlite3_bind_int(s, 4, ban.shadow ? 1 : 0);
  sqlite3_bind_int64(s, 5, ban.created_ms);
  if (ban.expires_ms) {
    sqlite3_bind_int64(s, 6, *ban.expires_ms);
  } else {
    sqlite3_bind_null(s, 6);
  }
  bind_text(s, 7, ban.by);
  if (sqlite3_step(s) != SQLITE_DONE) return last_error("add ban");
  Ban out = ban;
  out.id = std::to_string(sqlite3_last_insert_rowid(db_));
  return out;
}

Result<bool> SqliteStorage::delete_ban(const std::string& id) {
  const auto rowid = parse_comment_id(id);  // ban ids are positive integers too
  if (!rowid) return false;
  std::lock_guard lock(mutex_);
  sqlite3_stmt* s = prepared("DELETE FROM bans WHERE id = ?");
  Reset reset{s};
  sqlite3_bind_int64(s, 1, *rowid);
  if (sqlite3_step(s) != SQLITE_DONE) return last_error("delete ban");
  return sqlite3_changes(db_) == 1;
}

// Called from migrate() with mutex_ held.
Result<bool> SqliteStorage::fill_network_blocks() {
  return in_transaction<bool>([&]() -> Result<bool> {
    std::vector<std::pair<std::int64_t, std::string>> rows;
    {
      Statement st;
      if (sqlite3_prepare_v2(db_, "SELECT id, ip FROM comments WHERE ip <> '' AND net = ''", -1, &st.s, nullptr) !=
          SQLITE_OK)
        return last_error("read addresses");
      int rc;
      while ((rc = sqlite3_step(st.s)) == SQLITE_ROW)
        rows.emplace_back(sqlite3_column_int64(st.s, 0), column_text(st.s, 1));
      if (rc != SQLITE_DONE) return last_error("read addresses");
    }
    Statement update;
    if (sqlite3_prepare_v2(db_, "UPDATE comments SET net = ? WHERE id = ?", -1, &update.s, nullptr) != SQLITE_OK)
      return last_error("fill networks");
    for (const auto& [id, ip] : rows) {
      bind_text(update.s, 1, network_block(ip));
      sqlite3_bind_int64(update.s, 2, id);
      if (sqlite3_step(update.s) != SQLITE_DONE) return last_error("fill networks");
      sqlite3_reset(update.s);
    }
    return true;
  });
}

}  // namespace soundoff::server
