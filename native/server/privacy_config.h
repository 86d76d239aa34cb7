// Privacy by default (docs/privacy.md): the config key "privacy".
#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "soundoff/result.h"

namespace soundoff::server {

struct PrivacyConfig {
  // Raw addresses are kept this long (abuse handling), then replaced by
  // keyed hashes of their networks. 0 hashes them at the next run.
  std::uint32_t ip_retention_days = 7;
  // 64 hex digits; when set it wins over the key kept in the database (and
  // `soundoff privacy rotate-key` does not change it: rotate by editing it).
  std::string network_hash_key;
  // How often the server's retention job runs.
  std::uint32_t purge_interval_s = 3600;
};

// Reads the "privacy" object into `out`; an error names the key and why.
std::optional<Error> read_privacy_config(const nlohmann::json& root, PrivacyConfig& out);

}  // namespace soundoff::server
