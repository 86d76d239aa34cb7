// Copying one database into another (`soundoff migrate`, docs/storage.md):
// every comment with its id, status, reasons, email and address, every report
// and vote, the console accounts and the audit log (account_copy.h); verified by per-table row counts and checksums
// computed the same way over what each side returns.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "server/storage.h"

namespace soundoff::server {

struct TableSummary {
  std::string table;  // comments, reports, votes, users, audit_log
  std::size_t rows = 0;
  std::uint64_t checksum = 0;  // FNV-1a 64 over the rows in a canonical order and encoding
};

// Counts and checksums of each table of `dump`. Independent of the order the
// backend returned rows in and of how it spelled the reasons JSON.
std::vector<TableSummary> summarize(const StorageDump& dump);

struct CopyReport {
  std::vector<TableSummary> source;
  std::vector<TableSummary> target;  // read back from the target after the copy
};

// Copies everything in `from` into `to`, which must hold no comments (error
// code target_not_empty). Fails with checksum_mismatch when what the target
// returns afterwards differs from the source (the copy is then left in place
// for inspection).
Result<CopyReport> copy_storage(Storage& from, Storage& to);

}  // namespace soundoff::server
