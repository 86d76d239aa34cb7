// The bans every public POST is checked against (docs/moderation-api.md,
// "Bans"): an in-memory snapshot of the unexpired bans, read from storage
// at start and reloaded after every change. reload() is safe to call from
// any thread (a cross-instance listener may call it); matching takes a
// shared lock and never touches the database.
#pragma once

#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <shared_mutex>
#include <string>
#include <vector>

#include "server/storage.h"

namespace soundoff::server {

// Who is posting, as the bans see it.
struct BanSubject {
  std::string author;  // empty for votes and reports (no name)
  std::string email;
  std::string address;  // the client address after trusted proxies
};

// The value a ban of `kind` stores for what an operator typed: the name's
// name_key, the lower-case email, the network_block of an address or
// network, the canonical address. nullopt (with `problem` set) when the
// text cannot be one.
std::optional<std::string> normalise_ban_value(BanKind kind, const std::string& text, std::string& problem);

class BanList {
 public:
  // Reads every ban from `store` and swaps in those not expired at `now_ms`.
  Result<bool> reload(Storage& store, std::int64_t now_ms);
  // The first ban (newest first) that applies to `subject` at `now_ms`; a
  // plain ban wins over a shadow ban, so a refused poster is told so.
  std::optional<Ban> match(const BanSubject& subject, std::int64_t now_ms) const;

 private:
  mutable std::shared_mutex mutex_;
  std::shared_ptr<const std::vector<Ban>> active_ = std::make_shared<const std::vector<Ban>>();
};

}  // namespace soundoff::server
