#include "server/connection_registry.h"

namespace soundoff::server {

std::shared_ptr<Evictable> ConnectionRegistry::drop_locked(std::uint64_t id) {
  const auto it = entries_.find(id);
  if (it == entries_.end()) return nullptr;
  auto connection = it->second.connection.lock();
  auto net = networks_.find(it->second.network);
  if (net != networks_.end()) {
    net->second.waiting.erase(id);
    if (--net->second.count == 0) networks_.erase(net);
  }
  waiting_.erase(id);
  entries_.erase(it);
  return connection;
}

ConnectionRegistry::Admission ConnectionRegistry::admit(const std::string& network, bool exempt,
                                                        std::weak_ptr<Evictable> connection) {
  std::vector<std::shared_ptr<Evictable>> victims;
  Admission out;
  {
    std::lock_guard lock(mutex_);
    if (!exempt) {
      auto net = networks_.find(network);
      if (net != networks_.end() && net->second.count >= per_network_) {
        if (net->second.waiting.empty()) return out;
        victims.push_back(drop_locked(*net->second.waiting.begin()));
      }
    }
    if (entries_.size() >= total_) {
      if (waiting_.empty()) return out;
      victims.push_back(drop_locked(*waiting_.begin()));
    }
    out.admitted = true;
    out.id = next_id_++;
    // Exempt connections share one uncapped bucket.
    const std::string key = exempt ? std::string() : network;
    entries_[out.id] = Entry{key, exempt, true, std::move(connection)};
    auto& net = networks_[key];
    ++net.count;
    if (!exempt) net.waiting.insert(out.id);
    waiting_.insert(out.id);
  }
  // Outside the lock: evict() may run the connection's close right here.
  for (auto& v : victims)
    if (v) v->evict();
  return out;
}

void ConnectionRegistry::set_waiting(std::uint64_t id, bool waiting) {
  std::lock_guard lock(mutex_);
  const auto it = entries_.find(id);
  if (it == entries_.end()) return;
  it->second.waiting = waiting;
  auto& net = networks_[it->second.network];
  if (waiting) {
    waiting_.insert(id);
    if (!it->second.exempt) net.waiting.insert(id);
  } else {
    waiting_.erase(id);
    net.waiting.erase(id);
  }
}

void ConnectionRegistry::release(std::uint64_t id) {
  std::lock_guard lock(mutex_);
  drop_locked(id);
}

void ConnectionRegistry::evict_waiting() {
  std::vector<std::shared_ptr<Evictable>> victims;
  {
    std::lock_guard lock(mutex_);
    while (!waiting_.empty()) victims.push_back(drop_locked(*waiting_.begin()));
  }
  for (auto& v : victims)
    if (v) v->evict();
}

std::size_t ConnectionRegistry::size() const {
  std::lock_guard lock(mutex_);
  return entries_.size();
}

}  // namespace soundoff::server
