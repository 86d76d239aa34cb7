#include "server/registry_copy.h"

namespace soundoff::server {

Result<std::size_t> copy_registry(Storage& from, Storage& to) {
  std::size_t copied = 0;
  auto threads = for_each_thread_record(from, [&](const ThreadRecord& t) -> Result<void> {
    if (auto r = to.put_thread_record(t); !r) return r.error();
    ++copied;
    return {};
  });
  if (!threads) return threads.error();
  auto settings = from.all_settings();
  if (!settings) return settings.error();
  for (const auto& s : *settings)
    if (auto r = to.store_setting(s); !r) return r.error();
  return copied + settings->size();
}

}  // namespace soundoff::server
