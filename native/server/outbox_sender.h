// Drains the notification outbox (docs/notifications.md) on a thread of its
// own: claims due rows under a lease, hands each to its destination's
// Deliverer, and records the outcome: delivered, retried later with
// exponential backoff and jitter, or a dead letter after max_attempts.
// Several instances may run one each on a shared database (the claim keeps
// them apart); a row claimed by a sender that died is sent again once its
// lease runs out, so delivery is at least once.
#pragma once

#include <atomic>
#include <condition_variable>
#include <map>
#include <memory>
#include <mutex>
#include <random>
#include <string>
#include <thread>
#include <vector>

#include "server/notify_config.h"
#include "server/storage.h"

namespace soundoff::server {

struct DeliveryOutcome {
  bool delivered = false;
  std::string error;  // why not, for the dead-letter list
};

// Sends outbox rows to one kind of destination (webhook.h, mail.h).
class Deliverer {
 public:
  virtual ~Deliverer() = default;
  virtual DeliveryOutcome deliver(const OutboxEntry& entry) = 0;
  // A destination that sends the rows due together as one message (the
  // moderators' digest) says so.
  virtual bool gathers() const { return false; }
  // What the sender calls: with every row of this destination in a claimed
  // batch when it gathers(), else with one row, which the default delivers.
  virtual DeliveryOutcome deliver_together(const std::vector<const OutboxEntry*>& entries) {
    return deliver(*entries.front());
  }
};

class OutboxSender {
 public:
  // No delivery takes longer than this (the webhook's total timeout plus a margin).
  static constexpr std::int64_t kLongestDeliveryMs = 11000;
  // `destinations`: what each outbox destination name is delivered through.
  OutboxSender(Storage& store, OutboxConfig config, std::map<std::string, std::unique_ptr<Deliverer>> destinations);
  ~OutboxSender();
  OutboxSender(const OutboxSender&) = delete;
  OutboxSender& operator=(const OutboxSender&) = delete;

  // Starts the sender thread (once).
  void start();
  // Asks the thread to look for due rows now (after a console retry).
  void nudge();
  // Claims and handles one batch; returns how many rows it handled. What the
  // thread runs in a loop (and the benchmark calls directly).
  Result<std::size_t> drain_once();

 private:
  void run();
  // Records one outcome for rows delivered together; when they failed they
  // are due again together (one retry time), so a digest stays one mail.
  void settle(const std::vector<const OutboxEntry*>& rows, const DeliveryOutcome& outcome);

  Storage& store_;
  OutboxConfig config_;
  std::map<std::string, std::unique_ptr<Deliverer>> destinations_;
  std::string worker_;  // this process's id in claimed_by
  std::mt19937_64 random_;
  std::mutex mutex_;
  std::condition_variable wake_;
  std::atomic<bool> stopping_{false};
  bool nudged_ = false;
  std::thread thread_;
};

// The routes the storage writes rows for: each webhook URL with its events.
std::vector<OutboxRoute> outbox_routes(const NotifyConfig& config);

}  // namespace soundoff::server
