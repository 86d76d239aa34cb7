// Sign-in with the embedding site's account (docs/sso.md): the config key
// "identity" and what the server needs to check the site's tokens.
#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "soundoff/result.h"

namespace soundoff::server {

struct IdentityConfig {
  // "anonymous" (tokens ignored), "optional" (signed-in and anonymous readers), "required" (signed-in only).
  std::string mode = "anonymous";
  std::string algorithm;                 // HS256, RS256 or ES256: the only one accepted (no alg confusion)
  std::string secret;                    // HS256's shared secret
  std::string public_key_file;           // RS256/ES256: a PEM public key
  std::string audience;                  // when set, `aud` must name it
  std::string issuer;                    // when set, `iss` must equal it
  std::int64_t leeway_s = 60;            // clock skew allowed on exp and nbf
  std::vector<std::string> staff_roles;  // a token with one of these roles gets the "staff" badge
  // A demo page's secret for minting tokens (demo config only; docs/sso.md).
  bool demo_login = false;
};

// Reads the "identity" object into `out`; an error names the key and why.
std::optional<Error> read_identity_config(const nlohmann::json& j, IdentityConfig& out);

}  // namespace soundoff::server
