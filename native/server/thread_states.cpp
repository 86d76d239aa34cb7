#include "server/thread_states.h"

namespace soundoff::server {

std::optional<std::int64_t> effective_closes_at(const ThreadRecord& thread, std::int64_t auto_close_ms) {
  if (thread.closes_at_ms) {
    if (*thread.closes_at_ms == 0) return std::nullopt;  // reopened by a moderator: stays open
    return *thread.closes_at_ms;
  }
  if (auto_close_ms <= 0) return std::nullopt;
  return thread.created_ms + auto_close_ms;
}

bool closed_at(const ThreadRecord& thread, std::int64_t now_ms, std::int64_t auto_close_ms) {
  if (thread.closed) return true;
  const auto closes = effective_closes_at(thread, auto_close_ms);
  return closes && *closes <= now_ms;
}

bool linkable_thread_url(const std::string& url) {
  return url.empty() || url.rfind("https://", 0) == 0 || url.rfind("http://", 0) == 0 ||
         (url.front() == '/' && url.rfind("//", 0) != 0);
}

ThreadStates::ThreadStates(Loader loader, std::size_t max_entries)
    : loader_(std::move(loader)), max_entries_(max_entries) {}

Result<std::optional<ThreadRecord>> ThreadStates::get(const std::string& key) {
  std::uint64_t generation;
  {
    std::lock_guard lock(mutex_);
    if (const auto it = entries_.find(key); it != entries_.end()) return it->second;
    generation = generation_;
  }
  auto loaded = loader_(key);  // without the lock: a slow database must not stall every cached read
  if (!loaded) return loaded;
  std::lock_guard lock(mutex_);
  if (generation == generation_) {
    if (entries_.size() >= max_entries_) entries_.clear();
    entries_[key] = *loaded;
  }
  return loaded;
}

bool ThreadStates::is_cached(const std::string& key) const {
  std::lock_guard lock(mutex_);
  return entries_.count(key) != 0;
}

void ThreadStates::put(const std::string& key, const ThreadRecord& record) {
  std::lock_guard lock(mutex_);
  ++generation_;  // a load running now read the row before this change
  if (entries_.size() >= max_entries_) entries_.clear();
  entries_[key] = record;
}

void ThreadStates::invalidate(const std::string& key) {
  std::lock_guard lock(mutex_);
  ++generation_;
  if (key.empty()) {
    entries_.clear();
  } else {
    entries_.erase(key);
  }
}

void ThreadStates::forget_if_absent(const std::string& key) {
  std::lock_guard lock(mutex_);
  const auto it = entries_.find(key);
  if (it != entries_.end() && it->second) return;  // it has a row: nothing new to read
  ++generation_;                                   // a load running now may have read "no row"
  if (it != entries_.end()) entries_.erase(it);
}

}  // namespace soundoff::server
