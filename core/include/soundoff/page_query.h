// Page requests: the one set of rules every surface reads them by. The
// server feeds URL query parameters, the CLI its flags (both as name/text
// pairs), the wasm engine a JSON object; all end in the same checks, so a
// request means the same thing, and fails the same way, everywhere.
//
// Options (snake_case everywhere; docs/page-format.md):
//   sort         oldest (default), newest, top, best, controversial, active
//   page         1-based page number, >= 1 (default 1)
//   per_page     top-level threads per page, 1..1000 (default 50)
//   max_depth    deepest reply depth shown, 0 = unlimited (default 5)
//   max_replies  replies shown per comment, 0 = all (default 0)
//   replies      oldest (default) or newest
//   around       a comment id: the page holding it
//   after        a cursor (Page::next_cursor, PageEntry::replies_cursor)
// At most one of page, around and after. An option given twice, an unknown
// name or a value of the wrong kind is an error (code invalid_argument) whose
// message names the option and says why: a typo is never silently ignored.
#pragma once

#include <cstdint>
#include <string_view>
#include <vector>

#include "soundoff/pagination.h"
#include "soundoff/result.h"
#include "soundoff/sorting.h"

namespace soundoff {

// A page request with the sort order of the view it is built from.
struct PageQuery {
  SortOrder sort = SortOrder::oldest;
  PageRequest request;
};

// What the request is for: a page (every option), or page_of, which only
// needs the view and the page size (sort and per_page).
enum class PageQueryUse : std::uint8_t { page, page_of };

// One option as text, e.g. a URL parameter or a command-line flag's value.
// Counts are plain decimal digits ("12"; no sign, no exponent).
struct PageOption {
  std::string_view name;
  std::string_view text;
};

// Reads options given as text. Views only: nothing is kept after the call.
Result<PageQuery> parse_page_query_options(const std::vector<PageOption>& options,
                                           PageQueryUse use = PageQueryUse::page);

// Reads a flat JSON object, e.g. {"sort": "top", "per_page": 10}. Counts must
// be JSON integers and the other options JSON strings; null means "not
// given"; "" means no options. Error invalid_argument when the text is not a
// JSON object, or for any option as above.
Result<PageQuery> parse_page_query_json(std::string_view json_text, PageQueryUse use = PageQueryUse::page);

}  // namespace soundoff
