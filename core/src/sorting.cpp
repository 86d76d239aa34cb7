#include "soundoff/sorting.h"

#include <algorithm>
#include <cmath>

namespace soundoff {

namespace {
constexpr std::string_view kSortNames[] = {"oldest", "newest", "top", "best", "controversial", "active"};
}

std::string_view sort_name(SortOrder order) { return kSortNames[static_cast<int>(order)]; }

std::optional<SortOrder> parse_sort(std::string_view name) {
  for (int i = 0; i < 6; ++i)
    if (kSortNames[i] == name) return static_cast<SortOrder>(i);
  return std::nullopt;
}

double wilson_lower_bound(std::int64_t up, std::int64_t down) {
  const double n = static_cast<double>(up) + static_cast<double>(down);
  if (n <= 0) return 0;
  constexpr double z = 1.959963984540054;
  const double p = static_cast<double>(up) / n;
  return (p + z * z / (2 * n) - z * std::sqrt((p * (1 - p) + z * z / (4 * n)) / n)) / (1 + z * z / n);
}

double controversy(std::int64_t up, std::int64_t down) {
  if (up <= 0 || down <= 0) return 0;
  const double magnitude = static_cast<double>(up) + static_cast<double>(down);
  const double balance = static_cast<double>(std::min(up, down)) / static_cast<double>(std::max(up, down));
  return std::pow(magnitude, balance);
}

SortKey sort_key(const Thread& thread, std::uint32_t node, SortOrder order) {
  const Comment& c = thread.comments[node];
  // A hidden comment (a tombstone holding replies) keeps no pin: it has nothing to feature.
  SortKey key{c.visible() ? c.pinned : 0, 0, 0, c.created_ms, c.id};
  switch (order) {
    case SortOrder::oldest:
    case SortOrder::newest:
      break;
    case SortOrder::top:
      key.primary = static_cast<double>(c.score);
      break;
    case SortOrder::best:
      // Without votes the bound is 0 and score decides (the fallback).
      key.primary = wilson_lower_bound(c.up, c.down);
      key.secondary = static_cast<double>(c.score);
      break;
    case SortOrder::controversial:
      key.primary = controversy(c.up, c.down);
      break;
    case SortOrder::active:
      key.primary = static_cast<double>(thread.nodes[node].latest_activity_ms);
      break;
  }
  return key;
}

bool sorts_before(const SortKey& a, const SortKey& b, SortOrder order) {
  if ((a.pinned != 0) != (b.pinned != 0)) return a.pinned != 0;
  if (a.pinned != b.pinned) return a.pinned < b.pinned;
  if (order == SortOrder::newest) {
    if (a.created_ms != b.created_ms) return a.created_ms > b.created_ms;
    return compare_ids(a.id, b.id) > 0;
  }
  if (a.primary != b.primary) return a.primary > b.primary;
  if (a.secondary != b.secondary) return a.secondary > b.secondary;
  if (a.created_ms != b.created_ms) return a.created_ms < b.created_ms;
  return compare_ids(a.id, b.id) < 0;
}

std::vector<std::uint32_t> sorted_roots(const Thread& thread, SortOrder order) {
  const bool any_pinned = std::any_of(thread.roots.begin(), thread.roots.end(), [&](std::uint32_t r) {
    return thread.comments[r].pinned != 0 && thread.comments[r].visible();
  });
  if (order == SortOrder::oldest && !any_pinned) return thread.roots;  // assembly keeps them oldest first
  struct Keyed {
    SortKey key;
    std::uint32_t node;
  };
  std::vector<Keyed> keyed;
  keyed.reserve(thread.roots.size());
  for (const auto r : thread.roots) keyed.push_back({sort_key(thread, r, order), r});
  std::sort(keyed.begin(), keyed.end(),
            [order](const Keyed& a, const Keyed& b) { return sorts_before(a.key, b.key, order); });
  std::vector<std::uint32_t> out;
  out.reserve(keyed.size());
  for (const auto& k : keyed) out.push_back(k.node);
  return out;
}

}  // namespace soundoff
