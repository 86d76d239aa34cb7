// The retention job (docs/privacy.md): replaces the raw addresses of rows
// older than privacy.ip_retention_days by keyed hashes of their networks.
// The server runs it on a thread of its own every purge_interval_s (like the
// outbox sender); `soundoff privacy purge` runs it once. The clock is
// injected so tests can move time without waiting for it.
#pragma once

#include <condition_variable>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <thread>

#include "server/privacy_config.h"
#include "server/privacy_key.h"
#include "server/storage.h"

namespace soundoff::server {

// Milliseconds since the epoch.
using RetentionClock = std::function<std::int64_t()>;

// The system clock.
std::int64_t system_clock_ms();

class RetentionJob {
 public:
  // `current_key` (may be null) is told the key each run loads.
  RetentionJob(Storage& store, PrivacyConfig config, RetentionClock clock = system_clock_ms,
               std::shared_ptr<CurrentNetworkKey> current_key = nullptr);
  ~RetentionJob();
  RetentionJob(const RetentionJob&) = delete;
  RetentionJob& operator=(const RetentionJob&) = delete;

  // One pass: loads the key, hashes what is older than now - retention.
  Result<PseudonymisedRows> run_once();
  // Starts the thread (once): a pass at once, then one every purge_interval_s.
  void start();

 private:
  void run();

  Storage& store_;
  PrivacyConfig config_;
  RetentionClock clock_;
  std::shared_ptr<CurrentNetworkKey> current_key_;
  std::mutex mutex_;
  std::condition_variable wake_;
  bool stopping_ = false;
  std::thread thread_;
};

}  // namespace soundoff::server
