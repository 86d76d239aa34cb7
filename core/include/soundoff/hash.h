// FNV-1a 64, the one non-cryptographic hash Soundoff uses wherever a value must
// be stable across runs, machines and builds: ETags, migration checksums,
// address-prefix keys, name keys, text fingerprints. Not for anything an
// attacker must not be able to collide (passwords, tokens).
#pragma once

#include <cstdint>
#include <string_view>

namespace soundoff {

// The published FNV-1a 64 parameters (http://www.isthe.com/chongo/tech/comp/fnv/).
inline constexpr std::uint64_t kFnv1a64OffsetBasis = 14695981039346656037ull;
inline constexpr std::uint64_t kFnv1a64Prime = 1099511628211ull;

// FNV-1a 64 of `bytes`. Continuable: fnv1a64(b, fnv1a64(a)) == fnv1a64(a + b),
// so a value made of several parts hashes part by part without building a string.
constexpr std::uint64_t fnv1a64(std::string_view bytes, std::uint64_t state = kFnv1a64OffsetBasis) noexcept {
  for (const char c : bytes) state = (state ^ static_cast<unsigned char>(c)) * kFnv1a64Prime;
  return state;
}

}  // namespace soundoff
