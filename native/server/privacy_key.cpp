#include "server/privacy_key.h"

#include <nlohmann/json.hpp>

namespace soundoff::server {

namespace {

Result<NetworkHashKey> store_new_key(Storage& store, const std::string& by, std::int64_t now_ms) {
  const std::string hex = random_network_key_hex();
  // Settings hold JSON values: the key is a JSON string.
  if (auto r = store.store_setting({kNetworkKeySetting, nlohmann::json(hex).dump(), now_ms, by}); !r) return r.error();
  return *parse_network_key(hex);
}

}  // namespace

Result<NetworkHashKey> load_network_key(Storage& store, const PrivacyConfig& config, std::int64_t now_ms) {
  if (!config.network_hash_key.empty()) {
    if (auto key = parse_network_key(config.network_hash_key)) return *key;
    return Error{"invalid_config", "config key privacy.network_hash_key must be 64 hex digits"};
  }
  auto stored = store.load_setting(kNetworkKeySetting);
  if (!stored) return stored.error();
  if (!*stored) return store_new_key(store, "server", now_ms);
  const auto value = nlohmann::json::parse((*stored)->value, nullptr, false);
  if (value.is_string())
    if (auto key = parse_network_key(value.get<std::string>())) return *key;
  return Error{"storage_error", std::string("setting ") + kNetworkKeySetting +
                                    " is not a JSON string of 64 hex digits: run soundoff privacy rotate-key"};
}

Result<NetworkHashKey> rotate_network_key(Storage& store, const std::string& by, std::int64_t now_ms) {
  return store_new_key(store, by, now_ms);
}

}  // namespace soundoff::server
