// `soundoff import --db DB FILE` for a Soundoff export: the file is read as a
// stream, one thread at a time (import/soundoff_stream.h), and each thread is
// merged as soon as it is read, so a 1M-comment site imports in the memory of
// its largest thread (docs/import-export.md, "Large imports").
#pragma once

#include <string>
#include <vector>

#include "import/import_result.h"
#include "server/import_merge.h"

namespace soundoff::cli {

struct StreamedMerge {
  server::MergeReport report;
  std::size_t threads = 0;                  // thread entries read
  std::vector<import::ImportIssue> issues;  // kept, adjusted, skipped (and, lenient, rejected) records
};

// Merges the export at `path` into `store`. Strict (the default) reads the
// file twice: once to check every record and the syntax, writing nothing if
// any is bad, then to merge. Lenient reads it once and merges what it can;
// a syntax error then stops it after the threads before it, which stay.
// Error not_an_export: the file is no export (a single comment document):
// nothing was written, and the caller reads it whole instead.
Result<StreamedMerge> merge_export_file(server::Storage& store, const std::string& path,
                                        const import::ImportOptions& options, const server::MergeProgress& progress,
                                        std::size_t chunk);

}  // namespace soundoff::cli
