// Whoever keeps a database setting in memory (thread states, the live spam
// policy, bans) registers a hook here; the storage's listener calls them when
// another instance changed one (Storage::watch_settings). kind "thread" with
// a key, "setting" with a name, or "" with "" for "reload everything".
#pragma once

#include <functional>
#include <mutex>
#include <string>
#include <vector>

namespace soundoff::server {

class SettingsHooks {
 public:
  using Hook = std::function<void(const std::string& kind, const std::string& name)>;
  void add(Hook hook) {
    std::lock_guard lock(mutex_);
    hooks_.push_back(std::move(hook));
  }
  void notify(const std::string& kind, const std::string& name) {
    std::vector<Hook> hooks;
    {
      std::lock_guard lock(mutex_);
      hooks = hooks_;
    }
    for (const auto& hook : hooks) hook(kind, name);
  }

 private:
  std::mutex mutex_;
  std::vector<Hook> hooks_;
};

}  // namespace soundoff::server
