#include "server/live_site_model.h"

#include <cstdio>
#include <fstream>
#include <sstream>

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

Result<bool> import_site_model_file(Storage& store, const std::string& path) {
  std::ifstream file(path, std::ios::binary);
  if (!file) return Error{"invalid_config", "site model " + path + ": cannot be read"};
  std::ostringstream text;
  text << file.rdbuf();
  auto model = SiteModel::from_json(text.str());
  if (!model) return Error{"invalid_config", path + ": " + model.error().message};
  auto stored = store.load_site_model();
  if (!stored) return stored.error();
  if (stored->decisions() > 0 || stored->feature_count() > 0) {
    std::fprintf(stderr, "soundoff serve: the database has its own site model (%llu decisions); %s not imported\n",
                 static_cast<unsigned long long>(stored->decisions()), path.c_str());
    return false;
  }
  return store.replace_site_model(*model, nullptr);
}

}  // namespace soundoff::server
