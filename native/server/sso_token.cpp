#include "server/sso_token.h"

#include <openssl/crypto.h>
#include <openssl/ecdsa.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/pem.h>

#include <cstdio>
#include <nlohmann/json.hpp>
#include <optional>

#include "soundoff/utf8.h"

namespace soundoff::server {

namespace {

using nlohmann::json;

constexpr std::size_t kMaxTokenBytes = 8192;  // a header line; anything longer is not a sign-in token
constexpr std::size_t kMaxNameBytes = 100;

Error bad_token(const std::string& why) { return Error{"invalid_sso_token", "the sign-in token " + why}; }

// base64url (no padding) to bytes through OpenSSL's decoder; nullopt when malformed.
std::optional<std::string> base64url_decode(std::string_view in) {
  std::string b64;
  b64.reserve(in.size() + 3);
  for (const char c : in) {
    if (c == '-') {
      b64.push_back('+');
    } else if (c == '_') {
      b64.push_back('/');
    } else if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
      b64.push_back(c);
    } else {
      return std::nullopt;  // '=', '+', '/', whitespace: not base64url as JWS writes it
    }
  }
  if (b64.size() % 4 == 1) return std::nullopt;
  const std::size_t pad = (4 - b64.size() % 4) % 4;
  b64.append(pad, '=');
  std::string out(b64.size() / 4 * 3, '\0');
  const int n = EVP_DecodeBlock(reinterpret_cast<unsigned char*>(out.data()),
                                reinterpret_cast<const unsigned char*>(b64.data()), static_cast<int>(b64.size()));
  if (n < 0) return std::nullopt;
  out.resize(static_cast<std::size_t>(n) - pad);  // EVP_DecodeBlock counts the padding as zero bytes
  return out;
}

std::optional<json> json_part(std::string_view part) {
  const auto bytes = base64url_decode(part);
  if (!bytes) return std::nullopt;
  json j = json::parse(*bytes, nullptr, false);
  if (j.is_discarded() || !j.is_object()) return std::nullopt;
  return j;
}

// A NumericDate claim: absent is nullopt, a non-number is an error.
Result<std::optional<std::int64_t>> numeric_date(const json& claims, const char* key) {
  const auto it = claims.find(key);
  if (it == claims.end()) return std::optional<std::int64_t>{};
  if (!it->is_number()) return bad_token(std::string("claim ") + key + " must be a number (seconds since 1970)");
  return std::optional<std::int64_t>{static_cast<std::int64_t>(it->get<double>())};
}

bool plain_text(std::string_view s) {
  if (!is_valid_utf8(s)) return false;
  for (const char c : s)
    if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f) return false;
  return true;
}

bool http_url(std::string_view s) {
  if (!plain_text(s) || s.size() > 2000) return false;
  for (const char c : s)
    if (c == ' ' || c == '"' || c == '<' || c == '>' || c == '\\') return false;
  const auto lower_prefix = [&](std::string_view p) {
    if (s.size() <= p.size()) return false;
    for (std::size_t i = 0; i < p.size(); ++i)
      if (std::tolower(static_cast<unsigned char>(s[i])) != p[i]) return false;
    return true;
  };
  return lower_prefix("https://") || lower_prefix("http://");
}

std::string hmac_sha256(std::string_view key, std::string_view data) {
  unsigned char out[EVP_MAX_MD_SIZE];
  unsigned int len = 0;
  if (HMAC(EVP_sha256(), key.data(), static_cast<int>(key.size()), reinterpret_cast<const unsigned char*>(data.data()),
           data.size(), out, &len) == nullptr)
    return {};
  return std::string(reinterpret_cast<char*>(out), len);
}

// JWS ES256 signatures are r || s (32 bytes each); OpenSSL verifies DER.
std::optional<std::string> es256_to_der(const std::string& raw) {
  if (raw.size() != 64) return std::nullopt;
  ECDSA_SIG* sig = ECDSA_SIG_new();
  if (sig == nullptr) return std::nullopt;
  BIGNUM* r = BN_bin2bn(reinterpret_cast<const unsigned char*>(raw.data()), 32, nullptr);
  BIGNUM* s = BN_bin2bn(reinterpret_cast<const unsigned char*>(raw.data()) + 32, 32, nullptr);
  if (r == nullptr || s == nullptr || ECDSA_SIG_set0(sig, r, s) != 1) {
    BN_free(r);
    BN_free(s);
    ECDSA_SIG_free(sig);
    return std::nullopt;
  }
  unsigned char* der = nullptr;
  const int len = i2d_ECDSA_SIG(sig, &der);
  ECDSA_SIG_free(sig);
  if (len <= 0) return std::nullopt;
  std::string out(reinterpret_cast<char*>(der), static_cast<std::size_t>(len));
  OPENSSL_free(der);
  return out;
}

}  // namespace

