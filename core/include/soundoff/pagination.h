// Pages of a thread: numbered pages and cursors over top-level threads, the
// depth cap, reply collapsing, permalinks (page_of) and the page-link model.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "soundoff/result.h"
#include "soundoff/sorting.h"
#include "soundoff/thread.h"

namespace soundoff {

// A thread in one display order, with what every page request needs.
// Build once per (thread, sort) and reuse; holds a reference to `thread`.
struct ThreadView {
  const Thread* thread = nullptr;
  SortOrder sort = SortOrder::oldest;
  std::vector<std::uint32_t> roots;           // shown top-level nodes in display order
  std::vector<std::uint64_t> numbers_before;  // visible comments in roots before roots[i]
};

ThreadView make_view(const Thread& thread, SortOrder sort);

struct PageRequest {
  std::uint32_t page = 1;         // 1-based; ignored when `around` or `after` is set
  std::uint32_t per_page = 50;    // top-level threads per page, 1..1000
  std::uint32_t max_depth = 5;    // deepest reply depth shown (top level is 0); 0 = unlimited
  std::uint32_t max_replies = 0;  // display children shown per comment; 0 = all
  bool replies_newest_first = false;
  std::string around;  // comment id: return the page that holds it
  std::string after;   // cursor from Page::next_cursor or PageEntry::replies_cursor
};

// One shown comment on a page, in pre-order (parents before their children).
struct PageEntry {
  static constexpr std::uint32_t kNone = 0xFFFFFFFFu;
  std::uint32_t node = 0;              // index into Thread::nodes / comments
  std::uint32_t parent_entry = kNone;  // index into Page::entries; kNone for the page's top level
  std::uint32_t depth = 0;             // display depth (capped)
  std::uint64_t number = 0;            // 1-based number in display order; 0 for tombstones
  bool capped = false;                 // shown under an ancestor, not its parent: say "in reply to"
  std::uint32_t hidden_replies = 0;    // display children left out by max_replies
  std::string replies_cursor;          // fetches them (empty when none are hidden)
};

struct Page {
  SortOrder sort = SortOrder::oldest;
  std::uint32_t page = 0;   // 0 when the page was reached by cursor
  std::uint32_t pages = 1;  // at least 1, even for an empty thread
  std::uint32_t per_page = 50;
  std::uint64_t total = 0;    // visible comments in the thread
  std::uint64_t threads = 0;  // shown top-level threads
  std::vector<PageEntry> entries;
  std::vector<std::uint32_t> links;  // page numbers to show; 0 marks a gap ("…")
  std::string next_cursor;           // continues after the last top-level entry; empty at the end
  std::string highlight;             // the `around` comment id
  std::string replies_of;            // set when `after` was a replies cursor: entries are its replies
  std::uint32_t hidden_replies = 0;  // with replies_of: replies still left after this batch
};

// Builds one page. Errors: invalid_argument (per_page, page out of range),
// not_found (`around` names no shown comment), invalid_cursor.
Result<Page> build_page(const ThreadView& view, const PageRequest& request);

// The 1-based page holding the comment's top-level ancestor (WordPress's
// get_page_of_comment). Error not_found when the id is not shown.
Result<std::uint32_t> page_of(const ThreadView& view, std::string_view comment_id, std::uint32_t per_page);

// First, last, current ±2, with 0 for each gap; a gap of one page shows that page.
std::vector<std::uint32_t> page_links(std::uint32_t current, std::uint32_t pages);

}  // namespace soundoff
