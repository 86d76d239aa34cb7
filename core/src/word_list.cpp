// Moderation and banned word lists: whole-word matching that sees through
// the usual disguises (see WordList in soundoff/spam.h).
#include <algorithm>

#include "soundoff/spam.h"
#include "text_normalize.h"

namespace soundoff {

namespace {

constexpr std::size_t kMaxGluedPieces = 5;  // "v.i.a.g.r.a" is also caught as single letters
constexpr std::size_t kMaxJoinedBytes = 40;
constexpr std::size_t kMinSpelledOutLetters = 3;  // "v i a g r a"
constexpr std::size_t kMaxSpelledOutLetters = 32;

// "viiiagra": a letter repeated three times or more, so collapsing runs is
// worth trying. (Only then, or "ass" would match every "as".)
bool has_long_run(std::string_view s) {
  for (std::size_t i = 2; i < s.size(); ++i)
    if (s[i] == s[i - 1] && s[i] == s[i - 2]) return true;
  return false;
}

}  // namespace

WordList::WordList(std::vector<std::string> entries) : entries_(std::move(entries)) {
  detail::TextAnalysis text;
  std::string skeleton, collapsed;
  for (std::size_t e = 0; e < entries_.size(); ++e) {
    detail::analyze_text(entries_[e], text);
    if (text.words.empty()) continue;
    std::vector<std::string> words;
    for (std::size_t i = 0; i < text.words.size(); ++i) {
      detail::leet_skeleton(text.word(i), skeleton);
      words.push_back(skeleton);
    }
    if (words.size() == 1) {
      skeletons_.emplace(words[0], e);
      detail::collapse_runs(words[0], collapsed);
      collapsed_.emplace(collapsed, e);
    } else {
      phrases_.emplace_back(std::move(words), e);
    }
  }
}

std::string_view WordList::lookup(const std::string& skeleton, bool long_run) const {
  if (const auto it = skeletons_.find(skeleton); it != skeletons_.end()) return entries_[it->second];
  if (long_run) {
    thread_local std::string collapsed;
    detail::collapse_runs(skeleton, collapsed);
    if (const auto it = collapsed_.find(collapsed); it != collapsed_.end()) return entries_[it->second];
  }
  return {};
}

std::string_view WordList::find(std::string_view body) const {
  if (entries_.empty()) return {};
  thread_local detail::TextAnalysis text;
  detail::analyze_text(body, text);
  return find(text);
}

std::string_view WordList::find(const detail::TextAnalysis& text) const {
  if (entries_.empty()) return {};
  thread_local std::vector<std::string> skeletons;
  thread_local std::string joined;
  const std::size_t n = text.words.size();
  if (skeletons.size() < n) skeletons.resize(n);
  for (std::size_t i = 0; i < n; ++i) detail::leet_skeleton(text.word(i), skeletons[i]);
  auto length = [&](std::size_t i) { return text.words[i].length; };

  if (!skeletons_.empty()) {
    for (std::size_t i = 0; i < n; ++i) {
      if (auto hit = lookup(skeletons[i], has_long_run(skeletons[i])); !hit.empty()) return hit;
      // Pieces split by punctuation or markup without spaces: "vi.agra", "vi<b>ag</b>ra".
      joined = skeletons[i];
      for (std::size_t j = i + 1; j < n && j < i + kMaxGluedPieces && text.words[j].glued; ++j) {
        joined += skeletons[j];
        if (joined.size() > kMaxJoinedBytes) break;
        if (auto hit = lookup(joined, has_long_run(joined)); !hit.empty()) return hit;
      }
    }
    // Words spelled out letter by letter: "v i a g r a", "v-i-a-g-r-a".
    for (std::size_t i = 0; i < n;) {
      if (length(i) != 1) {
        ++i;
        continue;
      }
      std::size_t end = i;
      while (end < n && length(end) == 1 && end - i < kMaxSpelledOutLetters) ++end;
      for (std::size_t s = i; s + kMinSpelledOutLetters <= end; ++s) {
        joined.clear();
        for (std::size_t e = s; e < end; ++e) {
          joined += skeletons[e];
          if (e + 1 - s < kMinSpelledOutLetters) continue;
          if (auto hit = lookup(joined, has_long_run(joined)); !hit.empty()) return hit;
        }
      }
      i = end;
    }
  }
  for (const auto& [phrase, entry] : phrases_) {
    for (std::size_t i = 0; i + phrase.size() <= n; ++i) {
      std::size_t k = 0;
      while (k < phrase.size() && skeletons[i + k] == phrase[k]) ++k;
      if (k == phrase.size()) return entries_[entry];
    }
  }
  return {};
}

}  // namespace soundoff
