// Assembled threads kept in memory. Readers get an immutable snapshot
// (shared_ptr<const CachedThread>) and never wait for writers; a write builds
// a new snapshot of that one thread and swaps it in. Views (one per sort
// order) are built on first use of each order.
#pragma once

#include <array>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <shared_mutex>
#include <string>
#include <unordered_map>
#include <vector>

#include "soundoff/pagination.h"
#include "soundoff/thread.h"

namespace soundoff::server {

class CachedThread {
 public:
  CachedThread(std::string key, std::vector<Comment> comments, std::uint64_t generation);

  const Thread& thread() const { return thread_; }
  // The comments as loaded (in id order), for building the next snapshot.
  const std::vector<Comment>& comments() const { return thread_.comments; }
  std::uint64_t generation() const { return generation_; }
  // The display order for `sort`, built once per snapshot.
  const ThreadView& view(SortOrder sort) const;

 private:
  Thread thread_;
  std::uint64_t generation_;
  static constexpr std::size_t kSorts = 6;
  mutable std::array<std::once_flag, kSorts> once_;
  mutable std::array<ThreadView, kSorts> views_;
};

using ThreadSnapshot = std::shared_ptr<const CachedThread>;

class ThreadCache {
 public:
  using Loader = std::function<Result<std::vector<Comment>>(const std::string& thread)>;

  // `loader` reads a thread's comments from storage on a miss.
  ThreadCache(Loader loader, std::size_t max_threads);

  // The current snapshot of `thread`, loading it on a miss. Threads without
  // comments are not kept, so asking for made-up thread names costs memory
  // only while the request runs.
  Result<ThreadSnapshot> get(const std::string& thread);

  // Applies `change` to a copy of the thread's comments and swaps the result
  // in, if the thread is cached (else the next get loads it from storage).
  // Call with the write lock (write_mutex()) held, after storage committed,
  // so that the cache sees writes in commit order.
  void update(const std::string& thread, const std::function<void(std::vector<Comment>&)>& change);

  // Serialises writers with cache fills: held around "commit, then update".
  std::mutex& write_mutex() { return write_mutex_; }

  std::size_t size() const;

 private:
  ThreadSnapshot lookup(const std::string& thread) const;
  void store(const std::string& thread, ThreadSnapshot snapshot);

  Loader loader_;
  std::size_t max_threads_;
  std::mutex write_mutex_;
  mutable std::shared_mutex map_mutex_;
  std::unordered_map<std::string, ThreadSnapshot> threads_;
  std::uint64_t next_generation_ = 1;  // guarded by write_mutex_
};

}  // namespace soundoff::server
