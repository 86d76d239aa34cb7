// Own comments on SQLite (storage.h, edit_key_hash): what an author's edit key must hash to.
#include <sqlite3.h>

#include "server/sqlite_rows.h"
#include "server/sqlite_storage.h"

namespace soundoff::server {

using namespace sqlite_rows;

Result<std::string> SqliteStorage::edit_key_hash(const std::string& thread, const std::string& id) {
  const auto rowid = parse_comment_id(id);
  if (!rowid) return std::string();
  std::lock_guard lock(mutex_);
  sqlite3_stmt* s = prepared("SELECT edit_key_hash FROM comments WHERE thread = ?1 AND id = ?2");
  Reset reset{s};
  bind_text(s, 1, thread);
  sqlite3_bind_int64(s, 2, *rowid);
  const int rc = sqlite3_step(s);
  if (rc == SQLITE_DONE) return std::string();
  if (rc != SQLITE_ROW) return last_error("read edit key");
  return column_text(s, 0);
}

}  // namespace soundoff::server
