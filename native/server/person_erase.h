// Erasing a person's comments from a running server (docs/privacy.md,
// "Erasing a person"): the one path behind POST /api/admin/erase and the
// reader's own erase link (/notify/erase), so both change, reload and log the
// same things.
#pragma once

#include <string>

#include "server/audit.h"
#include "server/moderator_auth.h"
#include "server/storage.h"
#include "soundoff/result.h"

namespace soundoff::server {

struct ServerState;

// The `person.erase` audit entry of an erasure: the counts only, never the
// email, which would undo it. Also written by `soundoff erase`, which has no server.
AuditEntry person_erase_audit(const PersonErasure& erased, bool anonymise);

// Storage::erase_person(email, anonymise) under the thread cache's write lock,
// then reloads every thread it changed (so no cached page keeps serving the
// erased comments) and audit-logs `person.erase` as done by `actor`, with the
// counts only: never the email, which would undo the erasure. A storage
// failure is returned and nothing is logged.
Result<PersonErasure> erase_person_now(ServerState& state, const Actor& actor, const std::string& email,
                                       bool anonymise);

}  // namespace soundoff::server
