#include "server/registry_copy.h"

namespace soundoff::server {

Result<std::size_t> copy_registry(Storage& from, Storage& to) {
  std::size_t copied = 0;
  ThreadListQuery page;
  page.limit = 1000;
  for (;;) {
    auto rows = from.list_threads(page);
    if (!rows) return rows.error();
    for (const auto& t : *rows)
      if (auto r = to.put_thread_record(t); !r) return r.error();
    copied += rows->size();
    if (rows->size() < page.limit) break;
    page.after = std::pair{rows->back().last_activity_ms, rows->back().key};
  }
  auto settings = from.all_settings();
  if (!settings) return settings.error();
  for (const auto& s : *settings)
    if (auto r = to.store_setting(s); !r) return r.error();
  return copied + settings->size();
}

}  // namespace soundoff::server
