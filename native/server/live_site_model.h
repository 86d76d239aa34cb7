// The site model new comments are checked with (docs/spam.md): what the
// database holds, loaded at start and again, lazily, before the first check
// after a moderator's judgement here or (PostgreSQL) on another instance.
// A check takes a snapshot (a shared_ptr), so a reload never changes the
// model under a running check.
#pragma once

#include <atomic>
#include <cstdint>
#include <memory>
#include <mutex>

#include "server/storage.h"
#include "soundoff/site_model.h"

namespace soundoff::server {

class LiveSiteModel {
 public:
  explicit LiveSiteModel(std::uint32_t min_examples) : min_examples_(min_examples) {}

  // The model as storage held it at the last reload (reloading first when
  // marked stale); nullptr when it could not be read yet.
  std::shared_ptr<const SiteModel> current(Storage& store);
  // Something learnt: the next current() reads the database again.
  void mark_stale() { stale_ = true; }
  Result<bool> reload(Storage& store);

 private:
  std::uint32_t min_examples_;
  std::atomic<bool> stale_{true};
  std::mutex reload_mutex_;  // one reload at a time
  mutable std::mutex mutex_;
  std::shared_ptr<const SiteModel> model_;
};

// Reads a site model JSON file (`soundoff spam export-model`) and stores it
// when the database's model has learnt nothing yet; a database that has its
// own model keeps it (false, and a notice on stderr). Errors name the file.
Result<bool> import_site_model_file(Storage& store, const std::string& path);

}  // namespace soundoff::server
