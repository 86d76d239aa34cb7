// What the comment paths need to know about a thread — is it closed, is it
// registered — from the registry (storage.h's ThreadRecord) through a small
// in-process cache: a page read must not wait for the database, and a POST
// should not pay a query for it. Local changes put the new row in place;
// other instances' changes arrive through Storage::watch_settings and
// invalidate (docs/moderation-api.md, "Multi-instance").
#pragma once

#include <atomic>
#include <cstdint>
#include <functional>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>

#include "server/storage.h"

namespace soundoff::server {

// When the thread closes by itself: its own closes_at, else `auto_close_ms`
// after it was created (0: never). nullopt: it does not.
std::optional<std::int64_t> effective_closes_at(const ThreadRecord& thread, std::int64_t auto_close_ms);
// Closed by a moderator, or past its closing time at `now_ms`.
bool closed_at(const ThreadRecord& thread, std::int64_t now_ms, std::int64_t auto_close_ms);

// A thread URL the console may link: empty, http(s)://, or a path on the site ("/...", not "//host").
bool linkable_thread_url(const std::string& url);

class ThreadStates {
 public:
  using Loader = std::function<Result<std::optional<ThreadRecord>>(const std::string& key)>;
  // Beyond `max_entries` the cache starts again empty: made-up keys cost memory only for a while.
  explicit ThreadStates(Loader loader, std::size_t max_entries = 10000);

  // The thread's row (nullopt: the registry has none), from memory when it can.
  Result<std::optional<ThreadRecord>> get(const std::string& key);
  // True when get(key) would not read storage.
  bool is_cached(const std::string& key) const;
  // A change this instance made and committed.
  void put(const std::string& key, const ThreadRecord& record);
  // Forgets `key` (everything when empty): the next get reads storage.
  void invalidate(const std::string& key);
  // Forgets `key` only if it is remembered as having no row (a first comment just made one).
  void forget_if_absent(const std::string& key);

 private:
  Loader loader_;
  std::size_t max_entries_;
  mutable std::mutex mutex_;
  std::unordered_map<std::string, std::optional<ThreadRecord>> entries_;
  // Bumped by every invalidate: a load that overlapped one is not kept (it may have read the old row).
  std::uint64_t generation_ = 0;
};

}  // namespace soundoff::server
