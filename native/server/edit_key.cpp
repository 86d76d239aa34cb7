#include "server/edit_key.h"

#include <sodium.h>

#include <array>
#include <stdexcept>

namespace soundoff::server {

namespace {

constexpr std::size_t kKeyBytes = 32;  // 256 bits: guessing is hopeless even without the rate limit
constexpr std::size_t kHashBytes = crypto_generichash_BYTES;

void ensure_sodium() {
  static const int ready = sodium_init();
  if (ready < 0) throw std::runtime_error("libsodium failed to initialise");
}

std::string to_hex(const unsigned char* bytes, std::size_t n) {
  std::string hex(n * 2 + 1, '\0');
  sodium_bin2hex(hex.data(), hex.size(), bytes, n);
  hex.pop_back();
  return hex;
}

}  // namespace

std::string new_edit_key() {
  ensure_sodium();
  std::array<unsigned char, kKeyBytes> key{};
  randombytes_buf(key.data(), key.size());
  return to_hex(key.data(), key.size());
}

std::string edit_key_hash(std::string_view key) {
  ensure_sodium();
  std::array<unsigned char, kHashBytes> hash{};
  crypto_generichash(hash.data(), hash.size(), reinterpret_cast<const unsigned char*>(key.data()), key.size(), nullptr,
                     0);
  return to_hex(hash.data(), hash.size());
}

bool edit_key_matches(std::string_view key, std::string_view stored_hash) {
  if (stored_hash.size() != kHashBytes * 2) return false;  // none stored (imports, older comments)
  const std::string presented = edit_key_hash(key);
  return sodium_memcmp(presented.data(), stored_hash.data(), presented.size()) == 0;
}

}  // namespace soundoff::server
