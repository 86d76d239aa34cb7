#include "server/retention_job.h"

#include <chrono>
#include <cstdio>

namespace soundoff::server {

std::int64_t system_clock_ms() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::system_clock::now().time_since_epoch())
      .count();
}

RetentionJob::RetentionJob(Storage& store, PrivacyConfig config, RetentionClock clock,
                           std::shared_ptr<CurrentNetworkKey> current_key)
    : store_(store), config_(std::move(config)), clock_(std::move(clock)), current_key_(std::move(current_key)) {}

RetentionJob::~RetentionJob() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  if (thread_.joinable()) thread_.join();
}

Result<PseudonymisedRows> RetentionJob::run_once() {
  const std::int64_t now = clock_();
  // Reloaded every pass: a key rotated by the CLI or another instance takes effect here.
  auto key = load_network_key(store_, config_, now);
  if (!key) return key.error();
  if (current_key_) current_key_->set(*key);
  const std::int64_t before = now - static_cast<std::int64_t>(config_.ip_retention_days) * 86400000;
  const NetworkHashKey k = *key;
  return store_.pseudonymise_addresses(before,
                                       [&k](const std::string& address) { return network_pseudonym(address, k); });
}

void RetentionJob::start() {
  if (!thread_.joinable()) thread_ = std::thread([this] { run(); });
}

void RetentionJob::run() {
  std::unique_lock lock(mutex_);
  while (!stopping_) {
    lock.unlock();
    if (auto r = run_once(); !r) {
      // A failed pass is retried at the next interval; the addresses stay as they were meanwhile.
      std::fprintf(stderr, "soundoff serve: retention job: %s\n", r.error().message.c_str());
    }
    lock.lock();
    wake_.wait_for(lock, std::chrono::seconds(config_.purge_interval_s), [this] { return stopping_; });
  }
}

}  // namespace soundoff::server
