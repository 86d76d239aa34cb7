// Audit rows go to the database's audit_log (schema v5).
#include "server/audit.h"

#include <iostream>

#include "server/http_util.h"
#include "server/server_state.h"
#include "soundoff/time.h"

namespace soundoff::server {

AuditRecord audit_record(const Actor& actor, const AuditEntry& entry, std::int64_t time_ms) {
  AuditRecord row;
  row.time_ms = time_ms;
  row.actor = actor.name;
  row.via = actor.via;
  row.network = actor.network;
  row.action = entry.action;
  row.target_kind = entry.target_kind;
  row.target = entry.target;
  row.detail = dump_json(entry.detail.is_object() ? entry.detail : nlohmann::json::object());
  return row;
}

void record_audit(ServerState& state, const Actor& actor, const AuditEntry& entry) {
  const AuditRecord row = audit_record(actor, entry, now_ms());
  if (const auto stored = state.store->add_audit(row); !stored) {
    // The action has happened; losing its row must at least leave a trace.
    std::cerr << "soundoff serve: audit row not stored (" << stored.error().message << "): " << row.actor << " "
              << row.action << " " << row.target_kind << " " << row.target << " " << row.detail << "\n";
  }
}

nlohmann::json audit_json(const AuditRecord& row) {
  auto detail = nlohmann::json::parse(row.detail, nullptr, false);
  if (detail.is_discarded()) detail = nlohmann::json::object();
  return {{"id", std::to_string(row.id)},
          {"time", format_iso8601(row.time_ms)},
          {"actor", row.actor},
          {"via", row.via},
          {"network", row.network},
          {"action", row.action},
          {"target_kind", row.target_kind},
          {"target", row.target},
          {"detail", detail}};
}

}  // namespace soundoff::server
