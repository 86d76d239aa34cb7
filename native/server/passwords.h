// The secrets of console accounts, all through libsodium (never hand-written
// crypto): argon2id password hashes (crypto_pwhash_str), random session ids
// and CSRF tokens, the hash a session id is stored as, and constant-time
// comparison.
#pragma once

#include <string>
#include <string_view>

#include "soundoff/result.h"

namespace soundoff::server {

// Hashes `password` with argon2id at libsodium's "interactive" cost (64 MiB,
// about 0.1 s). At most two hashes run at once, so a burst of logins cannot
// take all of the server's memory.
Result<std::string> hash_password(std::string_view password);

// Whether `password` matches `hash` (a crypto_pwhash_str string).
bool verify_password(const std::string& hash, std::string_view password);

// Spends what verify_password spends, against a hash of no account: an
// unknown name then answers in about the time a wrong password does.
void verify_against_dummy(std::string_view password);

// `bytes` random bytes as lower-case hex (session ids, CSRF tokens).
std::string random_hex(std::size_t bytes);

// A random password of 20 characters from an unambiguous alphabet (about 100
// bits), for `soundoff user add --generate-password`.
std::string generate_password();

// The hash a session id is stored as: hex SHA-256. The id is 256 random bits,
// so a fast hash is enough; a database copy then holds no usable cookie.
std::string session_id_hash(std::string_view session_id);

// Compares in time that depends only on the lengths (sodium_memcmp).
bool same_secret(std::string_view given, std::string_view expected);

}  // namespace soundoff::server
