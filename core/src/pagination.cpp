// Pagination. Pages count top-level threads and never split one. Inside a
// thread, a comment at depth max_depth-1 shows its whole subtree flattened in
// pre-order one level down (WordPress's behaviour), each flattened reply
// keeping a pointer to its real parent. Numbers follow pre-order over the
// real tree, so they are the same however the page is cut.
#include "soundoff/pagination.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstring>

namespace soundoff {

namespace {

constexpr std::uint32_t kNone = Node::kNone;
constexpr std::uint32_t kMaxPerPage = 1000;

std::uint64_t self_visible(const Thread& t, std::uint32_t n) { return t.comments[n].visible() ? 1 : 0; }
std::uint64_t subtree_visible(const Thread& t, std::uint32_t n) {
  return self_visible(t, n) + t.nodes[n].visible_descendants;
}
std::uint32_t child_count(const Thread& t, std::uint32_t n) {
  return t.nodes[n].children_end - t.nodes[n].children_begin;
}
std::uint32_t child_at(const Thread& t, std::uint32_t n, std::uint32_t i, bool newest_first) {
  const auto& node = t.nodes[n];
  return t.children[newest_first ? node.children_end - 1 - i : node.children_begin + i];
}

// ---- cursors: base64url over a small line-based payload -------------------

constexpr char kBase64[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

std::string base64url_encode(std::string_view in) {
  std::string out;
  out.reserve((in.size() + 2) / 3 * 4);
  std::uint32_t acc = 0;
  int bits = 0;
  for (const unsigned char c : in) {
    acc = (acc << 8) | c;
    bits += 8;
    while (bits >= 6) {
      bits -= 6;
      out.push_back(kBase64[(acc >> bits) & 0x3F]);
    }
  }
  if (bits > 0) out.push_back(kBase64[(acc << (6 - bits)) & 0x3F]);
  return out;
}

bool base64url_decode(std::string_view in, std::string& out) {
  std::uint32_t acc = 0;
  int bits = 0;
  for (const char c : in) {
    const char* p = std::find(kBase64, kBase64 + 64, c);
    if (p == kBase64 + 64) return false;
    acc = (acc << 6) | static_cast<std::uint32_t>(p - kBase64);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out.push_back(static_cast<char>((acc >> bits) & 0xFF));
    }
  }
  return true;
}

// std::bit_cast is missing from emscripten 3.1.6's libc++.
std::uint64_t bits_of(double v) {
  std::uint64_t bits;
  std::memcpy(&bits, &v, sizeof bits);
  return bits;
}

// A sort key's double as the hex digits of its bit pattern: exact, and
// without printf/strtod (about 8 KB of the wasm engine).
std::string hex_double(double v) {
  char buffer[16];
  const auto end = std::to_chars(buffer, buffer + sizeof buffer, bits_of(v), 16).ptr;
  return std::string(buffer, end);
}

// Splits off the text up to the next '\n'; false when there is none.
bool take_line(std::string_view& rest, std::string_view& line) {
  const auto nl = rest.find('\n');
  if (nl == std::string_view::npos) return false;
  line = rest.substr(0, nl);
  rest.remove_prefix(nl + 1);
  return true;
}

// The whole of `s` as a number, or false.
template <typename Number>
bool parse_whole(std::string_view s, Number& out, int base) {
  const auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), out, base);
  return !s.empty() && ec == std::errc() && end == s.data() + s.size();
}

bool parse_double(std::string_view s, double& out) {
  std::uint64_t bits = 0;
  if (!parse_whole(s, bits, 16)) return false;
  std::memcpy(&out, &bits, sizeof out);
  return !std::isnan(out);
}

bool parse_int64(std::string_view s, std::int64_t& out) { return parse_whole(s, out, 10); }

// "t" cursors carry an unpinned key; "p" cursors (after a pinned comment)
// carry the pin order first, so cursors issued before pins existed still work.
std::string encode_thread_cursor(const SortKey& key, SortOrder sort) {
  std::string payload = key.pinned != 0 ? "p\n" + std::to_string(key.pinned) + '\n' : std::string("t\n");
  payload += sort_name(sort);
  payload +=
      '\n' + hex_double(key.primary) + '\n' + hex_double(key.secondary) + '\n' + std::to_string(key.created_ms) + '\n';
  payload += key.id;
  return base64url_encode(payload);
}

std::string encode_replies_cursor(std::string_view parent, std::string_view last, bool newest_first) {
  std::string payload = "r\n";
  payload += newest_first ? "1\n" : "0\n";
  payload += std::to_string(parent.size()) + '\n';
  payload += parent;
  payload += last;
  return base64url_encode(payload);
}

