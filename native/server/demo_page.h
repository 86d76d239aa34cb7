// The demo article page: a news article modelled on the seed page (headline,
// dateline, text) with the widget's one script tag under it.
#pragma once

#include <string>

namespace soundoff::server {

// The page for `thread` (a validated thread key). The widget script is
// loaded from /soundoff.js and talks to this same server (empty API base).
// `comments_html` (html_page_routes.h) is the server-rendered first page, shown
// inside the widget's element until the widget takes it over. With
// `demo_login` the page gets the "log in as a reader" switch (demo_login.h).
std::string demo_article_html(const std::string& thread, const std::string& comments_html = "",
                              bool demo_login = false);

}  // namespace soundoff::server
