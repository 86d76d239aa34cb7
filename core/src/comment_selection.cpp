#include "comment_selection.h"

namespace soundoff::detail {

CommentSelection select_comments(const std::vector<Comment>& comments, const AssembleOptions& options,
                                 std::unordered_map<std::string_view, std::uint32_t>& by_id) {
  const auto n = static_cast<std::uint32_t>(comments.size());
  CommentSelection selection{std::vector<bool>(n, false), std::vector<bool>(n, false)};
  by_id.reserve(n);
  for (std::uint32_t i = 0; i < n; ++i) {
    const Comment& c = comments[i];
    if (!by_id.emplace(c.id, i).second) {
      selection.duplicate[i] = true;
      continue;
    }
    selection.in_thread[i] = !options.filter_thread || thread_of(c, options) == options.thread;
  }
  return selection;
}

}  // namespace soundoff::detail
