#include "server/thread_cache.h"

namespace soundoff::server {

namespace {

Thread assemble(std::string key, std::vector<Comment> comments) {
  AssembleOptions options;
  options.document_thread = key;
  Thread thread = assemble_thread(std::move(comments), options);
  thread.key = std::move(key);
  return thread;
}

}  // namespace

CachedThread::CachedThread(std::string key, std::vector<Comment> comments, std::uint64_t generation)
    : thread_(assemble(std::move(key), std::move(comments))), generation_(generation) {}

const ThreadView& CachedThread::view(SortOrder sort) const {
  const auto i = static_cast<std::size_t>(sort) % kSorts;
  std::call_once(once_[i], [&] { views_[i] = make_view(thread_, sort); });
  return views_[i];
}

ThreadCache::ThreadCache(Loader loader, std::size_t max_threads)
    : loader_(std::move(loader)), max_threads_(max_threads == 0 ? 1 : max_threads) {}

ThreadSnapshot ThreadCache::lookup(const std::string& thread) const {
  std::shared_lock lock(map_mutex_);
  const auto it = threads_.find(thread);
  return it == threads_.end() ? nullptr : it->second;
}

void ThreadCache::store(const std::string& thread, ThreadSnapshot snapshot) {
  std::unique_lock lock(map_mutex_);
  if (threads_.size() >= max_threads_ && threads_.find(thread) == threads_.end()) {
    // Evict the least recently rebuilt thread; it is reloaded on its next read.
    auto oldest = threads_.begin();
    for (auto it = threads_.begin(); it != threads_.end(); ++it)
      if (it->second->generation() < oldest->second->generation()) oldest = it;
    threads_.erase(oldest);
  }
  threads_[thread] = std::move(snapshot);
}

Result<ThreadSnapshot> ThreadCache::get(const std::string& thread) {
  if (auto hit = lookup(thread)) return hit;
  // Fill under the write lock: a write that commits meanwhile either happens
  // before this load (and is in it) or waits and then updates this entry.
  std::lock_guard write(write_mutex_);
  if (auto hit = lookup(thread)) return hit;
  auto comments = loader_(thread);
  if (!comments) return comments.error();
  const bool keep = !comments->empty();
  auto snapshot = std::make_shared<const CachedThread>(thread, std::move(*comments), next_generation_++);
  if (keep) store(thread, snapshot);
  return ThreadSnapshot(snapshot);
}

void ThreadCache::update(const std::string& thread, const std::function<void(std::vector<Comment>&)>& change) {
  auto current = lookup(thread);
  if (!current) return;
  std::vector<Comment> comments = current->comments();
  change(comments);
  store(thread, std::make_shared<const CachedThread>(thread, std::move(comments), next_generation_++));
}

std::size_t ThreadCache::size() const {
  std::shared_lock lock(map_mutex_);
  return threads_.size();
}

}  // namespace soundoff::server
