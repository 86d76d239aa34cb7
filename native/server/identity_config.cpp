#include "server/identity_config.h"

namespace soundoff::server {

namespace {

using nlohmann::json;

constexpr std::size_t kMinSecretBytes = 32;  // HMAC-SHA256 keys shorter than the hash can be guessed

Error bad(const std::string& key, const std::string& why) {
  return Error{"invalid_config", "config key identity." + key + " " + why};
}

std::optional<Error> read_text(const json& j, const char* key, std::string& out) {
  const auto it = j.find(key);
  if (it == j.end()) return std::nullopt;
  if (!it->is_string()) return bad(key, "must be a string");
  out = it->get<std::string>();
  return std::nullopt;
}

}  // namespace

std::optional<Error> read_identity_config(const json& root, IdentityConfig& out) {
  const auto found = root.find("identity");
  if (found == root.end()) return std::nullopt;
  const json& j = *found;
  if (!j.is_object()) return Error{"invalid_config", "config key identity must be an object (docs/sso.md)"};
  static constexpr const char* kKeys[] = {"mode",   "algorithm", "secret",      "public_key_file", "audience",
                                          "issuer", "leeway_s",  "staff_roles", "demo_login"};
  for (const auto& item : j.items()) {
    bool known = false;
    for (const char* k : kKeys) known = known || item.key() == k;
    if (!known) return bad(item.key(), "is unknown");
  }
  for (const char* key : {"mode", "algorithm", "secret", "public_key_file", "audience", "issuer"}) {
    std::string* field = std::string_view(key) == "mode"        ? &out.mode
                         : std::string_view(key) == "algorithm" ? &out.algorithm
                         : std::string_view(key) == "secret"    ? &out.secret
                         : std::string_view(key) == "audience"  ? &out.audience
                         : std::string_view(key) == "issuer"    ? &out.issuer
                                                                : &out.public_key_file;
    if (auto e = read_text(j, key, *field)) return e;
  }
  if (const auto it = j.find("leeway_s"); it != j.end()) {
    if (!it->is_number_integer() || it->get<std::int64_t>() < 0 || it->get<std::int64_t>() > 3600)
      return bad("leeway_s", "must be a whole number of seconds from 0 to 3600");
    out.leeway_s = it->get<std::int64_t>();
  }
  if (const auto it = j.find("staff_roles"); it != j.end()) {
    if (!it->is_array()) return bad("staff_roles", "must be an array of role names");
    out.staff_roles.clear();
    for (const auto& r : *it) {
      if (!r.is_string()) return bad("staff_roles", "must hold only strings");
      out.staff_roles.push_back(r.get<std::string>());
    }
  }
  if (const auto it = j.find("demo_login"); it != j.end()) {
    if (!it->is_boolean()) return bad("demo_login", "must be true or false");
    out.demo_login = it->get<bool>();
  }
  if (out.mode != "anonymous" && out.mode != "optional" && out.mode != "required")
    return bad("mode", "must be \"anonymous\", \"optional\" or \"required\"");
  if (out.mode == "anonymous") return std::nullopt;
  if (out.algorithm == "HS256") {
    if (out.secret.size() < kMinSecretBytes)
      return bad("secret", "must be at least " + std::to_string(kMinSecretBytes) +
                               " bytes for HS256 (e.g. openssl rand -hex 32)");
    if (!out.public_key_file.empty()) return bad("public_key_file", "is for RS256/ES256, not HS256");
  } else if (out.algorithm == "RS256" || out.algorithm == "ES256") {
    if (out.public_key_file.empty()) return bad("public_key_file", "is required for " + out.algorithm);
    if (!out.secret.empty()) return bad("secret", "is for HS256, not " + out.algorithm);
  } else {
    return bad("algorithm", "must be \"HS256\", \"RS256\" or \"ES256\" when mode is " + out.mode);
  }
  if (out.demo_login && out.algorithm != "HS256") return bad("demo_login", "needs algorithm HS256");
  return std::nullopt;
}

}  // namespace soundoff::server
