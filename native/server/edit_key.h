// Edit keys (own comments, docs/server-api.md): a POST that stores a comment
// answers a random secret; only its hash is stored, so a copy of the database
// lets nobody edit anything. The author shows the key again in the
// X-Soundoff-Edit-Key header to edit or delete within the edit window.
#pragma once

#include <string>
#include <string_view>

namespace soundoff::server {

// 32 random bytes (libsodium randombytes_buf) as 64 lower-case hex digits.
std::string new_edit_key();

// The stored form of `key`: BLAKE2b-256 (crypto_generichash) as 64 hex digits.
std::string edit_key_hash(std::string_view key);

// Whether `key` hashes to `stored_hash`, compared in constant time
// (sodium_memcmp); false when nothing is stored.
bool edit_key_matches(std::string_view key, std::string_view stored_hash);

}  // namespace soundoff::server