std::string base64url_encode(std::string_view bytes) {
  std::string out(4 * ((bytes.size() + 2) / 3) + 1, '\0');
  const int n = EVP_EncodeBlock(reinterpret_cast<unsigned char*>(out.data()),
                                reinterpret_cast<const unsigned char*>(bytes.data()), static_cast<int>(bytes.size()));
  out.resize(static_cast<std::size_t>(n));
  while (!out.empty() && out.back() == '=') out.pop_back();
  for (char& c : out) c = c == '+' ? '-' : c == '/' ? '_' : c;
  return out;
}

std::string mint_hs256_token(const std::string& secret, const std::string& claims_json) {
  const std::string signed_part =
      base64url_encode(R"({"alg":"HS256","typ":"JWT"})") + "." + base64url_encode(claims_json);
  const std::string mac = hmac_sha256(secret, signed_part);
  if (mac.empty()) return {};
  return signed_part + "." + base64url_encode(mac);
}

Result<std::shared_ptr<const SsoVerifier>> SsoVerifier::create(const IdentityConfig& identity) {
  std::shared_ptr<SsoVerifier> v(new SsoVerifier(identity));
  if (identity.algorithm == "HS256") return std::shared_ptr<const SsoVerifier>(v);
  std::FILE* f = std::fopen(identity.public_key_file.c_str(), "rb");
  if (f == nullptr)
    return Error{"invalid_config", "identity.public_key_file " + identity.public_key_file + " cannot be opened"};
  EVP_PKEY* key = PEM_read_PUBKEY(f, nullptr, nullptr, nullptr);
  std::fclose(f);
  if (key == nullptr)
    return Error{"invalid_config", "identity.public_key_file " + identity.public_key_file + " holds no PEM public key"};
  v->key_ = key;
  const int type = EVP_PKEY_get_base_id(key);
  if (identity.algorithm == "RS256" && type != EVP_PKEY_RSA)
    return Error{"invalid_config", "identity.public_key_file holds no RSA key, which RS256 needs"};
  if (identity.algorithm == "ES256" && (type != EVP_PKEY_EC || EVP_PKEY_get_bits(key) != 256))
    return Error{"invalid_config", "identity.public_key_file holds no P-256 EC key, which ES256 needs"};
  return std::shared_ptr<const SsoVerifier>(v);
}

SsoVerifier::~SsoVerifier() { EVP_PKEY_free(static_cast<EVP_PKEY*>(key_)); }

bool SsoVerifier::signature_ok(std::string_view signed_part, const std::string& signature) const {
  if (config_.algorithm == "HS256") {
    const std::string mac = hmac_sha256(config_.secret, signed_part);
    return !mac.empty() && mac.size() == signature.size() &&
           CRYPTO_memcmp(mac.data(), signature.data(), mac.size()) == 0;
  }
  std::string der = signature;
  if (config_.algorithm == "ES256") {
    auto converted = es256_to_der(signature);
    if (!converted) return false;
    der = std::move(*converted);
  }
  EVP_MD_CTX* ctx = EVP_MD_CTX_new();
  if (ctx == nullptr) return false;
  const bool ok = EVP_DigestVerifyInit(ctx, nullptr, EVP_sha256(), nullptr, static_cast<EVP_PKEY*>(key_)) == 1 &&
                  EVP_DigestVerify(ctx, reinterpret_cast<const unsigned char*>(der.data()), der.size(),
                                   reinterpret_cast<const unsigned char*>(signed_part.data()), signed_part.size()) == 1;
  EVP_MD_CTX_free(ctx);
  return ok;
}

