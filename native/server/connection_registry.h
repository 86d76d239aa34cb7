// Who holds connections: at most `per_network` per network (an IPv4
// address, an IPv6 /64) and `total` overall. When a network is at its limit,
// its oldest connection that is only waiting (for a request header, or idle
// between keep-alive requests) is closed to make room; a connection in the
// middle of a request is never cut. So hundreds of trickling connections from
// one network cost that network its own slots, not everyone's, and a normal
// reader that sends its request at once still gets in.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <set>
#include <string>
#include <vector>

namespace soundoff::server {

// What the registry can do to a connection it picked to make room.
class Evictable {
 public:
  virtual ~Evictable() = default;
  // Closes the connection soon; safe from any thread.
  virtual void evict() = 0;
};

class ConnectionRegistry {
 public:
  ConnectionRegistry(std::size_t per_network, std::size_t total) : per_network_(per_network), total_(total) {}

  struct Admission {
    bool admitted = false;
    std::uint64_t id = 0;
  };
  // Admits a new connection from `network`; `exempt` networks (trusted
  // proxies, which carry many clients) count only against the total. Evicts
  // waiting connections to make room; refuses when none can be evicted. A new
  // connection starts as waiting.
  Admission admit(const std::string& network, bool exempt, std::weak_ptr<Evictable> connection);
  // Marks a connection as waiting (evictable) or busy (in a request).
  void set_waiting(std::uint64_t id, bool waiting);
  // Forgets a closed connection.
  void release(std::uint64_t id);
  // Evicts every waiting connection (shutdown).
  void evict_waiting();
  std::size_t size() const;

 private:
  struct Entry {
    std::string network;
    bool exempt = false;
    bool waiting = true;
    std::weak_ptr<Evictable> connection;
  };
  struct Network {
    std::size_t count = 0;
    std::set<std::uint64_t> waiting;  // ids grow with time: the first is the oldest
  };
  // Takes the entry out of the counts (it is closing); returns who to evict.
  std::shared_ptr<Evictable> drop_locked(std::uint64_t id);

  std::size_t per_network_;
  std::size_t total_;
  mutable std::mutex mutex_;
  std::uint64_t next_id_ = 1;
  std::map<std::uint64_t, Entry> entries_;  // counted connections
  std::map<std::string, Network> networks_;
  std::set<std::uint64_t> waiting_;  // every waiting connection, oldest first
};

}  // namespace soundoff::server
