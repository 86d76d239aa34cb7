// The page as JSON: the one shape the CLI prints, the server sends and the
// wasm engine returns (docs/page-format.md).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "soundoff/document.h"
#include "soundoff/pagination.h"

namespace soundoff {

// Serialises `page` (built from `view`) with nested `children`. Iterative:
// any nesting depth is safe. `errors` are the document's record errors.
std::string page_to_json(const ThreadView& view, const Page& page, const std::vector<RecordError>& errors = {});

// A page request as JSON: {"sort", "page", "per_page", "max_depth",
// "max_replies", "replies": "oldest"|"newest", "around", "after"}, every key
// optional. Unknown keys and wrong types are errors (code invalid_argument)
// naming the key, so a typo is never silently ignored.
struct PageQuery {
  SortOrder sort = SortOrder::oldest;
  PageRequest request;
};
Result<PageQuery> parse_page_query(std::string_view json_text);

// The `{"code", "message"}` object used for every error response.
std::string error_to_json(const Error& error);

}  // namespace soundoff
