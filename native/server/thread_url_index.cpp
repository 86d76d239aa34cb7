#include "server/thread_url_index.h"

#include <vector>

#include "soundoff/url_normalise.h"

namespace soundoff::server {

void ThreadUrlIndex::put_locked(const std::string& key, const std::string& url) {
  if (const auto old = url_of_key_.find(key); old != url_of_key_.end()) {
    const auto entry = key_of_url_.find(old->second);
    if (entry != key_of_url_.end() && entry->second == key) key_of_url_.erase(entry);
    url_of_key_.erase(old);
  }
  const auto normalised = normalise_url(url);
  if (!normalised) return;  // empty, a site path or unparseable: no page URL to find it by
  url_of_key_[key] = *normalised;
  key_of_url_[*normalised] = key;  // two threads with one URL: the one put last is found
}

Result<void> ThreadUrlIndex::build(Storage& store) {
  std::uint64_t generation = 0;
  {
    std::lock_guard lock(mutex_);
    generation = generation_;
  }
  std::vector<std::pair<std::string, std::string>> rows;  // key, url
  auto read = for_each_thread_record(store, [&rows](const ThreadRecord& t) -> Result<void> {
    if (!t.url.empty()) rows.emplace_back(t.key, t.url);
    return {};
  });
  if (!read) return read.error();
  std::lock_guard lock(mutex_);
  if (generation != generation_) return {};  // forget_all meanwhile: the next find builds again
  key_of_url_.clear();
  url_of_key_.clear();
  stale_keys_.clear();
  for (const auto& [key, url] : rows) put_locked(key, url);
  built_ = true;
  return {};
}

Result<std::optional<std::string>> ThreadUrlIndex::find(Storage& store, const std::string& normalised_url) {
  std::unordered_set<std::string> stale;
  {
    std::lock_guard lock(mutex_);
    stale.swap(stale_keys_);
    if (built_ && stale.empty()) {
      const auto hit = key_of_url_.find(normalised_url);
      return hit == key_of_url_.end() ? std::optional<std::string>() : std::optional<std::string>(hit->second);
    }
  }
  for (const auto& key : stale) {  // other instances' registrations since the last lookup
    auto row = store.thread_record(key);
    if (!row) {
      std::lock_guard lock(mutex_);
      stale_keys_.insert(stale.begin(), stale.end());
      return row.error();
    }
    std::lock_guard lock(mutex_);
    put_locked(key, *row ? (*row)->url : std::string());
  }
  bool built = false;
  {
    std::lock_guard lock(mutex_);
    built = built_;
  }
  if (!built) {
    std::lock_guard building(build_mutex_);
    bool still_missing = false;
    {
      std::lock_guard lock(mutex_);
      still_missing = !built_;
    }
    if (still_missing)
      if (auto r = build(store); !r) return r.error();
  }
  std::lock_guard lock(mutex_);
  const auto hit = key_of_url_.find(normalised_url);
  return hit == key_of_url_.end() ? std::optional<std::string>() : std::optional<std::string>(hit->second);
}

void ThreadUrlIndex::note(const std::string& key, const std::string& url) {
  std::lock_guard lock(mutex_);
  put_locked(key, url);
}

void ThreadUrlIndex::forget(const std::string& key) {
  std::lock_guard lock(mutex_);
  stale_keys_.insert(key);
}

void ThreadUrlIndex::forget_all() {
  std::lock_guard lock(mutex_);
  built_ = false;
  ++generation_;
}

}  // namespace soundoff::server
