#include "server/network_pseudonym.h"

#include <sodium.h>

#include <stdexcept>

#include "server/network_block.h"

namespace soundoff::server {

namespace {

constexpr std::string_view kPrefix = "hash:";
constexpr std::size_t kDigestBytes = 16;  // 128 bits: no two networks collide in practice

void ensure_sodium_ready() {
  static const int ready = sodium_init();
  if (ready < 0) throw std::runtime_error("libsodium failed to initialise");
}

std::string to_hex(const unsigned char* data, std::size_t size) {
  std::string out(size * 2 + 1, '\0');
  sodium_bin2hex(out.data(), out.size(), data, size);
  out.pop_back();
  return out;
}

}  // namespace

std::string random_network_key_hex() {
  ensure_sodium_ready();
  NetworkHashKey key;
  randombytes_buf(key.bytes.data(), key.bytes.size());
  return to_hex(key.bytes.data(), key.bytes.size());
}

std::optional<NetworkHashKey> parse_network_key(std::string_view hex) {
  NetworkHashKey key;
  std::size_t len = 0;
  if (hex.size() != 2 * key.bytes.size() ||
      sodium_hex2bin(key.bytes.data(), key.bytes.size(), hex.data(), hex.size(), nullptr, &len, nullptr) != 0 ||
      len != key.bytes.size())
    return std::nullopt;
  return key;
}

std::string network_pseudonym(std::string_view address, const NetworkHashKey& key) {
  if (is_network_pseudonym(address)) return {};
  // An address or a network key, reduced to the block the pseudonym stands for.
  const auto block = parse_network_block(address);
  if (!block) return {};
  ensure_sodium_ready();
  unsigned char digest[kDigestBytes];
  crypto_generichash(digest, sizeof digest, reinterpret_cast<const unsigned char*>(block->data()), block->size(),
                     key.bytes.data(), key.bytes.size());
  return std::string(kPrefix) + to_hex(digest, sizeof digest);
}

bool is_network_pseudonym(std::string_view text) { return text.starts_with(kPrefix); }

}  // namespace soundoff::server
