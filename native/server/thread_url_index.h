// Which registered thread has a page URL (GET /api/threads?url=, the widget's
// data-soundoff-url): an in-memory map from normalised URL to thread key, so
// a lookup never scans the registry. A thread keyed by its own URL's key
// (imports, pages the widget started) is found without it; this index is for
// threads registered under keys of their own (WordPress post ids, keys a
// moderator chose). Built from the registry on first use; this instance's
// registrations update it, other instances' arrive per key
// (Storage::watch_settings) and are re-read on the next lookup.
#pragma once

#include <cstdint>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>
#include <unordered_set>

#include "server/storage.h"

namespace soundoff::server {

class ThreadUrlIndex {
 public:
  // The key of a registered thread whose URL normalises to `normalised_url`.
  // The first call (and the first after forget_all) reads the whole registry.
  Result<std::optional<std::string>> find(Storage& store, const std::string& normalised_url);
  // This instance registered `key` with `url` (as given: it is normalised here).
  void note(const std::string& key, const std::string& url);
  // Another instance changed `key`'s registry row: re-read at the next find.
  void forget(const std::string& key);
  // Everything may have changed: rebuilt at the next find.
  void forget_all();

 private:
  void put_locked(const std::string& key, const std::string& url);
  Result<void> build(Storage& store);

  std::mutex build_mutex_;  // one registry read at a time: a burst of first lookups waits for it
  std::mutex mutex_;
  bool built_ = false;
  std::uint64_t generation_ = 0;  // bumped by forget_all: a build that overlapped one is not kept
  std::unordered_map<std::string, std::string> key_of_url_;
  std::unordered_map<std::string, std::string> url_of_key_;
  std::unordered_set<std::string> stale_keys_;
};

}  // namespace soundoff::server
