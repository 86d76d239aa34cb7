#include "server/person_erase.h"

#include <mutex>

#include "server/audit.h"
#include "server/server_state.h"

namespace soundoff::server {

AuditEntry person_erase_audit(const PersonErasure& erased, bool anonymise) {
  return {"person.erase",
          "person",
          "",
          {{"removed", erased.removed},
           {"tombstoned", erased.tombstoned},
           {"outbox", erased.outbox},
           {"subscriptions", erased.subscriptions},
           {"anonymise", anonymise}}};
}

Result<PersonErasure> erase_person_now(ServerState& state, const Actor& actor, const std::string& email,
                                       bool anonymise) {
  Result<PersonErasure> erased = PersonErasure{};
  {
    std::lock_guard write(state.cache.write_mutex());
    erased = state.store->erase_person(email, anonymise);
  }
  if (!erased) return erased;
  // Whole threads reload (invalidate takes the write lock itself): an erasure
  // is rare, and the tombstones and gaps are then exactly storage's.
  for (const auto& thread : erased->threads) state.cache.invalidate(thread);
  record_audit(state, actor, person_erase_audit(*erased, anonymise));
  return erased;
}

}  // namespace soundoff::server
