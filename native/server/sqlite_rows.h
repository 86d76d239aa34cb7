// Reading and binding comment rows of the SQLite backend: shared by
// sqlite_storage.cpp and the desk's queries (sqlite_desk.cpp).
#pragma once

#include <sqlite3.h>

#include <string>

#include "server/storage.h"

namespace soundoff::server::sqlite_rows {

// What load_thread reads of a comment; read_comment reads these columns.
inline constexpr const char* kCommentColumns =
    "id, thread, parent, author, body, external_id, created_ms, status, up, down, reports, pinned, edited_ms, badge";

std::string column_text(sqlite3_stmt* s, int i);
// Reads a row selected with kCommentColumns (starting at column 0).
Comment read_comment(sqlite3_stmt* s);
// Reads a row selected with kCommentColumns, email, ip, reasons.
HeldComment read_held(sqlite3_stmt* s);
void bind_text(sqlite3_stmt* s, int i, const std::string& text);
// A parent column: the comment's number, or NULL for a top-level comment.
void bind_parent(sqlite3_stmt* s, int i, const std::string& parent_id);

// Resets a cached statement when the scope ends, whatever path returns.
struct Reset {
  sqlite3_stmt* s;
  ~Reset() {
    if (s == nullptr) return;  // a statement that failed to prepare (prepared())
    sqlite3_reset(s);
    sqlite3_clear_bindings(s);
  }
};

}  // namespace soundoff::server::sqlite_rows
