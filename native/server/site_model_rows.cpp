#include "server/site_model_rows.h"

#include <algorithm>
#include <charconv>

namespace soundoff::server {

std::optional<std::string> learned_class(Status status) {
  if (status == Status::spam) return "spam";
  if (status == Status::published) return "ham";
  return std::nullopt;
}

std::optional<LearnPlan> plan_learning(const std::string& learned_as, const std::string& learned_buckets,
                                       const std::string& body, Status status) {
  const auto target = learned_class(status);
  if (!target || *target == learned_as) return std::nullopt;
  LearnPlan plan;
  // A reversal takes back exactly what the first judgement added, even if a
  // moderator edited the body since.
  if (!learned_as.empty()) plan.steps.push_back({parse_buckets(learned_buckets), learned_as == "spam", -1.0});
  auto buckets = SiteModel::feature_buckets(body);
  plan.learned_buckets = buckets_text(buckets);
  plan.steps.push_back({std::move(buckets), *target == "spam", 1.0});
  plan.new_decision = learned_as.empty();
  plan.learned_as = *target;
  return plan;
}

std::string buckets_text(const std::vector<std::uint32_t>& buckets) {
  std::string out;
  for (const auto b : buckets) {
    if (!out.empty()) out += ' ';
    out += std::to_string(b);
  }
  return out;
}

std::vector<std::uint32_t> parse_buckets(const std::string& text) {
  std::vector<std::uint32_t> out;
  std::size_t at = 0;
  while (at < text.size()) {
    const std::size_t end = std::min(text.find(' ', at), text.size());
    std::uint32_t v = 0;
    // A whole word of digits below kBuckets, or nothing.
    const auto [stop, ec] = std::from_chars(text.data() + at, text.data() + end, v);
    if (end > at && ec == std::errc() && stop == text.data() + end && v < SiteModel::kBuckets) out.push_back(v);
    at = end + 1;
  }
  return out;
}

}  // namespace soundoff::server
