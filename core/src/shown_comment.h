// What a page shows of one comment, for both page writers (page_json.cpp and
// page_binary.cpp), so the JSON page and the binary page cannot disagree.
// A tombstone keeps its place and nothing else: no author, body, votes, pin,
// edit time or badge, and its status reads "deleted".
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

}  // namespace soundoff::detail
