// Thread assembly: a flat list of comments -> the reply tree readers see.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "soundoff/comment.h"
#include "soundoff/inferred_reply.h"

namespace soundoff {

// Something assembly had to repair. Codes: parent_missing, parent_in_other_thread
// (both make the comment an orphan), cycle_broken, duplicate_id.
struct ThreadIssue {
  std::string code;
  std::string comment_id;
  std::string message;
};

// One comment's place in the tree. Nodes are aligned with Thread::comments
// (node i describes comment i).
struct Node {
  static constexpr std::uint32_t kNone = 0xFFFFFFFFu;
  static constexpr std::int64_t kNoActivity = INT64_MIN;
  std::uint32_t parent = kNone;                   // node index of the parent; kNone at top level
  std::uint32_t depth = 0;                        // 0 for top level
  std::uint32_t children_begin = 0;               // shown children are Thread::children[begin, end),
  std::uint32_t children_end = 0;                 //   oldest first
  std::uint32_t visible_descendants = 0;          // published comments below this one
  std::uint32_t shown_descendants = 0;            // shown comments below (tombstones included)
  std::int64_t latest_activity_ms = kNoActivity;  // newest visible comment in the subtree
  bool shown = false;                             // visible, or a tombstone holding visible replies
  bool tombstone = false;                         // hidden comment shown only to keep its replies in place
  bool orphan = false;                            // has a parent id that could not be used
  bool cycle_broken = false;                      // was made top level to break a reply cycle
  bool in_thread = false;                         // belongs to the assembled thread (see AssembleOptions::thread)
  // Reply resolution's guess for a comment without a parent (inferred modes
  // only): node index of the comment it answers, or kNone, and how sure.
  std::uint32_t inferred_parent = kNone;
  float inferred_confidence = 0.0f;
  bool inferred_nested = false;  // `parent` is the inferred parent (nest mode)
};

// What assembly does with replies inferred by reply resolution
// (reply_resolution.h) for comments without a parent: nothing; record them
// for display ("in reply to X") while the comment stays where it is; or also
// nest the comment under the inferred parent when the confidence reaches
// AssembleOptions::nest_threshold (docs/reply-resolution.md lists the
// confidence of each rule).
enum class InferredReplies : std::uint8_t { off, display, nest };

struct AssembleOptions {
  InferredReplies inferred = InferredReplies::off;
  float nest_threshold = 0.7f;  // nests addresses answering what was said to the replier
  // With `inferred` on: reply resolution's verdicts, aligned with the input
  // comments (resolve_thread_replies in reply_resolution.h computes them).
  // Passed in rather than computed here, so that code which never infers
  // replies (the wasm engine) does not carry reply resolution. Ignored when
  // null or not the size of the input.
  const std::vector<InferredReply>* replies = nullptr;
  // When set, only comments whose thread (or, when empty, the document's
  // thread) equals this key are assembled; the others only serve to tell
  // "parent in another thread" from "parent missing".
  bool filter_thread = false;
  std::string thread;
  std::string document_thread;  // thread of comments whose own `thread` is empty
};

// An assembled thread. Owns its comments; move-only because `by_id` views
// point into them.
struct Thread {
  Thread() = default;
  Thread(Thread&&) = default;
  Thread& operator=(Thread&&) = default;
  Thread(const Thread&) = delete;
  Thread& operator=(const Thread&) = delete;

  std::string key;
  InferredReplies inferred = InferredReplies::off;  // the mode it was assembled with
  std::vector<Comment> comments;
  std::vector<Node> nodes;
  std::vector<std::uint32_t> children;  // CSR storage for Node::children_*
  std::vector<std::uint32_t> roots;     // shown top-level nodes, oldest first
  std::unordered_map<std::string_view, std::uint32_t> by_id;
  std::size_t visible_count = 0;  // published comments in the thread (the "61 Responses")
  std::vector<ThreadIssue> issues;

  // Node index of a comment id, or Node::kNone.
  std::uint32_t find(std::string_view id) const {
    const auto it = by_id.find(id);
    return it == by_id.end() ? Node::kNone : it->second;
  }
  // The top-level ancestor of a node (itself at top level).
  std::uint32_t root_of(std::uint32_t node) const;
};

// Builds the tree. Never fails: orphans become top level (marked), cycles are
// broken at their oldest member (reported), later duplicates of an id are
// left out (reported), hidden comments with visible replies become
// tombstones and the rest are not shown. Iterative and O(n log n); the result
// does not depend on input order except for which duplicate comes first.
Thread assemble_thread(std::vector<Comment> comments, const AssembleOptions& options = {});

// True when a comes before b in (created, id) order: the replies' default order.
bool created_before(const Comment& a, const Comment& b);

}  // namespace soundoff
