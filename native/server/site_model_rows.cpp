#include "server/site_model_rows.h"

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
  const char* p = text.data();
  const char* end = p + text.size();
  while (p < end) {
    while (p < end && *p == ' ') ++p;
    std::uint32_t v = 0;
    const auto [next, ec] = std::from_chars(p, end, v);
    if (ec == std::errc() && v < SiteModel::kBuckets) out.push_back(v);
    p = next == p ? p + 1 : next;
  }
  return out;
}

}  // namespace soundoff::server