Result<SsoAccount> SsoVerifier::verify(std::string_view token, std::int64_t now_s) const {
  if (token.empty() || token.size() > kMaxTokenBytes) return bad_token("is empty or longer than 8192 bytes");
  const auto dot1 = token.find('.');
  const auto dot2 = dot1 == std::string_view::npos ? dot1 : token.find('.', dot1 + 1);
  if (dot2 == std::string_view::npos || token.find('.', dot2 + 1) != std::string_view::npos)
    return bad_token("is not three base64url parts joined by dots (a JWS compact JWT)");
  const auto header = json_part(token.substr(0, dot1));
  if (!header) return bad_token("header is not base64url JSON");
  const auto alg = header->find("alg");
  if (alg == header->end() || !alg->is_string()) return bad_token("header has no alg");
  // The configured algorithm only: "none", or HS256 signed with an RSA public key as its secret, never pass.
  if (alg->get<std::string>() != config_.algorithm)
    return bad_token("is signed with " + alg->get<std::string>().substr(0, 20) + "; this site accepts only " +
                     config_.algorithm);
  if (header->contains("crit")) return bad_token("header has crit extensions, which are not supported");
  const auto signature = base64url_decode(token.substr(dot2 + 1));
  if (!signature || signature->empty()) return bad_token("signature is missing or not base64url");
  if (!signature_ok(token.substr(0, dot2), *signature)) return bad_token("signature does not verify");
  // Only a token the site signed gets this far: its claims are read now, not before.
  const auto claims = json_part(token.substr(dot1 + 1, dot2 - dot1 - 1));
  if (!claims) return bad_token("claims are not base64url JSON");

  const auto exp = numeric_date(*claims, "exp");
  if (!exp) return exp.error();
  if (!*exp) return bad_token("has no exp claim (tokens must expire)");
  if (now_s > **exp + config_.leeway_s) return bad_token("has expired (exp)");
  const auto nbf = numeric_date(*claims, "nbf");
  if (!nbf) return nbf.error();
  if (*nbf && now_s + config_.leeway_s < **nbf) return bad_token("is not valid yet (nbf)");
  const auto iat = numeric_date(*claims, "iat");
  if (!iat) return iat.error();
  if (*iat && now_s + config_.leeway_s < **iat) return bad_token("was issued in the future (iat)");
  if (!config_.issuer.empty()) {
    const auto iss = claims->find("iss");
    if (iss == claims->end() || !iss->is_string() || iss->get<std::string>() != config_.issuer)
      return bad_token("was not issued by " + config_.issuer + " (iss)");
  }
  if (!config_.audience.empty()) {
    const auto aud = claims->find("aud");
    bool ours = false;
    if (aud != claims->end() && aud->is_string()) ours = aud->get<std::string>() == config_.audience;
    if (aud != claims->end() && aud->is_array())
      for (const auto& a : *aud) ours = ours || (a.is_string() && a.get<std::string>() == config_.audience);
    if (!ours) return bad_token("is not meant for " + config_.audience + " (aud)");
  }

  SsoAccount account;
  const auto text = [&](const char* key, std::string& out, bool required) -> std::optional<Error> {
    const auto it = claims->find(key);
    if (it == claims->end() || it->is_null()) {
      if (required) return bad_token(std::string("has no ") + key + " claim");
      return std::nullopt;
    }
    if (!it->is_string()) return bad_token(std::string("claim ") + key + " must be a string");
    out = it->get<std::string>();
    return std::nullopt;
  };
  if (auto e = text("sub", account.sub, true)) return *e;
  if (auto e = text("name", account.name, true)) return *e;
  if (auto e = text("email", account.email, false)) return *e;
  if (auto e = text("avatar", account.avatar, false)) return *e;
  if (account.sub.empty() || account.sub.size() > 255 || !plain_text(account.sub))
    return bad_token("claim sub must be 1-255 bytes of text");
  const auto first = account.name.find_first_not_of(' ');
  account.name = first == std::string::npos ? "" : account.name.substr(first);
  while (!account.name.empty() && account.name.back() == ' ') account.name.pop_back();
  if (account.name.empty() || account.name.size() > kMaxNameBytes || !plain_text(account.name))
    return bad_token("claim name must be 1-100 bytes of text without control characters");
  if (!account.email.empty() && (account.email.size() > 254 || !plain_text(account.email))) account.email.clear();
  if (!account.avatar.empty() && !http_url(account.avatar)) account.avatar.clear();  // only http(s) images
  if (const auto roles = claims->find("roles"); roles != claims->end()) {
    if (!roles->is_array()) return bad_token("claim roles must be an array of strings");
    for (const auto& r : *roles) {
      if (!r.is_string()) return bad_token("claim roles must be an array of strings");
      account.roles.push_back(r.get<std::string>());
    }
  }
  for (const auto& r : account.roles)
    for (const auto& staff : config_.staff_roles) account.staff = account.staff || r == staff;
  return account;
}

}  // namespace soundoff::server
