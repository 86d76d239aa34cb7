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
// names it wants ("*": every event). With `digest_ms` > 0 its rows are due
// only at the next multiple of digest_ms since the epoch, so the sender finds
// them together and a gathering Deliverer sends them as one digest.
struct OutboxRoute {
  std::string destination;
  std::vector<std::string> events;
  std::int64_t digest_ms = 0;
};

// Where one event goes and when that row is first due.
struct OutboxTarget {
  std::string destination;
  std::int64_t due_ms = 0;
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

// The destinations among `routes` that want `event` written at `now_ms`: due
// at once, or at the next digest boundary after now.
std::vector<OutboxTarget> outbox_targets(const std::vector<OutboxRoute>& routes, std::string_view event,
                                         std::int64_t now_ms);

// The first multiple of `every_ms` after `now_ms` (every_ms <= 0: now_ms).
std::int64_t next_digest_ms(std::int64_t now_ms, std::int64_t every_ms);

// The events a change writes: a new comment is published or held; a
// moderator's decision approves, rejects or deletes (nullopt: no event, e.g.
// back to pending).
std::string_view insert_event(Status status);
std::optional<std::string_view> decision_event(Status status);

// The events moderators are alerted to (mail, digest, a console link in Slack).
inline constexpr std::string_view kModeratorAlerts[] = {"comment.held", "comment.reported", "comment.hidden"};
bool is_moderator_alert(std::string_view event);

// Where in the moderator's console an alert about `event` is worked:
// `{public_url}/admin#/queue/reported` for reports, else the held queue.
std::string console_link(const std::string& public_url, std::string_view event);

// Milliseconds since the epoch (the outbox's clock, as the routes').
std::int64_t outbox_clock_ms();

// The wait before attempt `attempts` + 1: base * 2^(attempts-1), at most
// `cap`, with "equal jitter" (half fixed, half random) so retries of many
// rows after an outage do not arrive together.
std::int64_t retry_delay_ms(std::int64_t attempts, std::int64_t base_ms, std::int64_t cap_ms, std::mt19937_64& random);

}  // namespace soundoff::server
