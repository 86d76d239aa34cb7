#include "server/thread_by_url.h"

#include "soundoff/url_normalise.h"

namespace soundoff::server {
namespace {

bool same_page(const ThreadRecord& t, const std::string& normalised_url) {
  auto url = normalise_url(t.url);
  return url && *url == normalised_url;
}

}  // namespace

Result<std::optional<ThreadRecord>> find_thread_by_url(Storage& store, const std::string& normalised_url) {
  auto direct = store.thread_record(thread_key_for(normalised_url));
  if (!direct) return direct.error();
  // Under the URL's own key with no URL yet: started from this page by comments that registered none
  // (held for review, thread_page.h), or by a client that sent no thread_url.
  if (*direct && ((*direct)->url.empty() || same_page(**direct, normalised_url))) return direct;
  // A thread registered under a key of its own (WordPress post ids, keys a
  // moderator chose) with this URL. A scan of the registry, page by page:
  // no URL index yet (known limitation, see docs/server-api.md).
  ThreadListQuery query;
  query.limit = 200;
  for (;;) {
    auto page = store.list_threads(query);
    if (!page) return page.error();
    for (const auto& t : *page)
      if (same_page(t, normalised_url)) return std::optional<ThreadRecord>(t);
    if (page->size() < query.limit) return std::optional<ThreadRecord>();
    query.after = std::make_pair(page->back().last_activity_ms, page->back().key);
  }
}

}  // namespace soundoff::server
