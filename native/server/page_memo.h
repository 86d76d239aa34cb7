// Rendered pages kept for repeated reads, under one byte budget for the
// whole server, least recently used out first. Keys name the thread, the
// snapshot generation and the canonical request, so a write (a new snapshot)
// simply stops hitting its thread's old pages, which then age out. A crawler
// asking for every variant of a big page evicts its own pages, not memory.
#pragma once

#include <cstddef>
#include <list>
#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>

namespace soundoff::server {

struct RenderedPage {
  std::string body;
  std::string etag;
};

class PageMemo {
 public:
  explicit PageMemo(std::size_t budget_bytes) : budget_(budget_bytes) {}

  std::shared_ptr<const RenderedPage> find(const std::string& key);
  // Keeps `page` unless it alone is larger than the budget.
  void remember(const std::string& key, std::shared_ptr<const RenderedPage> page);
  std::size_t bytes() const;

 private:
  struct Slot {
    std::shared_ptr<const RenderedPage> page;
    std::list<std::string>::iterator position;
    std::size_t cost = 0;
  };
  std::size_t budget_;
  mutable std::mutex mutex_;
  std::size_t used_ = 0;
  std::list<std::string> lru_;  // most recently used first
  std::unordered_map<std::string, Slot> slots_;
};

}  // namespace soundoff::server