// Owns its strings: a Result moves it, which would leave views into a
// short (SSO) payload dangling.
struct DecodedCursor {
  bool replies = false;
  SortKey key;  // key.id is set from `id` by the caller
  std::string sort, id, parent, last;
  bool newest_first = false;
};

Result<DecodedCursor> decode_cursor(std::string_view cursor) {
  const Error bad{"invalid_cursor", "the cursor is not one this server issued"};
  DecodedCursor d;
  std::string payload;
  if (cursor.size() > 8192 || !base64url_decode(cursor, payload)) return bad;
  std::string_view rest = payload, kind;
  if (!take_line(rest, kind)) return bad;
  if (kind == "p") {
    std::string_view pinned;
    if (!take_line(rest, pinned) || !parse_int64(pinned, d.key.pinned) || d.key.pinned <= 0) return bad;
    kind = "t";
  }
  if (kind == "t") {
    std::string_view sort, primary, secondary, created;
    if (!take_line(rest, sort) || !take_line(rest, primary) || !take_line(rest, secondary) || !take_line(rest, created))
      return bad;
    if (!parse_double(primary, d.key.primary) || !parse_double(secondary, d.key.secondary) ||
        !parse_int64(created, d.key.created_ms))
      return bad;
    d.sort = sort;
    d.id = rest;
    return d;
  }
  if (kind == "r") {
    std::string_view flag, length;
    std::int64_t n = 0;
    if (!take_line(rest, flag) || !take_line(rest, length) || !parse_int64(length, n) || n < 0 ||
        static_cast<std::uint64_t>(n) > rest.size() || (flag != "0" && flag != "1"))
      return bad;
    d.replies = true;
    d.newest_first = flag == "1";
    d.parent = std::string(rest.substr(0, static_cast<std::size_t>(n)));
    d.last = std::string(rest.substr(static_cast<std::size_t>(n)));
    return d;
  }
  return bad;
}

// ---- emitting entries ------------------------------------------------------

// The display children of one comment: its replies, or at the depth cap its
// whole subtree in pre-order.
class DisplayChildren {
 public:
  DisplayChildren(const Thread& t, std::uint32_t node, bool flat, bool newest_first)
      : t_(t), node_(node), flat_(flat), newest_first_(newest_first) {
    if (flat_) stack_.push_back({node, 0});
  }
  std::uint32_t total() const { return flat_ ? t_.nodes[node_].shown_descendants : child_count(t_, node_); }
  // The next display child; only called while fewer than total() were returned.
  std::uint32_t next() {
    if (!flat_) return child_at(t_, node_, position_++, newest_first_);
    for (;;) {
      auto& top = stack_.back();
      if (top.second < child_count(t_, top.first)) {
        const auto c = child_at(t_, top.first, top.second++, newest_first_);
        stack_.push_back({c, 0});
        return c;
      }
      stack_.pop_back();
    }
  }
  bool flat() const { return flat_; }

 private:
  const Thread& t_;
  std::uint32_t node_;
  bool flat_;
  bool newest_first_;
  std::uint32_t position_ = 0;
  std::vector<std::pair<std::uint32_t, std::uint32_t>> stack_;
};

class Emitter {
 public:
  Emitter(const Thread& t, const PageRequest& r, std::vector<PageEntry>& entries) : t_(t), r_(r), entries_(entries) {}

  bool is_container(std::uint32_t node, std::uint32_t depth) const {
    return child_count(t_, node) > 0 && (r_.max_depth == 0 || depth < r_.max_depth);
  }
  bool is_flat(std::uint32_t depth) const { return r_.max_depth != 0 && depth + 1 >= r_.max_depth; }

  void emit_root(std::uint32_t root, std::uint64_t position) {
    const auto entry = add(root, PageEntry::kNone, 0, position, false);
    if (is_container(root, 0)) emit_children(root, entry, 0, position, "").value();
  }

