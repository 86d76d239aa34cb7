// Isso's own SQLite database (`soundoff import --from isso-db comments.db`),
// read directly rather than through an export. Opened read-only: the file is
// never changed, and Isso may keep running on it.
#pragma once

#include <string>

#include "import/import_result.h"

namespace soundoff::import {

// Reads tables threads(id, uri, title) and comments(tid, id, parent, created,
// mode, text, author, likes, dislikes, ...) into the threads the Isso JSON
// importer (import_isso) produces: one thread per uri with its title, modes
// 1/2/4 as published/pending/deleted, likes and dislikes as votes, times
// from Unix seconds. Error not_isso_database names the missing table or
// column of a file that is not an Isso database.
Result<ImportResult> import_isso_db(const std::string& path, const ImportOptions& options = {});

}  // namespace soundoff::import
