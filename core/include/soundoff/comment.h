// The comment model: one record of a thread, as every capability sees it.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace soundoff {

// Moderation state. Only `published` comments are visible to readers; the
// others are kept so that replies to them keep their place (tombstones).
enum class Status : std::uint8_t { published, pending, spam, deleted };

// Stable lowercase name ("published", ...).
std::string_view status_name(Status status);
// Parses a stable name; std::nullopt for anything else (case-sensitive).
std::optional<Status> parse_status(std::string_view name);

// One comment. Ids are kept as text: integer ids from JSON are converted to
// their decimal form, so `5` and `"5"` name the same comment.
struct Comment {
  std::string id;
  std::string parent;  // empty: top level
  std::string thread;  // empty: the document's thread
  std::string author;
  std::string body;
  std::string external_id;      // id in the system it was imported from, if any
  std::int64_t created_ms = 0;  // Unix time in milliseconds, UTC
  Status status = Status::published;
  std::int64_t score = 0;
  std::int64_t up = 0;
  std::int64_t down = 0;
  std::int64_t reports = 0;
  // Pinned by a moderator: 0 when not, else its pin order (1 first). Pinned
  // top-level comments come first in every sort order (sorting.h).
  std::int64_t pinned = 0;
  std::int64_t edited_ms = 0;  // when a moderator last edited the body (Unix ms, UTC); 0: never
  // The author's account badge: "" anonymous, "verified" signed in with the
  // site's account, "staff" signed in with a staff role (docs/sso.md). Set by
  // the server from the verified token only (is_account_badge()).
  std::string badge;

  bool has_parent() const { return !parent.empty(); }
  bool visible() const { return status == Status::published; }
};

// True for the badges a comment may carry: "", "verified" and "staff".
bool is_account_badge(std::string_view badge);

// Total order on ids used for every tie-break: ids made only of digits compare
// as numbers (so "9" < "10"), everything else compares bytewise.
int compare_ids(std::string_view a, std::string_view b);

}  // namespace soundoff
