// Builds a page through the installed package; exits 0 when it has 2 comments.
#include <cstdio>

#include "soundoff/document.h"
#include "soundoff/page_json.h"

int main() {
  auto d = soundoff::parse_document(R"([{"id": 1, "created": 0}, {"id": 2, "parent": 1, "created": 1}])");
  if (!d) return 1;
  const auto thread = soundoff::assemble_thread(std::move(d->comments));
  const auto view = soundoff::make_view(thread, soundoff::SortOrder::oldest);
  const auto page = soundoff::build_page(view, {});
  std::puts(soundoff::page_to_json(view, *page).c_str());
  return page && page->total == 2 ? 0 : 1;
}
