// What every route handler shares: configuration, storage, the thread cache,
// the rate limiters and the access log. Owned by CommentServer.
#pragma once

#include <memory>

#include "server/access_log.h"
#include "server/ban_list.h"
#include "server/config.h"
#include "server/network_address.h"
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
        login_by_network(config.login_limit, true),
        login_by_name(config.login_limit, true),
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
  ~ServerState() { store.reset(); }
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
  // Failed console logins (account_routes.cpp), per network and per account
  // name: a guesser spread over many networks still meets the name's limit.
  RateLimiter login_by_network;
  RateLimiter login_by_name;
  std::unique_ptr<AccessLog> log;
  // The unexpired bans, checked on every public POST (ban_list.h); reloaded after each change.
  BanList bans;
};

// Route groups, one file each.
void add_comment_routes(Router& http, ServerState& state);     // comment_routes.cpp
void add_action_routes(Router& http, ServerState& state);      // action_routes.cpp
void add_account_routes(Router& http, ServerState& state);     // account_routes.cpp
void add_moderation_routes(Router& http, ServerState& state);  // moderation_routes.cpp
void add_desk_routes(Router& http, ServerState& state);        // desk_routes.cpp
void add_ban_routes(Router& http, ServerState& state);         // ban_routes.cpp

}  // namespace soundoff::server
