// Server-rendered comment pages: the embeddable /embed/threads/{thread} and
// the demo article's first page of comments (html_page_routes.cpp).
#pragma once

#include <string>

#include "server/page_html.h"
#include "server/router.h"
#include "soundoff/result.h"
#include "soundoff/sorting.h"

namespace soundoff::server {

struct ServerState;

// One page of `thread` as HTML. Errors: invalid_argument / not_found / page_too_large
// as the JSON page route; internal when storage failed.
Result<std::string> render_thread_html(ServerState& state, const std::string& thread, const PageRequest& request,
                                       SortOrder sort, const PageHtmlOptions& options);

// The demo page's comments for the request's `page` and `sort` (page 1 when those are not valid); empty on failure.
std::string demo_comments_html(ServerState& state, const std::string& thread, const HttpRequest& req);

void add_html_page_routes(Router& http, ServerState& state);

}  // namespace soundoff::server
