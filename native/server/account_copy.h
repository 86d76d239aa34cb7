// `soundoff migrate` for the desk's tables (schema v5): console accounts with
// their password hashes and the whole audit log, oldest first. Sessions are
// not copied: moderators sign in again on the new database.
#pragma once

#include <vector>

#include "server/storage.h"
#include "server/storage_copy.h"

namespace soundoff::server {

// Error target_not_empty when `to` already has accounts or audit rows.
Result<bool> check_accounts_empty(Storage& to);

// Copies users and audit rows from `from` into `to` and reads them back:
// summaries {"users", "audit_log"} of each side, or checksum_mismatch.
Result<CopyReport> copy_accounts(Storage& from, Storage& to);

}  // namespace soundoff::server
