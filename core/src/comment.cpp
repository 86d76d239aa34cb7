#include "soundoff/comment.h"

#include <algorithm>

namespace soundoff {

namespace {
constexpr std::string_view kStatusNames[] = {"published", "pending", "spam", "deleted"};

bool all_digits(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}
}  // namespace

std::string_view status_name(Status status) { return kStatusNames[static_cast<int>(status)]; }

std::optional<Status> parse_status(std::string_view name) {
  for (int i = 0; i < 4; ++i)
    if (kStatusNames[i] == name) return static_cast<Status>(i);
  return std::nullopt;
}

bool is_account_badge(std::string_view badge) { return badge.empty() || badge == "verified" || badge == "staff"; }

int compare_ids(std::string_view a, std::string_view b) {
  const bool da = all_digits(a), db = all_digits(b);
  // All numeric ids sort before all other ids: mixing numeric and bytewise
  // comparison in one class would not be a strict weak order.
  if (da != db) return da ? -1 : 1;
  if (da) {
    const auto strip = [](std::string_view s) {
      const auto nz = s.find_first_not_of('0');
      return nz == std::string_view::npos ? std::string_view("0") : s.substr(nz);
    };
    const auto sa = strip(a), sb = strip(b);
    if (sa.size() != sb.size()) return sa.size() < sb.size() ? -1 : 1;
    if (const int c = sa.compare(sb); c != 0) return c < 0 ? -1 : 1;
    // "007" and "7" are different ids: fall through to bytewise order.
  }
  const int c = a.compare(b);
  return c < 0 ? -1 : (c > 0 ? 1 : 0);
}

}  // namespace soundoff
