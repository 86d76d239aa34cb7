#include "server/live_site_model.h"

#include <cstdio>

namespace soundoff::server {

std::shared_ptr<const SiteModel> LiveSiteModel::current(Storage& store) {
  if (stale_.load()) {
    std::lock_guard one(reload_mutex_);
    // Cleared before reading: a judgement committed during the read marks it stale again.
    if (stale_.exchange(false))
      if (auto r = reload(store); !r) {
        stale_ = true;
        std::fprintf(stderr, "soundoff serve: site model: %s\n", r.error().message.c_str());
      }
  }
  std::lock_guard lock(mutex_);
  return model_;
}

Result<bool> LiveSiteModel::reload(Storage& store) {
  auto loaded = store.load_site_model();
  if (!loaded) return loaded.error();
  loaded->set_min_examples(min_examples_);
  auto next = std::make_shared<const SiteModel>(std::move(*loaded));
  std::lock_guard lock(mutex_);
  model_ = std::move(next);
  return true;
}

}  // namespace soundoff::server
