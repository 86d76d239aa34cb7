// Checking the embedding site's sign-in tokens (JWS compact JWTs, docs/sso.md).
// Signatures are verified by OpenSSL only; the header and claims are read
// with nlohmann's non-throwing parser.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "server/identity_config.h"
#include "soundoff/result.h"

namespace soundoff::server {

// The reader a valid token names.
struct SsoAccount {
  std::string sub;     // the site's account id: votes, reports and limits key on it
  std::string name;    // shown as the author; reserved against anonymous use
  std::string email;   // "" when absent
  std::string avatar;  // an http(s) URL, or "" (anything else is dropped)
  std::vector<std::string> roles;
  bool staff = false;  // one of the configured staff_roles
};

class SsoVerifier {
 public:
  // Loads the configured key (the PEM file for RS256/ES256). Errors name the
  // file or key (invalid_config). `identity.mode` must not be "anonymous".
  static Result<std::shared_ptr<const SsoVerifier>> create(const IdentityConfig& identity);
  ~SsoVerifier();
  SsoVerifier(const SsoVerifier&) = delete;
  SsoVerifier& operator=(const SsoVerifier&) = delete;

  // The account `token` names, if its signature is good under the configured
  // algorithm and its exp/nbf/aud/iss hold at `now_s` (Unix seconds). Errors
  // have code invalid_sso_token and say which check failed.
  Result<SsoAccount> verify(std::string_view token, std::int64_t now_s) const;

  const IdentityConfig& config() const { return config_; }

 private:
  explicit SsoVerifier(IdentityConfig config) : config_(std::move(config)) {}
  bool signature_ok(std::string_view signed_part, const std::string& signature) const;

  IdentityConfig config_;
  void* key_ = nullptr;  // EVP_PKEY* for RS256/ES256 (kept out of this header)
};

// An HS256 token over `claims` (JSON object text), for the demo page's
// "log in as a reader" switch and for tests. "" if OpenSSL fails.
std::string mint_hs256_token(const std::string& secret, const std::string& claims_json);

// base64url without padding, as JWS uses it.
std::string base64url_encode(std::string_view bytes);

}  // namespace soundoff::server
