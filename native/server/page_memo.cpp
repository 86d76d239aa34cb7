#include "server/page_memo.h"

namespace soundoff::server {

std::shared_ptr<const RenderedPage> PageMemo::find(const std::string& key) {
  std::lock_guard lock(mutex_);
  const auto it = slots_.find(key);
  if (it == slots_.end()) return nullptr;
  lru_.splice(lru_.begin(), lru_, it->second.position);
  return it->second.page;
}

void PageMemo::remember(const std::string& key, std::shared_ptr<const RenderedPage> page) {
  // The key is stored twice (map and list) besides the body and tag.
  const std::size_t cost = page->body.size() + page->etag.size() + 2 * key.size() + 128;
  if (cost > budget_) return;
  std::lock_guard lock(mutex_);
  if (const auto it = slots_.find(key); it != slots_.end()) {
    used_ -= it->second.cost;
    lru_.erase(it->second.position);
    slots_.erase(it);
  }
  while (used_ + cost > budget_ && !lru_.empty()) {
    const auto victim = slots_.find(lru_.back());
    used_ -= victim->second.cost;
    slots_.erase(victim);
    lru_.pop_back();
  }
  lru_.push_front(key);
  slots_[key] = Slot{std::move(page), lru_.begin(), cost};
  used_ += cost;
}

std::size_t PageMemo::bytes() const {
  std::lock_guard lock(mutex_);
  return used_;
}

}  // namespace soundoff::server
