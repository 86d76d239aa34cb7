#include "server/page_request.h"

#include <string>
#include <vector>

namespace soundoff::server {

Result<PageQuery> page_query_from(const HttpRequest& req) {
  std::vector<PageOption> options;
  options.reserve(req.params.size());
  for (const auto& [name, value] : req.params) options.push_back({name, value});
  return parse_page_query_options(options);
}

Result<Page> build_bounded_page(const ThreadView& view, const PageRequest& request, std::size_t max_comments) {
  auto page = build_page(view, request);
  if (!page) return page.error();
  if (page->entries.size() > max_comments)
    return Error{"page_too_large", "this page would hold " + std::to_string(page->entries.size()) +
                                       " comments; the limit is " + std::to_string(max_comments) +
                                       ": ask for fewer per_page or set max_replies"};
  return page;
}

}  // namespace soundoff::server
