// Assembled threads kept in memory. Readers get an immutable snapshot
// (shared_ptr<const CachedThread>). A write changes only its own thread's
// comment list and marks it dirty; the next read of that thread assembles a
// new snapshot once and swaps it in. Views (one per sort order) are built on
// first use of each order. Rendered pages live in PageMemo (page_memo.h).
//
// Locking: the global write mutex orders storage commits with cache updates
// and covers loading a missing thread from storage; a thread's own mutex
// guards its comment list for the moment a write or a rebuild touches it.
// Assembling a snapshot holds neither, so rebuilding one big thread never
// blocks a write to it or to any other thread.
//
// Budgets: at most `max_threads` threads and about `max_bytes` of comments,
// snapshots and views; the least recently read thread goes first.
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
#include "soundoff/thread_views.h"

namespace soundoff::server {

class CachedThread {
 public:
  CachedThread(std::string key, std::vector<Comment> comments, std::uint64_t generation);

  std::uint64_t generation() const { return generation_; }
  const std::string& key() const { return views_.thread().key; }
  // The display order for `sort`, built once per snapshot (lazily, thread-safe).
  const ThreadView& view(SortOrder sort) const { return views_.view(sort); }

 private:
  ThreadViews views_;  // core's thread + per-sort views, the same type the wasm engine holds
  std::uint64_t generation_;
};

using ThreadSnapshot = std::shared_ptr<const CachedThread>;

class ThreadCache {
 public:
  using Loader = std::function<Result<std::vector<Comment>>(const std::string& thread)>;

  // `loader` reads a thread's comments from storage on a miss.
  ThreadCache(Loader loader, std::size_t max_threads, std::size_t max_bytes = std::size_t{256} << 20);

  // The current snapshot of `thread`: loaded on a miss, rebuilt when writes
  // changed it since the last build. Threads without comments are not kept,
  // so asking for made-up thread names costs memory only while the request runs.
  Result<ThreadSnapshot> get(const std::string& thread);
  // True when get(thread) would return a built snapshot without loading or assembling.
  bool is_current(const std::string& thread) const;

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

  // Published comments of `thread`: counted from memory when the thread is
  // cached, else remembered from `count_in_storage` until a write to the
  // thread (so a page of count badges costs one query per thread, once).
  Result<std::int64_t> visible_count(const std::string& thread,
                                     const std::function<Result<std::int64_t>()>& count_in_storage);

  // Forgets `thread` (every thread when empty) so that its next read loads
  // it from storage: another server instance changed it (LISTEN/NOTIFY).
  void invalidate(const std::string& thread);

  // Another instance changed one comment of `thread`: if the thread is
  // cached, reads that one row with `fetch` (under the write lock, so a local
  // write cannot be overtaken by an older row) and puts it in place, instead
  // of reloading the whole thread. A failed fetch forgets the thread.
  void refresh(const std::string& thread, const std::function<Result<std::optional<Comment>>()>& fetch);

  // Serialises writers with cache fills.
  std::mutex& write_mutex() { return write_mutex_; }

  // What the cached threads cost now (estimated), and how many there are.
  std::size_t bytes() const;
  std::size_t size() const;

 private:
  struct Entry {
    std::mutex mutex;               // guards comments and version
    std::vector<Comment> comments;  // the current list, in id order
    std::uint64_t version = 0;      // bumped by every change of comments
    std::mutex build_mutex;         // one rebuild of this thread at a time
    ThreadSnapshot snapshot;        // guarded by map_mutex_
    std::atomic<bool> dirty{true};  // comments changed since snapshot was built (or none was)
    std::atomic<std::uint64_t> last_used{0};
    std::atomic<std::size_t> bytes{0};
  };
  std::shared_ptr<Entry> find(const std::string& thread) const;
  // The thread's entry, loading it from storage on a miss; nullptr when the
  // thread has no comments (`error` is set when storage failed). Caller holds write_mutex_.
  std::shared_ptr<Entry> load_locked(const std::string& thread, std::optional<Error>& error);
  // Builds and publishes the entry's snapshot unless another reader did.
  ThreadSnapshot rebuild(Entry& entry, const std::string& thread);
  // Drops least recently used threads until both budgets hold (never `keep`). Caller holds write_mutex_.
  void evict_locked(const Entry* keep);
  void forget_count(const std::string& thread);

  Loader loader_;
  std::size_t max_threads_;
  std::size_t max_bytes_;
  std::mutex write_mutex_;
  mutable std::shared_mutex map_mutex_;
  std::unordered_map<std::string, std::shared_ptr<Entry>> threads_;
  std::atomic<std::uint64_t> next_generation_{1};
  mutable std::atomic<std::uint64_t> clock_{1};  // read order, for least-recently-used eviction

  std::mutex counts_mutex_;
  std::unordered_map<std::string, std::int64_t> counts_;  // visible counts of threads not in memory
  std::atomic<std::uint64_t> writes_{0};                  // bumped by every change: a count read across one is not kept
};

}  // namespace soundoff::server
