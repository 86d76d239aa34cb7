// Assembled threads kept in memory. Readers get an immutable snapshot
// (shared_ptr<const CachedThread>). A write changes only its own thread's
// comment list and marks it dirty; the next read of that thread assembles a
// new snapshot once and swaps it in. Views (one per sort order) are built on
// first use of each order, pages on first request.
#pragma once

#include <array>
#include <atomic>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
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

  std::uint64_t generation() const { return generation_; }
  // The display order for `sort`, built once per snapshot.
  const ThreadView& view(SortOrder sort) const;

  // A page rendered from this snapshot, keyed by its canonical request, so
  // that repeated reads of a hot page skip building and serialising it.
  struct RenderedPage {
    std::string body;
    std::string etag;
  };
  std::shared_ptr<const RenderedPage> rendered(const std::string& key) const;
  void remember(const std::string& key, std::shared_ptr<const RenderedPage> page) const;

 private:
  static constexpr std::size_t kMaxRendered = 64;  // per snapshot; a new snapshot starts empty
  mutable std::mutex rendered_mutex_;
  mutable std::unordered_map<std::string, std::shared_ptr<const RenderedPage>> rendered_;
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

  // The current snapshot of `thread`: loaded on a miss, rebuilt when writes
  // changed it since the last build. Threads without comments are not kept,
  // so asking for made-up thread names costs memory only while the request runs.
  Result<ThreadSnapshot> get(const std::string& thread);

  // Applies `change` to the thread's comment list, if the thread is cached
  // (else the next get loads it from storage), and marks it for a rebuild on
  // the next read: a burst of writes costs one assembly, not one per write.
  // Call with write_mutex() held, after storage committed, so the cache sees
  // writes in commit order.
  void update(const std::string& thread, const std::function<void(std::vector<Comment>&)>& change);

  // Adds a comment storage has just committed, in id order, unless the list
  // already holds it (a reload after the commit read it). Takes the write
  // lock itself: new comments need no commit-order serialisation, so POSTs
  // can commit concurrently (several at once share one PostgreSQL WAL flush).
  void add_committed(const std::string& thread, const Comment& comment);

  // Whether `id` is a shown (published) comment of `thread`, read from the
  // current comment list without building a snapshot (a reply's parent check).
  Result<bool> is_shown(const std::string& thread, const std::string& id);

  // Forgets `thread` (every thread when empty) so that its next read loads
  // it from storage: another server instance changed it (LISTEN/NOTIFY).
  void invalidate(const std::string& thread);

  // Another instance changed one comment of `thread`: if the thread is
  // cached, reads that one row with `fetch` (under the write lock, so a local
  // write cannot be overtaken by an older row) and puts it in place, instead
  // of reloading the whole thread. A failed fetch forgets the thread.
  void refresh(const std::string& thread, const std::function<Result<std::optional<Comment>>()>& fetch);

  // Serialises writers with cache fills and rebuilds.
  std::mutex& write_mutex() { return write_mutex_; }

 private:
  struct Entry {
    std::vector<Comment> comments;  // the current list, in id order; guarded by write_mutex_
    ThreadSnapshot snapshot;        // guarded by map_mutex_
    std::atomic<bool> dirty{false};  // comments changed since snapshot was built
  };
  // The entry's snapshot if it is current, else nullptr (also for a miss).
  ThreadSnapshot current(const std::string& thread) const;
  void publish(Entry& entry, const std::string& thread);
  // The thread's entry, loading it from storage on a miss; nullptr when the
  // thread has no comments (`error` is set when storage failed). Caller holds write_mutex_.
  Entry* load_locked(const std::string& thread, std::optional<Error>& error);

  Loader loader_;
  std::size_t max_threads_;
  std::mutex write_mutex_;
  mutable std::shared_mutex map_mutex_;
  std::unordered_map<std::string, std::unique_ptr<Entry>> threads_;
  std::uint64_t next_generation_ = 1;  // guarded by write_mutex_
};

}  // namespace soundoff::server
