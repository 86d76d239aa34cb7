// A site's own spam model, learnt from its moderators' decisions (approve =
// legitimate, reject as spam = spam). It complements the shipped TokenFilter:
// the shipped model knows YouTube-style spam, the site model knows what this
// site's moderators call spam. Counts decay so one mistake washes out, and it
// says nothing until it has seen enough of both classes.
#pragma once

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

struct SiteFeatureCounts {
  double spam = 0;
  double ham = 0;
};

class SiteModel {
 public:
  // Features are the TokenFilter's tokens (words, hashed word pairs, hosts)
  // hashed into this many buckets, so the model's size is bounded whatever
  // the site receives and no comment text is stored in it.
  static constexpr std::uint32_t kBuckets = 1u << 18;
  // Every kDecayEvery learnt decisions all counts are multiplied by
  // kDecayFactor: a decision's weight halves after ~660 later decisions.
  static constexpr std::uint64_t kDecayEvery = 100;
  static constexpr double kDecayFactor = 0.9;
  static constexpr std::uint32_t kDefaultMinExamples = 20;
  static constexpr std::size_t kInterestingFeatures = 15;
  static constexpr double kMaxLogOdds = 9.0;  // |log-odds| cap: p in [0.0001, 0.9999]

  // One moderator decision about `body`.
  void learn(std::string_view body, bool spam);
  // Reverses an earlier learn(body, spam) (a moderator changed their mind).
  // Subtracts one full count per feature and class, never below zero: a
  // decision already decayed is un-learnt slightly more than it still weighed.
  void unlearn(std::string_view body, bool spam);

  // The site model counts only with at least this many (decayed) examples of each class.
  void set_min_examples(std::uint32_t n) { min_examples_ = n; }
  std::uint32_t min_examples() const { return min_examples_; }
  bool active() const;

  // Graham/Robinson-style log-odds that `body` is spam, from the
  // kInterestingFeatures features furthest from 0.5, clamped to ±kMaxLogOdds.
  // 0 when not active.
  double log_odds(std::string_view body) const;

  double spam_examples() const { return spam_examples_; }
  double ham_examples() const { return ham_examples_; }
  std::uint64_t decisions() const { return decisions_; }
  std::size_t feature_count() const { return features_.size(); }
  const SiteFeatureCounts* find_bucket(std::uint32_t bucket) const;
  const std::unordered_map<std::uint32_t, SiteFeatureCounts>& features() const { return features_; }

  // {"format": "soundoff-site-model", "version": 1, "decisions": N,
  //  "spam_examples": x, "ham_examples": y, "features": {"bucket": [spam, ham], ...}}
  // buckets sorted; min_examples is configuration and not stored.
  std::string to_json() const;
  // Errors (code invalid_model) name the field.
  static Result<SiteModel> from_json(std::string_view json_text);

  // The bucket of one TokenFilter token.
  static std::uint32_t bucket_of(std::string_view token);
  // The distinct buckets learn(body) adds to, ascending: what a database that
  // keeps the model as rows updates (and remembers, to un-learn exactly that).
  static std::vector<std::uint32_t> feature_buckets(std::string_view body);

  // Restores stored state (a database row set); used by the loaders.
  void set_totals(std::uint64_t decisions, double spam_examples, double ham_examples);
  void set_bucket(std::uint32_t bucket, SiteFeatureCounts counts);

 private:
  friend struct detail::SpamInternals;  // check_spam shares its analysed body
  double log_odds(const detail::TextAnalysis& text) const;
  void add(std::string_view body, bool spam, double amount);
  void decay();

  std::uint64_t decisions_ = 0;
  double spam_examples_ = 0;
  double ham_examples_ = 0;
  std::uint32_t min_examples_ = kDefaultMinExamples;
  std::unordered_map<std::uint32_t, SiteFeatureCounts> features_;
};

}  // namespace soundoff