  // Emits the display children of `node` (itself shown at `depth` with
  // pre-order position `position`), skipping those up to and including
  // `after_id` when it is set. Error when after_id is not among them.
  Result<bool> emit_children(std::uint32_t node, std::uint32_t entry, std::uint32_t depth, std::uint64_t position,
                             std::string_view after_id) {
    frames_.clear();
    next_position_ = position + self_visible(t_, node);
    push_frame(node, entry, depth, position);
    if (!after_id.empty()) {
      auto& f = frames_.back();
      bool found = false;
      while (f.consumed < f.children.total()) {
        const auto c = f.children.next();
        ++f.consumed;
        next_position_ += f.children.flat() ? self_visible(t_, c) : subtree_visible(t_, c);
        if (t_.comments[c].id == after_id) {
          found = true;
          break;
        }
      }
      if (!found) return Error{"invalid_cursor", "the cursor points at a reply that is no longer shown"};
    }
    while (!frames_.empty()) {
      const std::size_t fi = frames_.size() - 1;
      auto& f = frames_[fi];
      const bool done = f.consumed == f.children.total();
      if (done || (r_.max_replies != 0 && f.shown == r_.max_replies)) {
        if (!done && f.entry != PageEntry::kNone) {
          entries_[f.entry].hidden_replies = f.children.total() - f.consumed;
          entries_[f.entry].replies_cursor =
              encode_replies_cursor(t_.comments[f.node].id, t_.comments[f.last].id, r_.replies_newest_first);
        } else if (!done) {
          top_hidden_ = f.children.total() - f.consumed;
          top_cursor_ = encode_replies_cursor(t_.comments[f.node].id, t_.comments[f.last].id, r_.replies_newest_first);
        }
        next_position_ = f.end_position;
        frames_.pop_back();
        continue;
      }
      const auto c = f.children.next();
      ++f.consumed;
      ++f.shown;
      f.last = c;
      const bool flat = f.children.flat();
      const auto child_depth = f.depth + 1;
      const auto child_position = next_position_;
      next_position_ += self_visible(t_, c);
      const auto child_entry = add(c, f.entry, child_depth, child_position, flat && t_.nodes[c].parent != f.node);
      if (!flat && is_container(c, child_depth)) push_frame(c, child_entry, child_depth, child_position);
    }
    return true;
  }

  std::uint32_t top_hidden_ = 0;
  std::string top_cursor_;

 private:
  struct Frame {
    std::uint32_t node, entry, depth;
    DisplayChildren children;
    std::uint64_t end_position;
    std::uint32_t consumed = 0, shown = 0, last = kNone;
  };

  void push_frame(std::uint32_t node, std::uint32_t entry, std::uint32_t depth, std::uint64_t position) {
    frames_.push_back(Frame{node, entry, depth, DisplayChildren(t_, node, is_flat(depth), r_.replies_newest_first),
                            position + subtree_visible(t_, node)});
  }

  std::uint32_t add(std::uint32_t node, std::uint32_t parent_entry, std::uint32_t depth, std::uint64_t position,
                    bool capped) {
    PageEntry e;
    e.node = node;
    e.parent_entry = parent_entry;
    e.depth = depth;
    e.number = t_.comments[node].visible() ? position : 0;
    e.capped = capped;
    entries_.push_back(std::move(e));
    return static_cast<std::uint32_t>(entries_.size() - 1);
  }

  const Thread& t_;
  const PageRequest& r_;
  std::vector<PageEntry>& entries_;
  std::vector<Frame> frames_;
  std::uint64_t next_position_ = 0;
};

std::uint32_t page_count(const ThreadView& view, std::uint32_t per_page) {
  const auto n = view.roots.size();
  return n == 0 ? 1 : static_cast<std::uint32_t>((n + per_page - 1) / per_page);
}

std::uint32_t root_index(const ThreadView& view, std::uint32_t root) {
  return static_cast<std::uint32_t>(std::find(view.roots.begin(), view.roots.end(), root) - view.roots.begin());
}

// Pre-order position (1-based, over visible comments) of any shown node.
std::uint64_t position_of(const ThreadView& view, std::uint32_t node, bool newest_first) {
  const Thread& t = *view.thread;
  std::vector<std::uint32_t> path;
  for (auto v = node; v != kNone; v = t.nodes[v].parent) path.push_back(v);
  std::uint64_t position = 1 + view.numbers_before[root_index(view, path.back())];
  for (std::size_t k = path.size() - 1; k > 0; --k) {
    const auto a = path[k], b = path[k - 1];
    position += self_visible(t, a);
    for (std::uint32_t i = 0, n = child_count(t, a); i < n; ++i) {
      const auto s = child_at(t, a, i, newest_first);
      if (s == b) break;
      position += subtree_visible(t, s);
    }
  }
  return position;
}

void finish_thread_page(const ThreadView& view, Page& page, std::size_t begin, std::size_t end,
                        const PageRequest& request) {
  Emitter emitter(*view.thread, request, page.entries);
  for (auto i = begin; i < end; ++i) emitter.emit_root(view.roots[i], 1 + view.numbers_before[i]);
  if (end < view.roots.size() && end > 0)
    page.next_cursor = encode_thread_cursor(sort_key(*view.thread, view.roots[end - 1], view.sort), view.sort);
}

}  // namespace

ThreadView make_view(const Thread& thread, SortOrder sort) {
  ThreadView view;
  view.thread = &thread;
  view.sort = sort;
  view.roots = sorted_roots(thread, sort);
  view.numbers_before.reserve(view.roots.size());
  std::uint64_t before = 0;
  for (const auto r : view.roots) {
    view.numbers_before.push_back(before);
    before += subtree_visible(thread, r);
  }
  return view;
}

