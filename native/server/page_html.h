// One page of a thread as HTML, for readers without JavaScript, search
// engines, and the widget's first paint: the same page the JSON API serves
// (same core, same order, same numbers), drawn with the widget's own class
// names so the widget's stylesheet (dist/soundoff-ssr.css) lays it out as the
// widget will, and the widget can take it over without moving it.
// Every piece of user text is escaped; links in bodies are only http(s),
// with rel="nofollow ugc"; page links are real <a href>s.
#pragma once

#include <string>

#include "soundoff/pagination.h"

namespace soundoff::server {

struct PageHtmlOptions {
  std::string title = "soundoff";  // heading text before the count ("soundoff (61 Responses)")
  // Page links are `link_base` + "page=N" (+ "&sort=…" when not oldest) + `link_fragment`.
  std::string link_base = "?";
  std::string link_fragment = "#soundoff";
  // "Show N more replies" links to `more_replies_base` + the replies cursor; none when empty.
  std::string more_replies_base;
  bool closed = false;  // the thread takes no new comments: say so, as the widget does
};

// `<div class="soundoff-ssr" data-soundoff-ssr …>…</div>` holding the heading,
// the page's comments (nested lists of <article id="comment-…">) and the pager.
std::string page_to_html(const ThreadView& view, const Page& page, const PageHtmlOptions& options);

}  // namespace soundoff::server
