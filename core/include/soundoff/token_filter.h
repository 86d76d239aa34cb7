// An adaptive token filter in the spirit of Paul Graham's "A Plan for Spam":
// it learns which words a site's moderators see in spam and in legitimate
// comments, and rates new comments by the most telling of their words.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "soundoff/result.h"

namespace soundoff {

namespace detail {
struct TextAnalysis;   // core/src/text_normalize.h
struct SpamInternals;  // core/src/spam_internals.h
}  // namespace detail

// How often a token appeared in spam and in legitimate (ham) comments,
// counting each comment once.
struct TokenCounts {
  std::uint32_t spam = 0;
  std::uint32_t ham = 0;
};

// One token that decided a probability, for explanations.
struct TokenEvidence {
  std::string token;
  double probability = 0;  // that a comment holding it is spam
};

class TokenFilter {
 public:
  // Tokens are folded words (2-24 bytes), "host:" + a linked site, and
  // hashed pairs of adjacent words ('~' + 5 hex digits; unseen pairs are
  // skipped rather than rated, since most pairs of a new comment are unseen).
  // Tokens seen fewer times than this (ham counted double) are "unknown".
  static constexpr std::uint32_t kMinOccurrences = 1;
  // Robinson's prior: a token's probability is pulled towards 0.5 as if it
  // had been seen this many more times at 0.5 (1 was best when leaving
  // each YouTube file out; see docs/spam-policy.md).
  static constexpr double kPriorStrength = 1.0;
  static constexpr double kUnknownProbability = 0.4;
  static constexpr std::size_t kInterestingTokens = 15;

  // Learns one moderation decision: `body` is spam (true) or legitimate.
  void train(std::string_view body, bool spam);
  // Reverses an earlier train(body, spam), e.g. when a moderator changes
  // their mind. Counts never go below zero.
  void untrain(std::string_view body, bool spam);

  // Graham's combined probability that `body` is spam, from the
  // kInterestingTokens tokens whose probabilities are furthest from 0.5
  // (each smoothed by kPriorStrength and clamped to [0.01, 0.99]). 0.5 when the filter has not yet seen
  // both spam and ham. `evidence`, when given, receives the deciding tokens,
  // most telling first.
  double spam_probability(std::string_view body, std::vector<TokenEvidence>* evidence = nullptr) const;

  std::uint32_t spam_messages() const { return spam_messages_; }
  std::uint32_t ham_messages() const { return ham_messages_; }
  std::size_t token_count() const { return tokens_.size(); }
  // Counts of one token, or nullptr when never seen.
  const TokenCounts* find(std::string_view token) const;

  // Forgets tokens seen fewer than `min_total` times (spam + ham), and word
  // pairs seen fewer than `min_pair_total` times (0: `min_total`): keeps a
  // shipped model small without changing what it knows well.
  void prune(std::uint32_t min_total, std::uint32_t min_pair_total = 0);

  // The model as JSON: {"format": "soundoff-token-filter", "version": 1,
  // "spam_messages": N, "ham_messages": M, "tokens": {"word": [spam, ham], ...}}
  // with tokens sorted, one per line (diff-friendly).
  std::string to_json() const;
  // Parses to_json()'s output. Errors (code invalid_model) name the field.
  static Result<TokenFilter> from_json(std::string_view json_text);

 private:
  friend struct detail::SpamInternals;  // check_spam's access to the overload below
  // The same for an already analysed body, which check_spam shares between its checks.
  double spam_probability(const detail::TextAnalysis& text, std::vector<TokenEvidence>* evidence) const;

  struct Hash {
    using is_transparent = void;
    std::size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
  };
  void add(std::string_view body, bool spam, int direction);

  std::uint32_t spam_messages_ = 0;
  std::uint32_t ham_messages_ = 0;
  std::unordered_map<std::string, TokenCounts, Hash, std::equal_to<>> tokens_;
};

// The model shipped with Soundoff, trained on the YouTube Spam Collection
// (files 01-03) by scripts/build-spam-model. Parsed once, on first use.
const TokenFilter& default_token_filter();

}  // namespace soundoff
