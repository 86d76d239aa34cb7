#include "server/thread_signature.h"

#include <sodium.h>

#include <array>

namespace soundoff::server {

namespace {

using Mac = std::array<unsigned char, crypto_auth_hmacsha256_BYTES>;

Mac mac_of(const std::string& key, const std::string& secret) {
  static const bool ready = sodium_init() >= 0;  // idempotent; HMAC itself needs no randomness
  (void)ready;
  crypto_auth_hmacsha256_state state;
  // The _init form takes a secret of any length (the one-shot API wants exactly 32 bytes).
  crypto_auth_hmacsha256_init(&state, reinterpret_cast<const unsigned char*>(secret.data()), secret.size());
  crypto_auth_hmacsha256_update(&state, reinterpret_cast<const unsigned char*>(key.data()), key.size());
  Mac out{};
  crypto_auth_hmacsha256_final(&state, out.data());
  sodium_memzero(&state, sizeof state);
  return out;
}

}  // namespace

std::string thread_signature(const std::string& key, const std::string& secret) {
  const Mac mac = mac_of(key, secret);
  std::string hex(mac.size() * 2 + 1, '\0');
  sodium_bin2hex(hex.data(), hex.size(), mac.data(), mac.size());
  hex.pop_back();  // the terminating NUL
  return hex;
}

bool valid_thread_signature(const std::string& key, const std::string& secret, const std::string& given) {
  if (secret.empty() || given.size() != crypto_auth_hmacsha256_BYTES * 2) return false;
  Mac decoded{};
  std::size_t length = 0;
  if (sodium_hex2bin(decoded.data(), decoded.size(), given.data(), given.size(), nullptr, &length, nullptr) != 0 ||
      length != decoded.size())
    return false;
  const Mac expected = mac_of(key, secret);
  return sodium_memcmp(decoded.data(), expected.data(), expected.size()) == 0;
}

}  // namespace soundoff::server
