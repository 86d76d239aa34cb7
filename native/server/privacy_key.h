// The key network pseudonyms are made with (network_pseudonym.h): the
// config's privacy.network_hash_key when set, else a random key kept in the
// settings table under "network_hash_key", made on first use and replaced by
// `soundoff privacy rotate-key`. Pseudonyms made under an old key stay as
// they are; new ones no longer match them (docs/privacy.md).
#pragma once

#include <mutex>
#include <optional>
#include <string>

#include "server/network_pseudonym.h"
#include "server/privacy_config.h"
#include "server/storage.h"

namespace soundoff::server {

inline constexpr const char* kNetworkKeySetting = "network_hash_key";

// The key in force: the config's, else the stored one (made and stored now
// when there is none). An error when the stored value is damaged.
Result<NetworkHashKey> load_network_key(Storage& store, const PrivacyConfig& config, std::int64_t now_ms);

// Stores a fresh random key (by `by`, e.g. "cli"); returns it.
Result<NetworkHashKey> rotate_network_key(Storage& store, const std::string& by, std::int64_t now_ms);

// The key the request paths use, shared with the retention job that reloads
// it on every run (so a rotation reaches a running server).
class CurrentNetworkKey {
 public:
  void set(const NetworkHashKey& key) {
    std::lock_guard lock(mutex_);
    key_ = key;
  }
  // The pseudonym of `address` under the current key, "" before any key is known.
  std::string pseudonym(const std::string& address) const {
    std::lock_guard lock(mutex_);
    return key_ ? network_pseudonym(address, *key_) : std::string();
  }

 private:
  mutable std::mutex mutex_;
  std::optional<NetworkHashKey> key_;
};

}  // namespace soundoff::server
