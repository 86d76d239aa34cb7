// What every route handler shares: configuration, storage, the thread cache,
// the rate limiters and the access log. Owned by CommentServer.
#pragma once

#include <memory>

#include "server/access_log.h"
#include "server/config.h"
#include "server/network_address.h"
#include "server/outbox_sender.h"
#include "server/page_memo.h"
#include "server/rate_limiter.h"
#include "server/router.h"
#include "server/storage.h"
#include "server/thread_cache.h"

namespace soundoff::server {

struct ServerState {
  ServerState(ServerConfig c, std::unique_ptr<Storage> s, std::unique_ptr<AccessLog> l)
      : config(std::move(c)),
        trusted_proxies(parse_ranges(config.trusted_proxies, nullptr).value_or(std::vector<IpRange>{})),
        store(std::move(s)),
        cache([this](const std::string& thread) { return store->load_thread(thread); }, config.cache_threads,
              config.cache_bytes),
        page_memo(config.page_memo_bytes),
        comment_limiter(config.comment_limit, config.rate_limits_enabled, shared_store(), "comment"),
        action_limiter(config.action_limit, config.rate_limits_enabled, shared_store(), "action"),
        auth_failures(kAuthFailureLimit, true),
        log(std::move(l)) {
    // Other instances' writes reach this cache through the database.
    store->watch([this](const std::string& thread, const std::string& id) {
      if (id.empty()) {
        cache.invalidate(thread);
      } else {
        cache.refresh(thread, [&] { return store->load_comment(thread, id); });
      }
    });
  }
  // The listener thread lives in the storage and calls into the cache: stop it first.
  // The outbox sender uses the storage: it stops before it.
  ~ServerState() {
    outbox.reset();
    store.reset();
  }
  ServerState(const ServerState&) = delete;
  ServerState& operator=(const ServerState&) = delete;
  // The storage when several instances may share it (rate limits go there), else nullptr.
  Storage* shared_store() const { return store->shared() ? store.get() : nullptr; }

  ServerConfig config;
  std::vector<IpRange> trusted_proxies;  // config.trusted_proxies, parsed (CommentServer::create checked them)
  std::unique_ptr<Storage> store;
  ThreadCache cache;
  PageMemo page_memo;
  RateLimiter comment_limiter;
  RateLimiter action_limiter;
  // Failed moderation attempts (401/403) per network: a guesser gets 20, then one every 6 s.
  static constexpr RateLimit kAuthFailureLimit{10, 20};
  RateLimiter auth_failures;
  std::unique_ptr<AccessLog> log;
  std::unique_ptr<OutboxSender> outbox;  // when notifications are configured (start_notifications)
};

// Route groups, one file each.
void add_comment_routes(Router& http, ServerState& state);     // comment_routes.cpp
void add_action_routes(Router& http, ServerState& state);      // action_routes.cpp
void add_moderation_routes(Router& http, ServerState& state);  // moderation_routes.cpp
void add_feed_routes(Router& http, ServerState& state);        // feed_routes.cpp
void add_outbox_routes(Router& http, ServerState& state);      // outbox_routes.cpp
// Starts the outbox sender and tells the storage where events go, when any are configured (outbox_routes.cpp).
void start_notifications(ServerState& state);

}  // namespace soundoff::server
