// The page rules the JSON page route (comment_routes.cpp) and the
// server-rendered pages (html_page_routes.cpp) share, so the two answer the
// same request with the same page or the same error.
#pragma once

#include <cstddef>

#include "server/http_types.h"
#include "soundoff/page_query.h"
#include "soundoff/pagination.h"
#include "soundoff/result.h"

namespace soundoff::server {

// The query string by core's page-request rules (soundoff/page_query.h):
// every parameter is a page option, so an unknown or repeated one is an error
// naming it, as in the CLI and the engine.
Result<PageQuery> page_query_from(const HttpRequest& req);

// The page `request` asks for, refused (`page_too_large`) when it would hold
// more than `max_comments`: one request must not make the server write megabytes.
Result<Page> build_bounded_page(const ThreadView& view, const PageRequest& request, std::size_t max_comments);

}  // namespace soundoff::server
