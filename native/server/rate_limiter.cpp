#include "server/rate_limiter.h"

#include <algorithm>
#include <cmath>

#include "server/storage.h"

namespace soundoff::server {

RateDecision RateLimiter::take(const std::string& client, std::int64_t now_ms) {
  if (!enabled_) return {};
  if (shared_ != nullptr) {
    auto decision = shared_->take_token(kind_, client, limit_, now_ms);
    return decision ? *decision : RateDecision{};
  }
  const double per_ms = limit_.per_minute / 60000.0;
  std::lock_guard lock(mutex_);
  // Full buckets carry no information: drop them now and then so that many
  // distinct clients cannot grow the map without bound.
  if (now_ms - last_sweep_ms_ > 60000) {
    last_sweep_ms_ = now_ms;
    std::erase_if(buckets_, [&](const auto& kv) {
      return kv.second.tokens + static_cast<double>(now_ms - kv.second.updated_ms) * per_ms >= limit_.burst;
    });
  }
  auto [it, fresh] = buckets_.try_emplace(client, Bucket{limit_.burst, now_ms});
  Bucket& b = it->second;
  if (!fresh) {
    const auto elapsed = static_cast<double>(std::max<std::int64_t>(0, now_ms - b.updated_ms));
    b.tokens = std::min(limit_.burst, b.tokens + elapsed * per_ms);
    b.updated_ms = now_ms;
  }
  if (b.tokens >= 1.0) {
    b.tokens -= 1.0;
    return {};
  }
  const double wait_ms = (1.0 - b.tokens) / per_ms;
  return {false, static_cast<std::uint32_t>(std::max(1.0, std::ceil(wait_ms / 1000.0)))};
}

RateDecision RateLimiter::peek(const std::string& client, std::int64_t now_ms) {
  if (!enabled_) return {};
  const double per_ms = limit_.per_minute / 60000.0;
  std::lock_guard lock(mutex_);
  const auto it = buckets_.find(client);
  if (it == buckets_.end()) return {};
  const double elapsed = static_cast<double>(std::max<std::int64_t>(0, now_ms - it->second.updated_ms));
  const double tokens = std::min(limit_.burst, it->second.tokens + elapsed * per_ms);
  if (tokens >= 1.0) return {};
  return {false, static_cast<std::uint32_t>(std::max(1.0, std::ceil((1.0 - tokens) / per_ms / 1000.0)))};
}

}  // namespace soundoff::server
