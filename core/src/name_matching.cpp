// Name keys and the name index used by reply resolution.
#include "name_matching.h"

#include <algorithm>
#include <array>

#include "soundoff/reply_resolution.h"

namespace soundoff::detail {

namespace {

// Decodes one UTF-8 code point at s[i]; returns its length. An invalid byte
// decodes as U+FFFD of length 1 (and is then dropped as a symbol).
std::size_t decode(std::string_view s, std::size_t i, char32_t& cp) {
  const auto b = static_cast<unsigned char>(s[i]);
  const std::size_t len = (b >> 5) == 0x6 ? 2 : (b >> 4) == 0xE ? 3 : (b >> 3) == 0x1E ? 4 : 0;
  cp = 0xFFFD;
  if (len == 0 || i + len > s.size()) return 1;
  char32_t v = len == 2 ? (b & 0x1Fu) : len == 3 ? (b & 0x0Fu) : (b & 0x07u);
  for (std::size_t k = 1; k < len; ++k) {
    const auto c = static_cast<unsigned char>(s[i + k]);
    if ((c >> 6) != 0x2) return 1;
    v = (v << 6) | (c & 0x3Fu);
  }
  cp = v;
  return len;
}

// Symbols people decorate names with (©, ®, ™, stars, emoji, zero-width
// joiners, variation selectors) and non-ASCII punctuation.
bool is_decoration(char32_t cp) {
  return cp < 0xC0 || cp == 0xD7 || cp == 0xF7 || (cp >= 0x2000 && cp <= 0x2BFF) || (cp >= 0x3000 && cp <= 0x303F) ||
         (cp >= 0xFE00 && cp <= 0xFE0F) || cp == 0xFEFF || (cp >= 0xFF00 && cp <= 0xFF0F) || cp >= 0x1F000 ||
         cp == 0xFFFD;
}

std::uint64_t slot_of(std::uint64_t h) {
  // The murmur3 finaliser spreads FNV's weak low bits over the table.
  h ^= h >> 33;
  h *= 0xff51afd7ed558ccdull;
  h ^= h >> 33;
  return h;
}

}  // namespace

void append_name_key(std::string& key, std::string_view text) {
  // Fast path: plain ASCII words, written in place.
  const std::size_t start = key.size();
  key.resize(start + text.size());
  char* out = key.data() + start;
  std::size_t i = 0;
  for (; i < text.size(); ++i) {
    const char c = text[i];
    if (c >= 'a' && c <= 'z') {
      *out++ = c;
    } else if (c >= 'A' && c <= 'Z') {
      *out++ = static_cast<char>(c - 'A' + 'a');
    } else if (c >= '0' && c <= '9') {
      *out++ = c;
    } else if (static_cast<unsigned char>(c) >= 0x80) {
      break;
    }
  }
  key.resize(static_cast<std::size_t>(out - key.data()));
  while (i < text.size()) {
    const char c = text[i];
    if (static_cast<unsigned char>(c) < 0x80) {
      if (c >= 'A' && c <= 'Z') {
        key.push_back(static_cast<char>(c - 'A' + 'a'));
      } else if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
        key.push_back(c);
      }
      ++i;
      continue;
    }
    char32_t cp = 0;
    const std::size_t len = decode(text, i, cp);
    if (!is_decoration(cp)) key.append(text.substr(i, len));
    i += len;
  }
}

bool is_common_word(std::string_view key) {
  static constexpr std::array<std::string_view, 118> kWords = {
      "a",      "about", "after", "again",   "all",   "also",  "am",    "an",   "and",   "any",   "anyone", "are",
      "as",     "at",    "be",    "because", "been",  "but",   "by",    "can",  "could", "did",   "do",     "does",
      "done",   "for",   "from",  "get",     "go",    "good",  "got",   "had",  "has",   "have",  "he",     "hello",
      "help",   "her",   "here",  "hey",     "hi",    "him",   "his",   "how",  "i",     "if",    "in",     "is",
      "it",     "its",   "just",  "know",    "like",  "linux", "lol",   "man",  "me",    "mine",  "more",   "my",
      "no",     "nope",  "not",   "now",     "of",    "ok",    "okay",  "on",   "one",   "or",    "our",    "out",
      "please", "right", "see",   "she",     "so",    "some",  "sorry", "sure", "than",  "thank", "thanks", "that",
      "the",    "their", "them",  "then",    "there", "these", "they",  "this", "thx",   "to",    "too",    "try",
      "ubuntu", "up",    "us",    "use",     "was",   "we",    "well",  "what", "when",  "where", "which",  "who",
      "why",    "will",  "with",  "would",   "yeah",  "yes",   "yet",   "you",  "your",  "root",
  };
  return std::find(kWords.begin(), kWords.end(), key) != kWords.end();
}

