// What an address becomes once it is older than the retention window
// (docs/privacy.md): a keyed hash of its network (the IPv4 /24 or IPv6 /64 of
// network_block.h), "hash:" + 32 hex digits. The same network under the same
// key always gives the same pseudonym, so "same network" checks keep working
// on old rows; without the key nobody can tell which network it was.
#pragma once

#include <array>
#include <optional>
#include <string>
#include <string_view>

namespace soundoff::server {

// A BLAKE2b key (libsodium crypto_generichash), 32 random bytes.
struct NetworkHashKey {
  std::array<unsigned char, 32> bytes{};
};

// 64 hex digits of fresh randomness (randombytes_buf), for a new key.
std::string random_network_key_hex();

// Reads a key written as 64 hex digits; nullopt for anything else.
std::optional<NetworkHashKey> parse_network_key(std::string_view hex);

// The pseudonym of `address`: an address, or a network as the server keys
// them ("203.0.113.0/24", "2001:db8:1:2::/64"). "" when it is neither (a
// pseudonym already, an account key, garbage).
std::string network_pseudonym(std::string_view address, const NetworkHashKey& key);

// True for text network_pseudonym made.
bool is_network_pseudonym(std::string_view text);

}  // namespace soundoff::server
