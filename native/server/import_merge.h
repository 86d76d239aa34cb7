// Importing into a database that already holds comments (`soundoff import
// --db`, docs/import-export.md "Merging into an existing database"): a
// comment is matched by (thread, external id), so running the same import
// twice changes nothing, and an import of a newer export of the old system
// adds only what is new.
#pragma once

#include <cstddef>
#include <functional>
#include <string>
#include <vector>

#include "import/import_result.h"
#include "server/import_export.h"
#include "server/storage.h"

namespace soundoff::server {

struct MergeReport {
  std::size_t inserted = 0;         // new comments
  std::size_t present = 0;          // already stored (same thread and external id)
  std::size_t updated = 0;          // of those, ones whose status or votes were brought to the source's
  std::size_t threads_created = 0;  // threads that had no registry row and were registered with title and URL
  std::vector<KeyMapping> mapped;   // threads stored under another key than the source's name
};

// Called after every chunk of inserted comments with the running total.
using MergeProgress = std::function<void(std::size_t inserted_so_far)>;

// Merges `imported` into `store`. Per thread:
//  - a source comment whose external id (else its id) is already stored in the
//    thread is not inserted again; its status becomes the source's when they
//    differ, and its votes are topped up with synthetic voters ("import:up:N",
//    "import:down:N", as import_into writes them) until its counts reach the
//    source's (counts above the source's are left alone: local votes stay);
//  - every other comment is inserted, replies linked to their parent whether
//    the parent is new in this import or was stored by an earlier one;
//  - a thread with no registry row is registered with the source's title and
//    URL; an existing thread's registry row is left as it is.
// New comments are written in transactions of `chunk` comments, so a failed
// run leaves whole chunks behind and running it again completes it.
Result<MergeReport> merge_into(Storage& store, const import::ImportResult& imported, const MergeProgress& progress = {},
                               std::size_t chunk = 5000);

// merge_into's step for one thread, adding to `report` (`progress` gets its
// running total): a streamed import (cli/import_stream.h) merges each thread
// as it is read.
Result<void> merge_thread_into(Storage& store, const import::ImportedThread& thread, MergeReport& report,
                               const MergeProgress& progress = {}, std::size_t chunk = 5000);

}  // namespace soundoff::server