std::vector<std::uint32_t> page_links(std::uint32_t current, std::uint32_t pages) {
  std::vector<std::uint32_t> shown;
  if (pages == 0) return shown;
  const std::uint32_t lo = current > 2 ? current - 2 : 1;
  const std::uint32_t hi = std::min(pages, current + 2);
  shown.push_back(1);
  for (auto p = lo; p <= hi; ++p) shown.push_back(p);
  shown.push_back(pages);
  std::sort(shown.begin(), shown.end());
  shown.erase(std::unique(shown.begin(), shown.end()), shown.end());
  std::vector<std::uint32_t> links;
  for (std::size_t i = 0; i < shown.size(); ++i) {
    if (i > 0) {
      const auto gap = shown[i] - shown[i - 1];
      if (gap == 2) links.push_back(shown[i] - 1);  // a one-page gap shows the page instead
      if (gap > 2) links.push_back(0);
    }
    links.push_back(shown[i]);
  }
  return links;
}

Result<std::uint32_t> page_of(const ThreadView& view, std::string_view comment_id, std::uint32_t per_page) {
  if (per_page == 0 || per_page > kMaxPerPage)
    return Error{"invalid_argument", "per_page must be between 1 and " + std::to_string(kMaxPerPage)};
  const Thread& t = *view.thread;
  const auto node = t.find(comment_id);
  if (node == kNone || !t.nodes[node].shown || !t.nodes[node].in_thread)
    return Error{"not_found", "no shown comment has id \"" + std::string(comment_id) + "\""};
  return root_index(view, t.root_of(node)) / per_page + 1;
}

Result<Page> build_page(const ThreadView& view, const PageRequest& request) {
  if (request.per_page == 0 || request.per_page > kMaxPerPage)
    return Error{"invalid_argument", "per_page must be between 1 and " + std::to_string(kMaxPerPage)};
  const Thread& t = *view.thread;
  Page page;
  page.sort = view.sort;
  page.per_page = request.per_page;
  page.pages = page_count(view, request.per_page);
  page.total = t.visible_count;
  page.threads = view.roots.size();

  if (!request.after.empty()) {
    auto cursor = decode_cursor(request.after);
    if (!cursor) return cursor.error();
    if (cursor->replies) {
      if (cursor->newest_first != request.replies_newest_first)
        return Error{"invalid_cursor", "the cursor was made for the other reply order"};
      const auto node = t.find(cursor->parent);
      if (node == kNone || !t.nodes[node].shown)
        return Error{"invalid_cursor", "the cursor's comment is no longer shown"};
      const auto depth = t.nodes[node].depth;
      if (request.max_depth != 0 && depth >= request.max_depth)
        return Error{"invalid_cursor", "the cursor was made for another max_depth"};
      page.replies_of = cursor->parent;
      Emitter emitter(t, request, page.entries);
      auto emitted = emitter.emit_children(node, PageEntry::kNone, depth,
                                           position_of(view, node, request.replies_newest_first), cursor->last);
      if (!emitted) return emitted.error();
      page.next_cursor = emitter.top_cursor_;
      page.hidden_replies = emitter.top_hidden_;
      return page;
    }
    if (cursor->sort != sort_name(view.sort))
      return Error{"invalid_cursor", "the cursor was made for sort order \"" + cursor->sort + "\""};
    cursor->key.id = cursor->id;
    // First root strictly after the cursor's key: stable while comments are added.
    const auto it = std::partition_point(view.roots.begin(), view.roots.end(), [&](std::uint32_t r) {
      return !sorts_before(cursor->key, sort_key(t, r, view.sort), view.sort);
    });
    const auto begin = static_cast<std::size_t>(it - view.roots.begin());
    finish_thread_page(view, page, begin, std::min(view.roots.size(), begin + request.per_page), request);
    return page;
  }

  std::uint32_t number = request.page;
  if (!request.around.empty()) {
    auto found = page_of(view, request.around, request.per_page);
    if (!found) return found.error();
    number = *found;
    page.highlight = request.around;
  } else if (number == 0 || number > page.pages) {
    return Error{"invalid_argument",
                 "page " + std::to_string(number) + " does not exist; pages are 1 to " + std::to_string(page.pages)};
  }
  page.page = number;
  page.links = page_links(number, page.pages);
  const std::size_t begin = static_cast<std::size_t>(number - 1) * request.per_page;
  finish_thread_page(view, page, begin, std::min(view.roots.size(), begin + request.per_page), request);
  return page;
}

}  // namespace soundoff
