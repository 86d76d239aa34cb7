// Per-client token buckets: `burst` requests at once, refilled continuously
// at `per_minute`. One limiter per kind of request (comments, actions).
#pragma once

#include <cstdint>
#include <mutex>
#include <string>
#include <unordered_map>

#include "server/config.h"

namespace soundoff::server {

struct RateDecision {
  bool allowed = true;
  std::uint32_t retry_after_s = 0;  // when refused: whole seconds until one token is back
};

class Storage;

class RateLimiter {
 public:
  RateLimiter(RateLimit limit, bool enabled) : limit_(limit), enabled_(enabled) {}
  // With a database several instances share, the buckets live in it (kind
  // names this limiter's buckets there), so a client meets one limit
  // whichever instance serves it. Storage errors let the request through:
  // the write that follows reports them.
  RateLimiter(RateLimit limit, bool enabled, Storage* shared, std::string kind)
      : limit_(limit), enabled_(enabled), shared_(shared), kind_(std::move(kind)) {}

  // Takes one token from `client`'s bucket at time `now_ms`.
  RateDecision take(const std::string& client, std::int64_t now_ms);
  // Whether take() would refuse now, without taking (in-memory buckets only).
  RateDecision peek(const std::string& client, std::int64_t now_ms);

 private:
  struct Bucket {
    double tokens = 0;
    std::int64_t updated_ms = 0;
  };
  RateLimit limit_;
  bool enabled_;
  Storage* shared_ = nullptr;
  std::string kind_;
  std::mutex mutex_;
  std::unordered_map<std::string, Bucket> buckets_;
  std::int64_t last_sweep_ms_ = 0;
};

}  // namespace soundoff::server
