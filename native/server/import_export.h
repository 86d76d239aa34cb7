// Moving a site's comments in and out of the database: imports from any
// format `soundoff import` reads (docs/import-export.md), and the export
// format that reads back with `--from soundoff`.
#pragma once

#include <string>

#include "import/import_result.h"
#include "server/storage.h"

namespace soundoff::server {

// Inserts every thread of `imported`, one transaction per thread, keeping
// reply links (parents name the source's ids) and each comment's original id
// as external_id. Refuses, before writing anything, a thread that already has
// comments in `store` (importing twice would duplicate them). Returns how many
// comments were inserted.
Result<std::size_t> import_into(Storage& store, const import::ImportResult& imported);

// Every thread in `store` as Soundoff's export format (import::write_export).
// Votes and reports travel as counts only; emails and addresses stay behind.
Result<std::string> export_all(Storage& store);

}  // namespace soundoff::server
