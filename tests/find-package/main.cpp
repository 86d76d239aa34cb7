// Builds a page through the installed package, as an embedder would: exits 0
// when the document's thread key and its 2 comments come through.
#include <cstdio>

#include "soundoff/page_json.h"
#include "soundoff/page_query.h"
#include "soundoff/thread_views.h"

int main() {
  constexpr const char* kDocument =
      R"({"thread": "post", "comments": [{"id": 1, "created": 0}, {"id": 2, "parent": 1, "created": 1}]})";
  auto views = soundoff::load_thread(kDocument);
  if (!views) return 1;
  const auto& view = (*views)->view(soundoff::SortOrder::oldest);
  const auto page = soundoff::build_page(view, {});
  if (!page) return 1;
  std::puts(soundoff::page_to_json(view, *page, (*views)->record_errors()).c_str());
  // The one-call form, with a request read by the same rules the CLI and the server use.
  const auto query = soundoff::parse_page_query_json(R"({"per_page": 1})");
  const auto json = query ? soundoff::document_to_page_json(kDocument, *query) : query.error();
  return page->total == 2 && (*views)->thread().key == "post" && json ? 0 : 1;
}
