#include "server/privacy_config.h"

#include "server/network_pseudonym.h"

namespace soundoff::server {

namespace {

using nlohmann::json;

Error bad(const std::string& key, const std::string& why) {
  return Error{"invalid_config", "config key privacy." + key + " " + why};
}

std::optional<Error> read_count(const json& j, const char* key, std::uint32_t& out, std::uint32_t low,
                                std::uint32_t high) {
  const auto it = j.find(key);
  if (it == j.end()) return std::nullopt;
  if (!it->is_number_integer() || it->get<std::int64_t>() < low || it->get<std::int64_t>() > high)
    return bad(key, "must be a whole number from " + std::to_string(low) + " to " + std::to_string(high));
  out = it->get<std::uint32_t>();
  return std::nullopt;
}

}  // namespace

std::optional<Error> read_privacy_config(const json& root, PrivacyConfig& out) {
  const auto found = root.find("privacy");
  if (found == root.end()) return std::nullopt;
  const json& j = *found;
  if (!j.is_object()) return Error{"invalid_config", "config key privacy must be an object (docs/privacy.md)"};
  for (const auto& item : j.items()) {
    const std::string& k = item.key();
    if (k != "ip_retention_days" && k != "network_hash_key" && k != "purge_interval_s") return bad(k, "is unknown");
  }
  if (auto e = read_count(j, "ip_retention_days", out.ip_retention_days, 0, 36500)) return e;
  if (auto e = read_count(j, "purge_interval_s", out.purge_interval_s, 1, 7 * 86400)) return e;
  if (const auto it = j.find("network_hash_key"); it != j.end()) {
    if (!it->is_string() || !parse_network_key(it->get<std::string>()))
      return bad("network_hash_key", "must be 64 hex digits (e.g. openssl rand -hex 32)");
    out.network_hash_key = it->get<std::string>();
  }
  return std::nullopt;
}

}  // namespace soundoff::server
