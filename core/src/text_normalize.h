// Text normalisation for spam checks: one pass that turns a raw comment body
// (HTML entities and tags as users and importers leave them) into folded words,
// links and a few shape counts. Internal to core.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "soundoff/hash.h"

namespace soundoff::detail {

// One word of TextAnalysis::folded. `glued` is true when only punctuation or
// an inline tag (no whitespace) separates it from the previous word, so that
// "vi.agra" or "vi<b>ag</b>ra" can be read as one word.
struct Word {
  std::uint32_t begin = 0;
  std::uint32_t length = 0;
  bool glued = false;
};

// A link found in the body: an <a href>, an http(s)/www URL or a bare domain
// with an unambiguous top-level domain ("example.com"), also when disguised
// ("site,com", "site . com", "site dot com", "hxxp://", a backslash for the slash, "SITE.COMl",
// a domain glued to a run of symbols or emoji).
struct Link {
  std::string host;              // lowercase, without "www." and port
  bool referral = false;         // carries a referral/affiliate code (?ref=, /refer/, affiliate, ...)
  std::string_view obfuscation;  // how it was disguised (static text); empty for a plain link
};

// The text of an <a href> element, folded, for keyword-anchor checks.
struct Anchor {
  std::string text;
};

struct TextAnalysis {
  // Entities decoded, tags removed (block tags become spaces), invisible
  // characters dropped, case folded, accents, compatibility forms and
  // homoglyphs mapped to ASCII, URLs blanked out (they are in `links`).
  std::string folded;
  std::vector<Word> words;
  std::vector<Link> links;
  std::vector<Anchor> anchors;    // <a href="...">text</a>, in order
  std::size_t visible_chars = 0;  // code points of the text readers see
  std::size_t letters = 0;        // ASCII letters before folding
  std::size_t upper_letters = 0;  // of which uppercase
  std::size_t longest_run = 0;    // longest run of one repeated non-space character

  std::string_view word(std::size_t i) const {
    return std::string_view(folded).substr(words[i].begin, words[i].length);
  }
};

// Fills `out` (its buffers are reused, so one TextAnalysis per thread makes
// repeated calls allocation-free). Invalid UTF-8 bytes are skipped.
void analyze_text(std::string_view raw, TextAnalysis& out);

// The matching key for word lists: leetspeak digits and symbols mapped to the
// letters they stand for (0→o, 1/l/!/|→i, 3→e, 4/@→a, 5/$→s, 7→t, 8→b, 9→g).
// `word` must already be folded.
void leet_skeleton(std::string_view word, std::string& out);

// `word` with runs of one repeated character collapsed to one ("viiiagra" → "viagra").
void collapse_runs(std::string_view word, std::string& out);

inline char ascii_lower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }
bool equals_ignoring_ascii_case(std::string_view a, std::string_view b);

// fnv1a64 (soundoff/hash.h): stable across platforms (used in fingerprints and models).
std::uint64_t hash64(std::string_view text, std::uint64_t seed = kFnv1a64OffsetBasis);

}  // namespace soundoff::detail
