// The demo article page: a news article modelled on the seed page (headline,
// dateline, text) with the widget's one script tag under it.
#pragma once

#include <string>

namespace soundoff::server {

// The page for `thread` (a validated thread key). The widget script is
// loaded from /soundoff.js and talks to this same server (empty API base).
std::string demo_article_html(const std::string& thread);

}  // namespace soundoff::server
