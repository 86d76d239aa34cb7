#include "server/thread_cache.h"

#include <algorithm>

namespace soundoff::server {

namespace {

// Far more distinct threads than a site has articles: a stream of made-up
// keys for counts must not grow the remembered counts without bound.
constexpr std::size_t kMaxRememberedCounts = 100000;

Thread assemble(std::string key, std::vector<Comment> comments) {
  AssembleOptions options;
  options.document_thread = key;
  Thread thread = assemble_thread(std::move(comments), options);
  thread.key = std::move(key);
  return thread;
}

// Puts `comment` into the id-ordered list; a comment with its id already
// there is replaced when `replace`, else kept.
void put_in_id_order(std::vector<Comment>& comments, const Comment& comment, bool replace) {
  const auto at = std::lower_bound(comments.begin(), comments.end(), comment.id,
                                   [](const Comment& c, const std::string& key) { return compare_ids(c.id, key) < 0; });
  if (at == comments.end() || at->id != comment.id) {
    comments.insert(at, comment);
  } else if (replace) {
    *at = comment;
  }
}

// What a thread costs in memory: its comment list, the snapshot's copy of it
// and the views' node orders, estimated from the text it holds.
std::size_t estimated_bytes(const std::vector<Comment>& comments) {
  std::size_t text = 0;
  for (const auto& c : comments)
    text += c.id.size() + c.thread.size() + c.parent.size() + c.author.size() + c.body.size();
  return 2 * (text + comments.size() * sizeof(Comment)) + comments.size() * 96;
}

}  // namespace

CachedThread::CachedThread(std::string key, std::vector<Comment> comments, std::uint64_t generation)
    : views_(assemble(std::move(key), std::move(comments))), generation_(generation) {}

ThreadCache::ThreadCache(Loader loader, std::size_t max_threads, std::size_t max_bytes)
    : loader_(std::move(loader)), max_threads_(max_threads == 0 ? 1 : max_threads), max_bytes_(max_bytes) {}

std::shared_ptr<ThreadCache::Entry> ThreadCache::find(const std::string& thread) const {
  std::shared_lock lock(map_mutex_);
  const auto it = threads_.find(thread);
  return it == threads_.end() ? nullptr : it->second;
}

bool ThreadCache::is_current(const std::string& thread) const {
  const auto entry = find(thread);
  return entry && !entry->dirty.load(std::memory_order_acquire);
}

std::shared_ptr<ThreadCache::Entry> ThreadCache::load_locked(const std::string& thread, std::optional<Error>& error) {
  if (auto hit = find(thread)) return hit;
  auto comments = loader_(thread);
  if (!comments) {
    error = comments.error();
    return nullptr;
  }
  if (comments->empty()) return nullptr;
  auto fresh = std::make_shared<Entry>();
  fresh->bytes = estimated_bytes(*comments);
  fresh->comments = std::move(*comments);
  fresh->last_used = clock_++;
  {
    std::unique_lock lock(map_mutex_);
    threads_.emplace(thread, fresh);
  }
  forget_count(thread);
  evict_locked(fresh.get());
  return fresh;
}

void ThreadCache::evict_locked(const Entry* keep) {
  std::unique_lock lock(map_mutex_);
  std::size_t total = 0;
  for (const auto& [key, entry] : threads_) total += entry->bytes;
  while (threads_.size() > 1 && (threads_.size() > max_threads_ || total > max_bytes_)) {
    auto victim = threads_.end();
    for (auto it = threads_.begin(); it != threads_.end(); ++it) {
      if (it->second.get() == keep) continue;
      if (victim == threads_.end() || it->second->last_used < victim->second->last_used) victim = it;
    }
    if (victim == threads_.end()) break;
    total -= victim->second->bytes;
    // Readers holding its snapshot keep it alive; the next read loads it again.
    threads_.erase(victim);
  }
}

ThreadSnapshot ThreadCache::rebuild(Entry& entry, const std::string& thread) {
  std::lock_guard build(entry.build_mutex);
  if (!entry.dirty.load(std::memory_order_acquire)) {
    std::shared_lock lock(map_mutex_);
    return entry.snapshot;  // another reader built it while this one waited
  }
  std::vector<Comment> comments;
  std::uint64_t version = 0;
  {
    std::lock_guard lock(entry.mutex);
    comments = entry.comments;
    version = entry.version;
  }
  // The slow part, under no lock that a writer needs.
  auto snapshot = std::make_shared<const CachedThread>(thread, std::move(comments), next_generation_++);
  {
    std::lock_guard lock(entry.mutex);
    std::unique_lock map(map_mutex_);
    entry.snapshot = snapshot;
    // A write that landed during the assembly leaves the entry dirty: the next read rebuilds.
    if (entry.version == version) entry.dirty.store(false, std::memory_order_release);
    entry.bytes = estimated_bytes(entry.comments);
  }
  return snapshot;
}

Result<ThreadSnapshot> ThreadCache::get(const std::string& thread) {
  auto entry = find(thread);
  if (entry) {
    entry->last_used.store(clock_++, std::memory_order_relaxed);
    if (!entry->dirty.load(std::memory_order_acquire)) {
      std::shared_lock lock(map_mutex_);
      if (entry->snapshot) return entry->snapshot;
    }
  } else {
    // Load under the write lock: a write that commits meanwhile either
    // happens before (and is included) or waits and then updates the entry.
    std::lock_guard write(write_mutex_);
    std::optional<Error> error;
    entry = load_locked(thread, error);
    if (error) return *error;
    if (!entry) return std::make_shared<const CachedThread>(thread, std::vector<Comment>{}, 0);
  }
  return rebuild(*entry, thread);
}

Result<bool> ThreadCache::is_shown(const std::string& thread, const std::string& id) {
  std::shared_ptr<Entry> entry = find(thread);
  if (!entry) {
    std::lock_guard write(write_mutex_);
    std::optional<Error> error;
    entry = load_locked(thread, error);
    if (error) return *error;
    if (!entry) return false;
  }
  std::lock_guard lock(entry->mutex);
  // The list is in id order (storage loads by id, new ids only grow).
  const auto& comments = entry->comments;
  const auto it = std::lower_bound(comments.begin(), comments.end(), id,
                                   [](const Comment& c, const std::string& key) { return compare_ids(c.id, key) < 0; });
  return it != comments.end() && it->id == id && it->visible();
}

Result<std::int64_t> ThreadCache::visible_count(const std::string& thread,
                                                const std::function<Result<std::int64_t>()>& count_in_storage) {
  if (const auto entry = find(thread)) {
    std::lock_guard lock(entry->mutex);
    return static_cast<std::int64_t>(
        std::count_if(entry->comments.begin(), entry->comments.end(), [](const Comment& c) { return c.visible(); }));
  }
  {
    std::lock_guard lock(counts_mutex_);
    if (const auto it = counts_.find(thread); it != counts_.end()) return it->second;
  }
  const std::uint64_t writes_before = writes_.load(std::memory_order_acquire);
  auto counted = count_in_storage();
  if (!counted) return counted;
  std::lock_guard lock(counts_mutex_);
  // Keep it only if no write could have changed it meanwhile (rare; the next read asks again).
  if (writes_.load(std::memory_order_acquire) == writes_before) {
    if (counts_.size() >= kMaxRememberedCounts) counts_.clear();
    counts_[thread] = *counted;
  }
  return counted;
}

void ThreadCache::forget_count(const std::string& thread) {
  writes_.fetch_add(1, std::memory_order_acq_rel);
  std::lock_guard lock(counts_mutex_);
  if (thread.empty()) {
    counts_.clear();
  } else {
    counts_.erase(thread);
  }
}

void ThreadCache::add_committed(const std::string& thread, const Comment& comment) {
  std::lock_guard write(write_mutex_);
  update(thread, [&](std::vector<Comment>& comments) { put_in_id_order(comments, comment, false); });
}

void ThreadCache::refresh(const std::string& thread, const std::function<Result<std::optional<Comment>>()>& fetch) {
  std::lock_guard write(write_mutex_);
  forget_count(thread);
  if (!find(thread)) return;
  const auto row = fetch();
  if (!row || !*row) {
    std::unique_lock lock(map_mutex_);
    threads_.erase(thread);
    return;
  }
  update(thread, [&](std::vector<Comment>& comments) { put_in_id_order(comments, **row, true); });
}

void ThreadCache::invalidate(const std::string& thread) {
  // Under the write lock: a fill that read storage before the other
  // instance's commit finishes first and is then dropped here.
  std::lock_guard write(write_mutex_);
  forget_count(thread);
  std::unique_lock lock(map_mutex_);
  if (thread.empty()) {
    threads_.clear();
  } else {
    threads_.erase(thread);
  }
}

void ThreadCache::update(const std::string& thread, const std::function<void(std::vector<Comment>&)>& change) {
  forget_count(thread);
  const auto entry = find(thread);
  if (!entry) return;
  std::lock_guard lock(entry->mutex);
  change(entry->comments);
  ++entry->version;
  entry->dirty.store(true, std::memory_order_release);
}

std::size_t ThreadCache::bytes() const {
  std::shared_lock lock(map_mutex_);
  std::size_t total = 0;
  for (const auto& [key, entry] : threads_) total += entry->bytes;
  return total;
}

std::size_t ThreadCache::size() const {
  std::shared_lock lock(map_mutex_);
  return threads_.size();
}

}  // namespace soundoff::server
