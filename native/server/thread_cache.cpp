#include "server/thread_cache.h"

#include <algorithm>

namespace soundoff::server {

namespace {

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

}  // namespace

CachedThread::CachedThread(std::string key, std::vector<Comment> comments, std::uint64_t generation)
    : thread_(assemble(std::move(key), std::move(comments))), generation_(generation) {}

const ThreadView& CachedThread::view(SortOrder sort) const {
  const auto i = static_cast<std::size_t>(sort) % kSorts;
  std::call_once(once_[i], [&] { views_[i] = make_view(thread_, sort); });
  return views_[i];
}

std::shared_ptr<const CachedThread::RenderedPage> CachedThread::rendered(const std::string& key) const {
  std::lock_guard lock(rendered_mutex_);
  const auto it = rendered_.find(key);
  return it == rendered_.end() ? nullptr : it->second;
}

void CachedThread::remember(const std::string& key, std::shared_ptr<const RenderedPage> page) const {
  std::lock_guard lock(rendered_mutex_);
  // Crawlers asking for every page must not grow memory without bound.
  if (rendered_.size() >= kMaxRendered) rendered_.clear();
  rendered_[key] = std::move(page);
}

ThreadCache::ThreadCache(Loader loader, std::size_t max_threads)
    : loader_(std::move(loader)), max_threads_(max_threads == 0 ? 1 : max_threads) {}

ThreadSnapshot ThreadCache::current(const std::string& thread) const {
  std::shared_lock lock(map_mutex_);
  const auto it = threads_.find(thread);
  if (it == threads_.end() || it->second->dirty.load(std::memory_order_acquire)) return nullptr;
  return it->second->snapshot;
}

// Builds a snapshot from the entry's comments and makes it the current one.
// Caller holds write_mutex_.
void ThreadCache::publish(Entry& entry, const std::string& thread) {
  auto snapshot = std::make_shared<const CachedThread>(thread, entry.comments, next_generation_++);
  std::unique_lock lock(map_mutex_);
  entry.snapshot = std::move(snapshot);
  entry.dirty.store(false, std::memory_order_release);
}

ThreadCache::Entry* ThreadCache::load_locked(const std::string& thread, std::optional<Error>& error) {
  {
    std::shared_lock lock(map_mutex_);
    const auto it = threads_.find(thread);
    if (it != threads_.end()) return it->second.get();
  }
  auto comments = loader_(thread);
  if (!comments) {
    error = comments.error();
    return nullptr;
  }
  if (comments->empty()) return nullptr;
  auto fresh = std::make_unique<Entry>();
  fresh->comments = std::move(*comments);
  publish(*fresh, thread);
  std::unique_lock lock(map_mutex_);
  if (threads_.size() >= max_threads_) {
    // Evict the thread built longest ago; it is reloaded on its next use.
    auto oldest = threads_.begin();
    for (auto it = threads_.begin(); it != threads_.end(); ++it)
      if (it->second->snapshot->generation() < oldest->second->snapshot->generation()) oldest = it;
    threads_.erase(oldest);
  }
  return threads_.emplace(thread, std::move(fresh)).first->second.get();
}

Result<ThreadSnapshot> ThreadCache::get(const std::string& thread) {
  if (auto hit = current(thread)) return hit;
  // Load or rebuild under the write lock: a write that commits meanwhile
  // either happens before (and is included) or waits and then updates.
  std::lock_guard write(write_mutex_);
  std::optional<Error> error;
  Entry* entry = load_locked(thread, error);
  if (error) return *error;
  if (entry == nullptr) return std::make_shared<const CachedThread>(thread, std::vector<Comment>{}, 0);
  if (entry->dirty.load(std::memory_order_acquire)) publish(*entry, thread);
  std::shared_lock lock(map_mutex_);
  return entry->snapshot;
}

Result<bool> ThreadCache::is_shown(const std::string& thread, const std::string& id) {
  std::lock_guard write(write_mutex_);
  std::optional<Error> error;
  const Entry* entry = load_locked(thread, error);
  if (error) return *error;
  if (entry == nullptr) return false;
  // The list is in id order (storage loads by id, new ids only grow).
  const auto& comments = entry->comments;
  const auto it = std::lower_bound(comments.begin(), comments.end(), id,
                                   [](const Comment& c, const std::string& key) { return compare_ids(c.id, key) < 0; });
  return it != comments.end() && it->id == id && it->visible();
}

void ThreadCache::add_committed(const std::string& thread, const Comment& comment) {
  std::lock_guard write(write_mutex_);
  update(thread, [&](std::vector<Comment>& comments) { put_in_id_order(comments, comment, false); });
}

void ThreadCache::refresh(const std::string& thread, const std::function<Result<std::optional<Comment>>()>& fetch) {
  std::lock_guard write(write_mutex_);
  {
    std::shared_lock lock(map_mutex_);
    if (threads_.find(thread) == threads_.end()) return;
  }
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
  std::unique_lock lock(map_mutex_);
  if (thread.empty()) {
    threads_.clear();
  } else {
    threads_.erase(thread);
  }
}

void ThreadCache::update(const std::string& thread, const std::function<void(std::vector<Comment>&)>& change) {
  Entry* entry = nullptr;
  {
    std::shared_lock lock(map_mutex_);
    const auto it = threads_.find(thread);
    if (it == threads_.end()) return;
    entry = it->second.get();
  }
  // Entries are only added or erased under write_mutex_, which the caller holds.
  change(entry->comments);
  entry->dirty.store(true, std::memory_order_release);
}

}  // namespace soundoff::server
