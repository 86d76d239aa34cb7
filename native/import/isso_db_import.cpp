// Reading Isso's SQLite database. Isso's schema (isso/db/*.py): threads(id
// INTEGER PRIMARY KEY, uri VARCHAR UNIQUE, title VARCHAR) and comments(tid
// REFERENCES threads(id), id INTEGER PRIMARY KEY, parent INTEGER, created
// FLOAT, modified FLOAT, mode INTEGER, remote_addr, text, author, email,
// website, likes INTEGER, dislikes INTEGER, voters BLOB, notification).
// Only the columns a comment document holds are read; addresses, emails and
// the voters' Bloom filter stay behind.
#include "import/isso_db_import.h"

#include <sqlite3.h>

#include <cmath>
#include <memory>
#include <set>
#include <tuple>

namespace soundoff::import {

namespace {

using namespace detail;

struct CloseDb {
  void operator()(sqlite3* db) const { sqlite3_close(db); }
};
struct FinalizeStmt {
  void operator()(sqlite3_stmt* s) const { sqlite3_finalize(s); }
};
using Db = std::unique_ptr<sqlite3, CloseDb>;
using Stmt = std::unique_ptr<sqlite3_stmt, FinalizeStmt>;

// Years 1 to 9999 in Unix seconds, the range comment documents accept.
constexpr double kFirstSecond = -62135596800.0;
constexpr double kLastSecond = 253402300799.0;

Error db_error(const std::string& path, sqlite3* db, const std::string& what) {
  return Error{"not_isso_database", path + ": cannot " + what + ": " + sqlite3_errmsg(db)};
}

std::string column_text(sqlite3_stmt* s, int column) {
  const auto* text = sqlite3_column_text(s, column);
  return text == nullptr ? std::string()
                         : std::string(reinterpret_cast<const char*>(text),
                                       static_cast<std::size_t>(sqlite3_column_bytes(s, column)));
}

// Checks that `table` exists with every column in `needed`; names the first one missing.
Result<void> check_table(sqlite3* db, const std::string& path, const std::string& table,
                         const std::set<std::string>& needed) {
  sqlite3_stmt* raw = nullptr;
  const std::string sql = "PRAGMA table_info(" + table + ")";  // a fixed name, never user text
  if (sqlite3_prepare_v2(db, sql.c_str(), -1, &raw, nullptr) != SQLITE_OK)
    return db_error(path, db, "read the schema (is it an SQLite database?)");
  Stmt s(raw);
  std::set<std::string> have;
  int rc;
  while ((rc = sqlite3_step(s.get())) == SQLITE_ROW) have.insert(column_text(s.get(), 1));
  if (rc != SQLITE_DONE) return db_error(path, db, "read the schema (is it an SQLite database?)");
  if (have.empty())
    return Error{"not_isso_database", path + " is not an Isso database: it has no table \"" + table + "\""};
  for (const auto& column : needed)
    if (have.count(column) == 0)
      return Error{"not_isso_database",
                   path + " is not an Isso database: table \"" + table + "\" has no column \"" + column + "\""};
  return {};
}

std::optional<Status> isso_status(std::int64_t mode) {
  switch (mode) {
    case 1:
      return Status::published;
    case 2:
      return Status::pending;
    case 4:
      return Status::deleted;
    default:
      return std::nullopt;
  }
}

// Reads the comment in the current row of `s` (columns as in kComments); false (issue recorded) when unusable.
bool read_row(sqlite3_stmt* s, const std::string& record, Comment& c, ImportResult& result) {
  c.id = std::to_string(sqlite3_column_int64(s, 1));
  if (sqlite3_column_type(s, 2) != SQLITE_NULL) c.parent = std::to_string(sqlite3_column_int64(s, 2));
  const double created = sqlite3_column_double(s, 3);
  if (sqlite3_column_type(s, 3) == SQLITE_NULL || !(created >= kFirstSecond && created <= kLastSecond)) {
    result.add(IssueKind::rejected, record, "created", "invalid_time",
               "created must be Unix seconds between years 1 and 9999");
    return false;
  }
  c.created_ms = std::llround(created * 1000.0);
  const auto status = isso_status(sqlite3_column_int64(s, 4));
  if (!status) {
    result.add(IssueKind::rejected, record, "mode", "unknown_status",
               "mode is " + column_text(s, 4).substr(0, 32) + "; expected 1, 2 or 4");
    return false;
  }
  c.status = *status;
  c.body = column_text(s, 5);
  c.author = column_text(s, 6);
  for (const auto& [column, field, target] : {std::tuple{7, "likes", &c.up}, std::tuple{8, "dislikes", &c.down}}) {
    const std::int64_t count = sqlite3_column_int64(s, column);
    if (count < 0 || count > INT32_MAX) {
      result.add(IssueKind::rejected, record, field, "wrong_type",
                 std::string(field) + " must be a count from 0 to 2147483647");
      return false;
    }
    *target = count;
  }
  c.score = c.up - c.down;
  c.external_id = c.id;
  return true;
}

constexpr const char* kComments =
    "SELECT t.uri, c.id, c.parent, c.created, c.mode, c.text, c.author, c.likes, c.dislikes, t.title "
    "FROM comments c JOIN threads t ON t.id = c.tid ORDER BY t.id, c.id";

}  // namespace

Result<ImportResult> import_isso_db(const std::string& path, const ImportOptions& options) {
  sqlite3* raw = nullptr;
  const int opened = sqlite3_open_v2(path.c_str(), &raw, SQLITE_OPEN_READONLY, nullptr);
  Db db(raw);
  if (opened != SQLITE_OK)
    return Error{"not_isso_database", path + ": cannot open it read-only: " +
                                          (raw ? std::string(sqlite3_errmsg(raw)) : std::string("out of memory"))};
  if (auto r = check_table(db.get(), path, "threads", {"id", "uri", "title"}); !r) return r.error();
  if (auto r = check_table(db.get(), path, "comments",
                           {"tid", "id", "parent", "created", "mode", "text", "author", "likes", "dislikes"});
      !r)
    return r.error();

  sqlite3_stmt* stmt = nullptr;
  if (sqlite3_prepare_v2(db.get(), kComments, -1, &stmt, nullptr) != SQLITE_OK)
    return db_error(path, db.get(), "read the comments");
  Stmt s(stmt);
  ImportResult result;
  ThreadCollector collector;
  int rc;
  while ((rc = sqlite3_step(s.get())) == SQLITE_ROW) {
    const std::string uri = column_text(s.get(), 0);
    const std::string title = column_text(s.get(), 9);
    const std::string record =
        "comment id " + std::to_string(sqlite3_column_int64(s.get(), 1)) + " (thread \"" + uri.substr(0, 64) + "\")";
    if (uri.empty()) {
      result.add(IssueKind::rejected, record, "uri", "missing_field", "its thread's uri is empty");
      continue;
    }
    if (collector.find(uri) == nullptr &&
        !check_thread_fields({{"uri", &uri}, {"title", &title}}, options.limits, record, result))
      continue;
    Comment c;
    if (!read_row(s.get(), record, c, result)) continue;
    if (!check_comment(c, {"id", "parent", "author", "text"}, options.limits, record, result)) continue;
    collector.thread(uri, title);
    collector.add(uri, std::move(c), record, result);
  }
  if (rc != SQLITE_DONE) return db_error(path, db.get(), "read the comments");
  collector.finish(result);
  return finish_import(std::move(result), options);
}

}  // namespace soundoff::import
