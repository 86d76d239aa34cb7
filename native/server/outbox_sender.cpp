#include "server/outbox_sender.h"

#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <iostream>
#include <iterator>

namespace soundoff::server {

namespace {

std::string random_worker_id() {
  std::random_device device;
  char id[40];
  std::snprintf(id, sizeof id, "%d-%08x%08x", static_cast<int>(getpid()), device(), device());
  return id;
}

}  // namespace

std::vector<OutboxRoute> outbox_routes(const NotifyConfig& config) {
  std::vector<OutboxRoute> routes;
  for (const auto& hook : config.webhooks) routes.push_back({hook.url, hook.events});
  if (config.mails_moderators())
    routes.push_back({"email", {std::begin(kModeratorAlerts), std::end(kModeratorAlerts)}, config.moderator_digest_ms});
  return routes;
}

OutboxSender::OutboxSender(Storage& store, OutboxConfig config,
                           std::map<std::string, std::unique_ptr<Deliverer>> destinations)
    : store_(store),
      config_(config),
      destinations_(std::move(destinations)),
      worker_(random_worker_id()),
      random_(std::random_device{}()) {}

OutboxSender::~OutboxSender() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  if (thread_.joinable()) thread_.join();
}

void OutboxSender::start() {
  if (!thread_.joinable()) thread_ = std::thread([this] { run(); });
}

void OutboxSender::nudge() {
  {
    std::lock_guard lock(mutex_);
    nudged_ = true;
  }
  wake_.notify_all();
}

Result<std::size_t> OutboxSender::drain_once() {
  const std::int64_t claimed_at = outbox_clock_ms();
  auto claimed = store_.claim_outbox(worker_, claimed_at, config_.lease_ms, config_.batch);
  if (!claimed) return claimed.error();
  // A delivery may take up to its timeout; one started later could still be
  // running when the lease ends and another sender takes the row too.
  const std::int64_t last_start =
      claimed_at + config_.lease_ms - std::min<std::int64_t>(kLongestDeliveryMs, config_.lease_ms / 2);
  std::vector<bool> sent(claimed->size(), false);  // handed over with an earlier row of a gathering destination
  for (std::size_t i = 0; i < claimed->size(); ++i) {
    if (sent[i]) continue;
    // Stopping, or out of lease: what is left stays leased and is sent after the lease runs out.
    if (stopping_ || outbox_clock_ms() > last_start) break;
    const OutboxEntry& entry = (*claimed)[i];
    std::vector<const OutboxEntry*> rows{&entry};
    const auto it = destinations_.find(entry.destination);
    // A destination removed from the config since the row was written: nothing will ever take it.
    if (it == destinations_.end()) {
      settle(rows, {false, "destination is no longer configured"});
      continue;
    }
    if (it->second->gathers()) {
      for (std::size_t j = i + 1; j < claimed->size(); ++j) {
        if ((*claimed)[j].destination != entry.destination) continue;
        rows.push_back(&(*claimed)[j]);
        sent[j] = true;
      }
    }
    settle(rows, it->second->deliver_together(rows));
  }
  return claimed->size();
}

void OutboxSender::settle(const std::vector<const OutboxEntry*>& rows, const DeliveryOutcome& outcome) {
  const std::int64_t now = outbox_clock_ms();
  std::int64_t attempts = 0;
  for (const auto* row : rows) attempts = std::max(attempts, row->attempts);
  const std::int64_t next = now + retry_delay_ms(attempts, config_.backoff_base_ms, config_.backoff_cap_ms, random_);
  for (const auto* row : rows) {
    Result<bool> recorded = true;
    if (outcome.delivered) {
      recorded = store_.outbox_delivered(row->id, worker_, now);
    } else {
      const bool dead = row->attempts >= config_.max_attempts || !destinations_.count(row->destination);
      recorded = store_.outbox_failed(row->id, worker_, next, dead, outcome.error);
    }
    // Not recorded: the lease runs out and the row is sent again (at least once).
    if (!recorded) std::cerr << "soundoff outbox: " << recorded.error().message << "\n";
  }
}

void OutboxSender::run() {
  while (true) {
    std::size_t handled = 0;
    if (auto drained = drain_once(); drained) {
      handled = *drained;
    } else {
      std::cerr << "soundoff outbox: " << drained.error().message << "\n";
    }
    std::unique_lock lock(mutex_);
    if (stopping_) return;
    // A full batch suggests more are due: look again at once.
    if (handled >= config_.batch) continue;
    wake_.wait_for(lock, std::chrono::milliseconds(config_.poll_ms), [this] { return stopping_ || nudged_; });
    nudged_ = false;
    if (stopping_) return;
  }
}

}  // namespace soundoff::server
