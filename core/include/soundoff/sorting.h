// Top-level sort orders. Replies keep (created, id) order; see thread.h.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

#include "soundoff/thread.h"

namespace soundoff {

enum class SortOrder : std::uint8_t { oldest, newest, top, best, controversial, active };
// How many sort orders there are: SortOrder values are 0 .. kSortOrderCount - 1 (one view per order).
inline constexpr std::size_t kSortOrderCount = static_cast<std::size_t>(SortOrder::active) + 1;

std::string_view sort_name(SortOrder order);
// Parses a stable name ("oldest", ...); std::nullopt for anything else.
std::optional<SortOrder> parse_sort(std::string_view name);

// What a top-level thread is ordered by: pinned comments first (in pin
// order), then `primary`, then `secondary` (higher first; unused by oldest
// and newest), then created and id (oldest first; newest is the exact
// reverse of oldest). A value so cursors can carry it.
struct SortKey {
  std::int64_t pinned = 0;  // the pin order of a shown pinned comment; 0: not pinned
  double primary = 0;
  double secondary = 0;
  std::int64_t created_ms = 0;
  std::string_view id;
};

SortKey sort_key(const Thread& thread, std::uint32_t node, SortOrder order);

// True when a sorts before b under `order`. A strict total order for distinct ids.
bool sorts_before(const SortKey& a, const SortKey& b, SortOrder order);

// The shown top-level nodes in display order.
std::vector<std::uint32_t> sorted_roots(const Thread& thread, SortOrder order);

// Lower bound of the Wilson score interval (95%) for up/(up+down); 0 without votes.
double wilson_lower_bound(std::int64_t up, std::int64_t down);
// Reddit's controversy: (up+down)^(min/max), 0 unless both are positive.
double controversy(std::int64_t up, std::int64_t down);

}  // namespace soundoff
