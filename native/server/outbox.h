// The notification outbox (docs/notifications.md): events written by the
// storage in the same transaction as the change that causes them, one row
// per destination that wants the event, then drained by OutboxSender. What
// both backends and the sender share lives here.
#pragma once

#include <cstdint>
#include <optional>
#include <random>
#include <string>
#include <string_view>
#include <vector>

#include "soundoff/comment.h"

namespace soundoff::server {

// A destination (a webhook URL, or "email" for moderator mail) and the event
// names it wants ("*": every event).
struct OutboxRoute {
  std::string destination;
  std::vector<std::string> events;
};

// One outbox row: an event for one destination. `payload` is the comment as
// it was when the event happened (JSON object text; no email or IP).
struct OutboxEntry {
  std::int64_t id = 0;
  std::string event;
  std::string destination;
  std::string thread;
  std::string comment_id;
  std::string payload;
  std::int64_t created_ms = 0;
  std::int64_t attempts = 0;  // claims so far, this one included
  std::int64_t next_attempt_ms = 0;
  bool dead = false;
  std::string last_error;
};

enum class OutboxState { pending, dead };
enum class RequeueOutcome { missing, requeued, delivered };

// The destinations among `routes` that want `event`.
std::vector<std::string> outbox_destinations(const std::vector<OutboxRoute>& routes, std::string_view event);

// The events a change writes: a new comment is published or held; a
// moderator's decision approves, rejects or deletes (nullopt: no event, e.g.
// back to pending).
std::string_view insert_event(Status status);
std::optional<std::string_view> decision_event(Status status);

// Milliseconds since the epoch (the outbox's clock, as the routes').
std::int64_t outbox_clock_ms();

// The wait before attempt `attempts` + 1: base * 2^(attempts-1), at most
// `cap`, with "equal jitter" (half fixed, half random) so retries of many
// rows after an outage do not arrive together.
std::int64_t retry_delay_ms(std::int64_t attempts, std::int64_t base_ms, std::int64_t cap_ms, std::mt19937_64& random);

}  // namespace soundoff::server
