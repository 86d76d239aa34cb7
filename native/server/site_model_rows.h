// What both backends share to keep the site model (soundoff/site_model.h) as
// rows (schema v12): `site_model` holds the totals, `site_model_features` a
// spam and a ham count per bucket, and each comment remembers how it was
// learnt (learned_as "spam"/"ham", the buckets it added to, the decision
// number). A judgement becomes a LearnPlan; the backend runs its steps with
// the same arithmetic as SiteModel::learn/unlearn, so the rows equal the model
// SiteModel would hold after the same decisions (docs/spam.md).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "soundoff/comment.h"
#include "soundoff/site_model.h"

namespace soundoff::server {

// Counts this small are rounding left by un-learning (SiteModel's kEmpty).
inline constexpr double kSiteModelEmpty = 1e-9;
// Decay drops buckets whose spam + ham fell below this (as SiteModel::decay).
inline constexpr double kSiteModelDropBelow = 0.01;

// Adds `amount` (+1 learn, -1 un-learn, never below 0) to the spam or ham
// count of each bucket and to that class's example total.
struct LearnStep {
  std::vector<std::uint32_t> buckets;
  bool spam = false;
  double amount = 1;
};

struct LearnPlan {
  std::vector<LearnStep> steps;  // un-learn the earlier judgement (if any), then learn this one
  bool new_decision = false;     // first judgement of this comment: counts a decision (and may decay)
  std::string learned_as;        // "spam" or "ham": the comment's marker afterwards
  std::string learned_buckets;   // the buckets learnt, as text (buckets_text)
};

// "spam" for Status::spam, "ham" for Status::published, nullopt for the rest.
std::optional<std::string> learned_class(Status status);

// The plan for judging a comment whose marker is `learned_as` (""
// none)/`learned_buckets` and whose body is `body` as `status`; nullopt when
// there is nothing to learn (a status that teaches nothing, or the comment
// was already learnt as that class).
std::optional<LearnPlan> plan_learning(const std::string& learned_as, const std::string& learned_buckets,
                                       const std::string& body, Status status);

// Bucket numbers as space-separated decimals, and back (bad entries skipped).
std::string buckets_text(const std::vector<std::uint32_t>& buckets);
std::vector<std::uint32_t> parse_buckets(const std::string& text);

}  // namespace soundoff::server
