// The moderation console's page at /admin (and /admin/): a shell that loads
// /admin.css and /admin.js from the static directory (web/dist, built by
// web/scripts/build-admin.mjs) under a CSP stricter than the demo's: no
// inline script or style at all, no eval, no wasm.
#pragma once

#include <string>

#include "server/http_types.h"

namespace soundoff::server {

class Router;

// The page's HTML (constant: everything it shows, the script draws).
const std::string& admin_page_html();

// The headers of the page: the strict CSP, no framing, no caching of a page
// that only signed-in moderators use.
void set_admin_page_headers(HttpResponse& res);

void add_admin_page_routes(Router& http);

}  // namespace soundoff::server