void HashTable::put(std::uint64_t hash, std::uint32_t id) {
  if (hash == 0) hash = 1;  // 0 marks an empty slot
  filter_[(hash >> 6) & 1023] |= 1ull << (hash & 63);
  if ((used_ + 1) * 2 > slots_.size()) {
    std::vector<Slot> old = std::move(slots_);
    slots_.assign(std::max<std::size_t>(64, old.size() * 2), Slot{});
    used_ = 0;
    for (const auto& s : old)
      if (s.hash != 0) put(s.hash, s.id);
  }
  const std::size_t mask = slots_.size() - 1;
  for (std::size_t i = slot_of(hash) & mask;; i = (i + 1) & mask) {
    if (slots_[i].hash == hash) {
      slots_[i].id = id;
      return;
    }
    if (slots_[i].hash == 0) {
      slots_[i] = Slot{hash, id};
      ++used_;
      return;
    }
  }
}

std::uint32_t HashTable::get(std::uint64_t hash) const {
  if (hash == 0) hash = 1;
  if ((filter_[(hash >> 6) & 1023] & (1ull << (hash & 63))) == 0) return kNoName;
  const std::size_t mask = slots_.size() - 1;
  for (std::size_t i = slot_of(hash) & mask;; i = (i + 1) & mask) {
    if (slots_[i].hash == hash) return slots_[i].id;
    if (slots_[i].hash == 0) return kNoName;
  }
}

void NameIndex::add(std::string_view key, std::uint32_t id) {
  if (keys_.size() <= id) keys_.resize(id + 1);
  keys_[id] = std::string(key);
  exact_.put(hash_bytes(key), id);
  if (key.size() > kMaxFuzzyKey) return;
  std::uint64_t h = kHashSeed;
  for (std::size_t n = 0; n + 1 < key.size(); ++n) {
    h = hash_bytes(key.substr(n, 1), h);
    if (n + 1 >= 3) prefix_.put(h, id);
  }
  if (key.size() >= 5) {
    for (std::size_t k = 0; k < key.size(); ++k)
      deletion_.put(hash_bytes(key.substr(k + 1), hash_bytes(key.substr(0, k))), id);
  }
}

std::uint32_t NameIndex::exact(std::string_view key, std::uint64_t hash) const {
  const auto id = exact_.get(hash);
  return id != kNoName && keys_[id] == key ? id : kNoName;
}

std::uint32_t NameIndex::fuzzy(std::string_view key) const {
  const std::uint64_t h = hash_bytes(key);
  if (const auto id = exact(key, h); id != kNoName) return id;
  if (key.size() < 3 || key.size() > kMaxFuzzyKey) return kNoName;
  if (const auto id = prefix_.get(h); id != kNoName) return id;
  if (key.size() < 5) return kNoName;
  if (const auto id = deletion_.get(h); id != kNoName) return id;  // the key misses a byte
  for (std::size_t k = 0; k < key.size(); ++k) {
    const auto d = hash_bytes(key.substr(k + 1), hash_bytes(key.substr(0, k)));
    if (const auto id = exact_.get(d); id != kNoName) return id;     // the key has an extra byte
    if (const auto id = deletion_.get(d); id != kNoName) return id;  // the key has a byte changed
  }
  return kNoName;
}

}  // namespace soundoff::detail

namespace soundoff {
namespace detail {
std::string name_key(std::string_view name) {
  std::string key;
  append_name_key(key, name);
  return key;
}
}  // namespace detail
}  // namespace soundoff
