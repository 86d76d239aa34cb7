// The audit log: every moderator action, who did it, to what, when and from
// where (docs/moderation-api.md). Routes call record_audit after the change
// has committed; the rows are shown in the console and exported by
// `soundoff export --audit`.
#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>

#include "server/moderator_auth.h"
#include "server/storage.h"
#include "soundoff/result.h"

namespace soundoff::server {

struct ServerState;

// One row. `action` is a stable dotted name ("comment.approve", "ban.add",
// "thread.close", "user.add", "policy.update", ...); `target_kind` is
// "comment", "thread", "ban", "user" or "policy"; `detail` is what else a
// reader of the log needs (old and new body of an edit, a ban's expiry, ...).
struct AuditEntry {
  std::string action;
  std::string target_kind;
  std::string target;
  nlohmann::json detail = nlohmann::json::object();
};

// Stores `entry` as done by `actor` now. A failure is logged, never sent to
// the client: the action itself has already happened.
void record_audit(ServerState& state, const Actor& actor, const AuditEntry& entry);

// The row record_audit stores (also for `soundoff user`, which has no server).
AuditRecord audit_record(const Actor& actor, const AuditEntry& entry, std::int64_t time_ms);

// One row as GET /api/admin/audit and `soundoff export --audit` write it:
// {"id", "time" (ISO 8601), "actor", "via", "network", "action", "target_kind", "target", "detail"}.
nlohmann::json audit_json(const AuditRecord& row);

}  // namespace soundoff::server
