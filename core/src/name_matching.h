// Names as reply resolution compares them: a normalised key per name, and an
// index that finds an author from a key exactly, by nick prefix or one typo
// away. Internal to core (reply_resolution.cpp).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "soundoff/hash.h"

namespace soundoff::detail {

constexpr std::uint32_t kNoName = 0xFFFFFFFFu;
constexpr std::uint64_t kHashSeed = kFnv1a64OffsetBasis;

// fnv1a64 (soundoff/hash.h) under the name the name index uses. Continuable, so
// a multi-word name's key hashes word by word without building a string.
constexpr std::uint64_t hash_bytes(std::string_view s, std::uint64_t h = kHashSeed) { return fnv1a64(s, h); }

// The key names are compared by: lowercase ASCII letters and digits and
// non-ASCII letters, without spaces, punctuation or symbols (so `banasy©`,
// `Banasy` and `banasy_` share the key "banasy", `Rascal Rabble` is
// "rascalrabble").
std::string name_key(std::string_view name);

// Appends the key of `text` (see name_key).
void append_name_key(std::string& key, std::string_view text);

// True for ordinary words ("ok", "the", "help") that are also someone's nick.
bool is_common_word(std::string_view key);

// Open-addressing map from a 64-bit key hash to an id. Distinct keys of one
// thread colliding in 64 bits is vanishingly unlikely, and exact matches are
// verified against the key anyway (NameIndex::exact).
class HashTable {
 public:
  void put(std::uint64_t hash, std::uint32_t id);  // insert or replace
  std::uint32_t get(std::uint64_t hash) const;     // kNoName when absent

 private:
  struct Slot {
    std::uint64_t hash = 0;
    std::uint32_t id = kNoName;
  };
  std::vector<Slot> slots_;
  std::size_t used_ = 0;
  // One bit per hash bucket (8 KB): most words are not names, and this
  // rejects them without touching the slots.
  std::vector<std::uint64_t> filter_ = std::vector<std::uint64_t>(1024, 0);
};

class NameIndex {
 public:
  // Prefixes and typo variants are indexed (and looked for) only for keys up
  // to this long: nicks are short, and it keeps hostile 1 KB names from
  // costing a million hashes each.
  static constexpr std::size_t kMaxFuzzyKey = 32;

  // Registers `key` as name `id`. Later names win shared prefixes and typo
  // variants: they are the people still talking.
  void add(std::string_view key, std::uint32_t id);
  // The id whose key is exactly `key` (`hash` == hash_bytes(key)).
  std::uint32_t exact(std::string_view key, std::uint64_t hash) const;
  // Exact, else `key` (>= 3 bytes) as the start of a longer name, else (>= 5
  // bytes) one byte missing, extra or changed.
  std::uint32_t fuzzy(std::string_view key) const;

 private:
  std::vector<std::string> keys_;  // by id, to verify exact matches
  HashTable exact_, prefix_, deletion_;
};

}  // namespace soundoff::detail
