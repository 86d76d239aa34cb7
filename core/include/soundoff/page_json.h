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

// The same page with "items": null, for callers that send the comments another
// way (the wasm engine's binary page, page_binary.h).
std::string page_header_json(const ThreadView& view, const Page& page, const std::vector<RecordError>& errors);

// The `{"code", "message"}` object used for every error response.
std::string error_to_json(const Error& error);

}  // namespace soundoff
