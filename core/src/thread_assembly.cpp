// Thread assembly. Every pass is a loop over arrays (no recursion), so a
// 1,000,000-deep reply chain costs the same stack as a flat thread.
#include <algorithm>
#include <initializer_list>

#include "comment_selection.h"
#include "soundoff/thread.h"

namespace soundoff {

namespace {
constexpr std::uint32_t kNone = Node::kNone;
constexpr std::int64_t kNoActivity = Node::kNoActivity;

// Builds a message by appending: GCC 12's -Wrestrict misfires on chains of
// std::string operator+ at -O2 (GCC bug 105329).
std::string concat(std::initializer_list<std::string_view> parts) {
  std::string out;
  for (const auto p : parts) out += p;
  return out;
}
}  // namespace

bool created_before(const Comment& a, const Comment& b) {
  if (a.created_ms != b.created_ms) return a.created_ms < b.created_ms;
  return compare_ids(a.id, b.id) < 0;
}

std::uint32_t Thread::root_of(std::uint32_t node) const {
  while (nodes[node].parent != kNone) node = nodes[node].parent;
  return node;
}

namespace {

// Step 1. Index ids (the first comment with an id wins) and mark what is in
// the thread. Duplicates are not in by_id, so they are never found under the
// winner's id.
std::vector<bool> index_comments(Thread& t, const AssembleOptions& options) {
  detail::CommentSelection selection = detail::select_comments(t.comments, options, t.by_id);
  const auto n = static_cast<std::uint32_t>(t.comments.size());
  for (std::uint32_t i = 0; i < n; ++i) {
    t.nodes[i].in_thread = selection.in_thread[i];
    if (!selection.duplicate[i]) continue;
    const auto& c = t.comments[i];
    t.issues.push_back(
        {"duplicate_id", c.id, concat({"comment \"", c.id, "\" appears more than once; the first is kept"})});
  }
  return std::move(selection.duplicate);
}

// Step 2. Each comment's parent node; a parent that cannot be used makes an orphan.
std::vector<std::uint32_t> resolve_parents(Thread& t, const std::vector<bool>& duplicate,
                                           const AssembleOptions& options) {
  const auto n = static_cast<std::uint32_t>(t.comments.size());
  std::vector<std::uint32_t> parent(n, kNone);
  for (std::uint32_t i = 0; i < n; ++i) {
    auto& node = t.nodes[i];
    const auto& c = t.comments[i];
    if (!node.in_thread || duplicate[i] || !c.has_parent()) continue;
    const std::uint32_t p = t.find(c.parent);
    if (p == kNone) {
      node.orphan = true;
      t.issues.push_back({"parent_missing", c.id,
                          concat({"comment \"", c.id, "\" answers \"", c.parent,
                                  "\", which is not in the thread; shown at top level"})});
    } else if (!t.nodes[p].in_thread || detail::thread_of(t.comments[p], options) != detail::thread_of(c, options)) {
      node.orphan = true;
      t.issues.push_back({"parent_in_other_thread", c.id,
                          concat({"comment \"", c.id, "\" answers \"", c.parent,
                                  "\", which belongs to another thread; shown at top level"})});
    } else {
      parent[i] = p;
    }
  }
  return parent;
}

// Step 2b. Records (display) or also applies (nest) the inferred replies
// passed in AssembleOptions::replies, where both ends are linkable (the
// selection resolve_thread_replies resolves over). Inferred parents are
// earlier comments, so they cannot close a cycle among themselves.
void apply_inferred(Thread& t, const AssembleOptions& options, std::vector<std::uint32_t>& parent) {
  const auto n = static_cast<std::uint32_t>(t.comments.size());
  if (options.replies == nullptr || options.replies->size() != n) return;
  // Duplicates are never in_thread (index_comments), so in_thread alone is the selection.
  auto usable = [&](std::uint32_t i) { return t.nodes[i].in_thread && t.comments[i].visible(); };
  for (std::uint32_t i = 0; i < n; ++i) {
    const InferredReply& r = (*options.replies)[i];
    if (r.parent >= n || t.comments[i].has_parent() || !usable(i) || !usable(r.parent)) continue;
    Node& node = t.nodes[i];
    node.inferred_parent = r.parent;
    node.inferred_confidence = r.confidence;
    // An author continuing their own point is not answering anyone: it stays
    // at the top level however sure the resolver is.
    const bool continuation = t.comments[i].author == t.comments[r.parent].author;
    if (options.inferred == InferredReplies::nest && r.confidence >= options.nest_threshold && !continuation) {
      parent[i] = r.parent;
      node.inferred_nested = true;
    }
  }
}

// Step 3. Break cycles. Walk up from each unvisited node; meeting a node of
// the current walk closes a cycle, which is cut at its oldest (created, id)
// member so the result does not depend on input order.
void break_cycles(Thread& t, std::vector<std::uint32_t>& parent) {
  const auto n = static_cast<std::uint32_t>(t.comments.size());
  enum : std::uint8_t { kUnseen, kOnPath, kDone };
  std::vector<std::uint8_t> state(n, kUnseen);
  std::vector<std::uint32_t> path;
  for (std::uint32_t start = 0; start < n; ++start) {
    if (state[start] != kUnseen) continue;
    path.clear();
    std::uint32_t v = start;
    while (v != kNone && state[v] == kUnseen) {
      state[v] = kOnPath;
      path.push_back(v);
      v = parent[v];
    }
    if (v != kNone && state[v] == kOnPath) {
      const auto first = std::find(path.begin(), path.end(), v);
      const auto oldest = *std::min_element(first, path.end(), [&](std::uint32_t a, std::uint32_t b) {
        return created_before(t.comments[a], t.comments[b]);
      });
      parent[oldest] = kNone;
      t.nodes[oldest].cycle_broken = true;
      const auto& c = t.comments[oldest];
      t.issues.push_back({"cycle_broken", c.id,
                          concat({"comment \"", c.id, "\" is part of a reply cycle (",
                                  std::to_string(path.end() - first), " comments); shown at top level"})});
    }
    for (const auto u : path) state[u] = kDone;
  }
}

// Every node's children (shown or not) in CSR form: children of v are
// children[begin[v], begin[v + 1]), in input order.
struct ChildLists {
  std::vector<std::uint32_t> begin;
  std::vector<std::uint32_t> children;
};

ChildLists child_lists(const std::vector<std::uint32_t>& parent) {
  const auto n = static_cast<std::uint32_t>(parent.size());
  std::vector<std::uint32_t> child_count(n, 0);
  for (std::uint32_t i = 0; i < n; ++i)
    if (parent[i] != kNone) ++child_count[parent[i]];
  ChildLists lists;
  lists.begin.assign(n + 1, 0);
  for (std::uint32_t i = 0; i < n; ++i) lists.begin[i + 1] = lists.begin[i] + child_count[i];
  lists.children.resize(lists.begin[n]);
  std::vector<std::uint32_t> fill(lists.begin.begin(), lists.begin.end() - 1);
  for (std::uint32_t i = 0; i < n; ++i)
    if (parent[i] != kNone) lists.children[fill[parent[i]]++] = i;
  return lists;
}

// Step 4. Breadth-first order from the roots gives depths top-down, and its
// reverse visits children before parents for the bottom-up sums.
std::vector<std::uint32_t> breadth_first_order(Thread& t, const std::vector<std::uint32_t>& parent,
                                               const std::vector<bool>& duplicate, const ChildLists& lists) {
  const auto n = static_cast<std::uint32_t>(t.comments.size());
  std::vector<std::uint32_t> order;
  order.reserve(n);
  for (std::uint32_t i = 0; i < n; ++i)
    if (parent[i] == kNone && t.nodes[i].in_thread && !duplicate[i]) order.push_back(i);
  for (std::size_t head = 0; head < order.size(); ++head) {
    const auto v = order[head];
    for (auto k = lists.begin[v]; k < lists.begin[v + 1]; ++k) {
      const auto c = lists.children[k];
      t.nodes[c].depth = t.nodes[v].depth + 1;
      order.push_back(c);
    }
  }
  return order;
}

// Step 5. Bottom-up: visible descendants, latest activity, and what is shown.
void sum_bottom_up(Thread& t, const std::vector<std::uint32_t>& order, const std::vector<std::uint32_t>& parent) {
  for (auto it = order.rbegin(); it != order.rend(); ++it) {
    const auto v = *it;
    auto& node = t.nodes[v];
    const auto& c = t.comments[v];
    if (c.visible()) node.latest_activity_ms = std::max(node.latest_activity_ms, c.created_ms);
    node.shown = c.visible() || node.visible_descendants > 0;
    node.tombstone = node.shown && !c.visible();
    if (c.visible()) ++t.visible_count;
    if (parent[v] != kNone && node.shown) {
      auto& up = t.nodes[parent[v]];
      up.visible_descendants += node.visible_descendants + (c.visible() ? 1 : 0);
      up.shown_descendants += node.shown_descendants + 1;
      up.latest_activity_ms = std::max(up.latest_activity_ms, node.latest_activity_ms);
    }
  }
}

// Step 6. Shown children in CSR form, oldest first; shown roots, oldest first.
void link_shown(Thread& t, const std::vector<std::uint32_t>& parent, const ChildLists& lists, std::size_t reachable) {
  const auto n = static_cast<std::uint32_t>(t.comments.size());
  t.children.reserve(reachable);
  for (std::uint32_t i = 0; i < n; ++i) {
    auto& node = t.nodes[i];
    node.parent = parent[i];
    node.children_begin = static_cast<std::uint32_t>(t.children.size());
    if (node.shown) {
      for (auto k = lists.begin[i]; k < lists.begin[i + 1]; ++k)
        if (t.nodes[lists.children[k]].shown) t.children.push_back(lists.children[k]);
    }
    node.children_end = static_cast<std::uint32_t>(t.children.size());
    auto first = t.children.begin() + node.children_begin;
    std::sort(first, t.children.end(),
              [&](std::uint32_t a, std::uint32_t b) { return created_before(t.comments[a], t.comments[b]); });
    if (parent[i] == kNone && node.shown) t.roots.push_back(i);
  }
  std::sort(t.roots.begin(), t.roots.end(),
            [&](std::uint32_t a, std::uint32_t b) { return created_before(t.comments[a], t.comments[b]); });
}

// Report in id order so the report, too, does not depend on input order.
void sort_issues(Thread& t) {
  std::stable_sort(t.issues.begin(), t.issues.end(), [](const ThreadIssue& a, const ThreadIssue& b) {
    const int c = compare_ids(a.comment_id, b.comment_id);
    return c != 0 ? c < 0 : a.code < b.code;
  });
}

}  // namespace

Thread assemble_thread(std::vector<Comment> comments, const AssembleOptions& options) {
  Thread t;
  t.key = options.filter_thread ? options.thread : options.document_thread;
  t.inferred = options.inferred;
  t.comments = std::move(comments);
  t.nodes.assign(t.comments.size(), Node{});
  for (auto& node : t.nodes) node.latest_activity_ms = kNoActivity;

  const std::vector<bool> duplicate = index_comments(t, options);
  std::vector<std::uint32_t> parent = resolve_parents(t, duplicate, options);
  if (options.inferred != InferredReplies::off) apply_inferred(t, options, parent);
  break_cycles(t, parent);
  const ChildLists lists = child_lists(parent);
  const std::vector<std::uint32_t> order = breadth_first_order(t, parent, duplicate, lists);
  sum_bottom_up(t, order, parent);
  link_shown(t, parent, lists, order.size());
  sort_issues(t);
  return t;
}

}  // namespace soundoff
