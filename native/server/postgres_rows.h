// Reading comment rows of the PostgreSQL backend: shared by
// postgres_storage.cpp and the desk's queries (postgres_desk.cpp).
#pragma once

#include <libpq-fe.h>

#include <cstdint>
#include <string>
#include <vector>

#include "server/storage.h"

namespace soundoff::server::pg_rows {

// What load_thread reads of a comment (postgres_storage.cpp's SOUNDOFF_COLUMNS).
inline constexpr const char* kCommentColumns =
    "id, thread, parent, author, body, external_id, created_ms, status, up, down, reports, pinned, edited_ms, badge";

std::string text(pg_result* r, int row, int column);
std::int64_t integer(pg_result* r, int row, int column);
// Reads a row selected with kCommentColumns (starting at column 0).
Comment read_comment(pg_result* r, int row);
// Reads rows selected with kCommentColumns, email, ip, reasons.
std::vector<HeldComment> read_held(pg_result* r);

}  // namespace soundoff::server::pg_rows
