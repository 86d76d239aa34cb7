// The spam check's context once old addresses are hashed (docs/privacy.md):
// a comment older than the retention window holds the pseudonym of its
// network instead of its address. The writer's own network's pseudonym is
// looked up too, and rows holding it count as sent from the writer's
// address, so the same-network rules (anonymous trust on (name, network),
// flood, duplicates) still see them. They match on the /24 or /64 then, not
// the exact address: that is all a pseudonym keeps.
#pragma once

#include <string>
#include <vector>

#include "server/storage.h"

namespace soundoff::server {

// Adds to `history` (newest first, at most `limit`) the comments whose
// address is `pseudonym`, and rewrites that pseudonym to `client` in
// `history` and `recent`. Nothing to do when `pseudonym` is empty.
Result<bool> include_pseudonymous_history(Storage& store, const std::string& author, const std::string& client,
                                          const std::string& pseudonym, std::size_t limit,
                                          std::vector<AttributedComment>& recent,
                                          std::vector<AttributedComment>& history);

}  // namespace soundoff::server
