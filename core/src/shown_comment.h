// What a page shows of one comment, for both page writers (page_json.cpp and
// page_binary.cpp), so the JSON page and the binary page cannot disagree.
// A tombstone keeps its place and nothing else: no author, body, votes, pin,
// edit time or badge, and its status reads "deleted". A tombstone parent keeps
// its id (replies still point at it) but not its author.
#pragma once

#include <cstdint>
#include <string_view>

#include "soundoff/comment.h"
#include "soundoff/thread.h"

namespace soundoff::detail {

struct ShownComment {
  bool has_content;  // false: a tombstone (author and body are null)
  std::string_view status;
  std::int64_t score;
  std::int64_t up;
  std::int64_t down;
  // Keys written only when set, so pages of threads nobody moderated keep their bytes.
  bool pinned;
  std::int64_t edited_ms;  // 0: no `edited` key
  std::string_view badge;  // empty: no `badge` key
};

inline ShownComment shown_comment(const Comment& c, const Node& node) {
  if (node.tombstone) return {false, "deleted", 0, 0, 0, false, 0, {}};
  return {true, status_name(c.status), c.score, c.up, c.down, c.pinned != 0, c.edited_ms, c.badge};
}

// `parent`: empty, written as null, at top level (and for a parent without an id).
inline std::string_view parent_id(const Thread& t, const Node& node) {
  return node.parent == Node::kNone ? std::string_view() : std::string_view(t.comments[node.parent].id);
}

// `reply_to.author` (only for a reply with a parent): null when the parent is a tombstone.
inline bool shows_parent_author(const Thread& t, const Node& node) { return !t.nodes[node.parent].tombstone; }

}  // namespace soundoff::detail
