#include "server/thread_by_url.h"

#include "soundoff/url_normalise.h"

namespace soundoff::server {
namespace {

bool same_page(const ThreadRecord& t, const std::string& normalised_url) {
  auto url = normalise_url(t.url);
  return url && *url == normalised_url;
}

}  // namespace

Result<std::optional<ThreadRecord>> find_thread_by_url(Storage& store, ThreadUrlIndex& index,
                                                       const std::string& normalised_url) {
  auto direct = store.thread_record(thread_key_for(normalised_url));
  if (!direct) return direct.error();
  // Under the URL's own key with no URL yet: started from this page by comments that registered none
  // (held for review, thread_page.h), or by a client that sent no thread_url.
  if (*direct && ((*direct)->url.empty() || same_page(**direct, normalised_url))) return direct;
  auto key = index.find(store, normalised_url);
  if (!key) return key.error();
  if (!*key) return std::optional<ThreadRecord>();
  auto row = store.thread_record(**key);
  if (!row) return row.error();
  // The row as stored now decides: the index may lag another instance's change by one lookup.
  if (*row && same_page(**row, normalised_url)) return row;
  return std::optional<ThreadRecord>();
}

}  // namespace soundoff::server
