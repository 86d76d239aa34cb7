// Moving a site's comments in and out of the database: imports from any
// format `soundoff import` reads (docs/import-export.md), and the export
// format that reads back with `--from soundoff`.
#pragma once

#include <string>
#include <vector>

#include "import/import_result.h"
#include "server/storage.h"

namespace soundoff::server {

// Inserts every thread of `imported`, one transaction per thread, keeping
// reply links (parents name the source's ids) and each comment's original id
// as external_id. Refuses, before writing anything, a thread that already has
// comments in `store` (importing twice would duplicate them). Returns how many
// comments were inserted. A thread whose source name is not a valid API key
// (a page URL, a path) is stored under soundoff::thread_key_for(name), each
// such renaming appended to `mapped` when given; a thread named by a page URL
// gets that URL, normalised, as its registry URL (GET /api/threads?url=).
struct KeyMapping {
  std::string source;  // the thread's name in the import
  std::string key;     // the key it is stored under
};
Result<std::size_t> import_into(Storage& store, const import::ImportResult& imported,
                                std::vector<KeyMapping>* mapped = nullptr);

// The canonical URL of an imported thread: its own URL, else its name when
// that is a page URL (Remark42, Disqus name threads by URL); "" when neither.
std::string thread_page_url(const import::ImportedThread& thread);

// Every thread in `store` as Soundoff's export format (import::write_export),
// or only the thread `only` (Error not_found when it has neither comments nor
// a registry row). Each thread's registry title and URL go with it, so an
// import elsewhere registers them again. Votes and reports travel as counts
// only; emails and addresses stay behind.
Result<std::string> export_all(Storage& store, const std::string& only = "");

}  // namespace soundoff::server
