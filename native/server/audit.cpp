// Audit rows. Until the accounts work (issue 16) gives them a table, they
// go to the server's error stream as JSON lines.
#include "server/audit.h"

#include <cstdio>

#include "server/http_util.h"
#include "server/server_state.h"

namespace soundoff::server {

void record_audit(ServerState& state, const Actor& actor, const AuditEntry& entry) {
  (void)state;
  const nlohmann::json row = {{"time_ms", now_ms()},      {"actor", actor.name},    {"via", actor.via},
                              {"network", actor.network}, {"action", entry.action}, {"target_kind", entry.target_kind},
                              {"target", entry.target},   {"detail", entry.detail}};
  std::fprintf(stderr, "audit %s\n", dump_json(row).c_str());
}

}  // namespace soundoff::server
