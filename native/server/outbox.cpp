#include "server/outbox.h"

#include <algorithm>
#include <chrono>
#include <iterator>

namespace soundoff::server {

std::vector<OutboxTarget> outbox_targets(const std::vector<OutboxRoute>& routes, std::string_view event,
                                         std::int64_t now_ms) {
  std::vector<OutboxTarget> out;
  for (const auto& route : routes) {
    const bool wanted = std::any_of(route.events.begin(), route.events.end(),
                                    [&](const std::string& e) { return e == "*" || e == event; });
    const bool listed =
        std::any_of(out.begin(), out.end(), [&](const OutboxTarget& t) { return t.destination == route.destination; });
    if (wanted && !listed) out.push_back({route.destination, next_digest_ms(now_ms, route.digest_ms)});
  }
  return out;
}

std::int64_t next_digest_ms(std::int64_t now_ms, std::int64_t every_ms) {
  if (every_ms <= 0) return now_ms;
  return (now_ms / every_ms + 1) * every_ms;
}

std::string_view insert_event(Status status) {
  return status == Status::published ? "comment.published" : "comment.held";
}

std::optional<std::string_view> decision_event(Status status) {
  switch (status) {
    case Status::published:
      return "comment.approved";
    case Status::spam:
      return "comment.rejected";
    case Status::deleted:
      return "comment.deleted";
    default:
      return std::nullopt;
  }
}

bool is_moderator_alert(std::string_view event) {
  return std::find(std::begin(kModeratorAlerts), std::end(kModeratorAlerts), event) != std::end(kModeratorAlerts);
}

std::string console_link(const std::string& public_url, std::string_view event) {
  // A hidden comment is pending again: it waits in the held queue, not among the reported ones.
  return public_url + (event == "comment.reported" ? "/admin#/queue/reported" : "/admin#/queue/held");
}

std::int64_t outbox_clock_ms() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::system_clock::now().time_since_epoch())
      .count();
}

std::int64_t retry_delay_ms(std::int64_t attempts, std::int64_t base_ms, std::int64_t cap_ms, std::mt19937_64& random) {
  const std::int64_t exponent = std::clamp<std::int64_t>(attempts - 1, 0, 40);
  std::int64_t delay = base_ms;
  for (std::int64_t i = 0; i < exponent && delay < cap_ms; ++i) delay *= 2;
  delay = std::clamp<std::int64_t>(delay, 1, std::max<std::int64_t>(cap_ms, 1));
  const std::int64_t half = delay / 2;
  std::uniform_int_distribution<std::int64_t> jitter(0, delay - half);
  return half + jitter(random);
}

}  // namespace soundoff::server
