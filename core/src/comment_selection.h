// Which comments of a list thread assembly builds the thread from. Assembly
// and reply resolution (resolve_thread_replies) both select through here, so
// a reply is only ever inferred between comments the thread can show.
#pragma once

#include <cstdint>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "soundoff/comment.h"
#include "soundoff/thread.h"

namespace soundoff::detail {

// The thread a comment belongs to: its own, or the document's when it names none.
inline std::string_view thread_of(const Comment& c, const AssembleOptions& options) {
  return c.thread.empty() ? std::string_view(options.document_thread) : std::string_view(c.thread);
}

// Aligned with the comment list.
struct CommentSelection {
  std::vector<bool> duplicate;  // an earlier comment has the same id: left out
  std::vector<bool> in_thread;  // not a duplicate, and in the thread AssembleOptions selects

  // Published and in the thread: may answer, or be answered by, an inferred reply.
  bool linkable(const std::vector<Comment>& comments, std::uint32_t i) const {
    return in_thread[i] && comments[i].visible();
  }
};

// Selects, and fills `by_id` with the index of the first comment of every id
// (its keys view the comments' ids: keep `comments` alive and in place).
CommentSelection select_comments(const std::vector<Comment>& comments, const AssembleOptions& options,
                                 std::unordered_map<std::string_view, std::uint32_t>& by_id);

}  // namespace soundoff::detail
