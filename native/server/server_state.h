// What every route handler shares: configuration, storage, the thread cache,
// the rate limiters and the access log. Owned by CommentServer.
#pragma once

#include <cstdio>
#include <memory>

#include "server/access_log.h"
#include "server/ban_list.h"
#include "server/config.h"
#include "server/http_util.h"
#include "server/live_policy.h"
#include "server/live_site_model.h"
#include "server/network_address.h"
#include "server/outbox_sender.h"
#include "server/page_memo.h"
#include "server/privacy_key.h"
#include "server/rate_limiter.h"
#include "server/retention_job.h"
#include "server/router.h"
#include "server/settings_hooks.h"
#include "server/sso_token.h"
#include "server/storage.h"
#include "server/thread_cache.h"
#include "server/thread_states.h"
#include "server/thread_url_index.h"

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
        log(std::move(l)),
        threads([this](const std::string& key) { return store->thread_record(key); }),
        policy(config.spam_policy),
        site_model(config.site_model_min_examples) {
    // Thread states and the live policy that another instance changed (the bans code can add its own hook).
    // The raw pointer, not `store`: ~ServerState empties `store` before the
    // storage's destructor stops the listener, which may still be calling in.
    on_settings_changed.add([this, storage = store.get()](const std::string& kind, const std::string& name) {
      if (kind.empty() || kind == "thread") threads.invalidate(name);
      if (kind.empty()) thread_urls.forget_all();
      if (kind == "thread") thread_urls.forget(name);
      if (kind.empty() || (kind == "setting" && name == kSpamPolicySetting)) reload_policy(*storage);
      if (kind.empty() || kind == "ban") reload_bans(*storage);
      if (kind.empty() || kind == "site_model") site_model.mark_stale();
    });
    store->watch_settings(
        [this](const std::string& kind, const std::string& name) { on_settings_changed.notify(kind, name); });
    // Other instances' writes reach this cache through the database. (The
    // raw pointer again: a notification may arrive while ~ServerState waits
    // for the listener, when `store` is already empty.)
    store->watch([this, storage = store.get()](const std::string& thread, const std::string& id) {
      if (id.empty()) {
        cache.invalidate(thread);
      } else {
        cache.refresh(thread, [&] { return storage->load_comment(thread, id); });
      }
    });
  }
  // The listener thread lives in the storage and calls into the cache: stop it first.
  // The outbox sender uses the storage: it stops before it.
  ~ServerState() {
    outbox.reset();
    retention.reset();
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
  // Failed console logins (account_routes.cpp), per network and per account
  // name: a guesser spread over many networks still meets the name's limit.
  RateLimiter login_by_network;
  RateLimiter login_by_name;
  std::unique_ptr<AccessLog> log;
  // The unexpired bans, checked on every public POST (ban_list.h); reloaded after each change.
  BanList bans;
  // The thread registry's states (closed, registered) and the live spam policy (docs/moderation-api.md).
  ThreadStates threads;
  ThreadUrlIndex thread_urls;  // page URL -> thread key, for GET /api/threads?url= (thread_url_index.h)
  LivePolicy policy;
  // The site model learnt from moderators' judgements (live_site_model.h, docs/spam.md).
  LiveSiteModel site_model;
  // Called (from the storage's listener thread) when another instance changed a setting or a thread state.
  SettingsHooks on_settings_changed;

  void reload_bans(Storage& storage) {
    if (auto r = bans.reload(storage, now_ms()); !r)
      std::fprintf(stderr, "soundoff serve: %s\n", r.error().message.c_str());
  }
  void reload_policy(Storage& storage) {
    if (auto r = policy.reload(storage); !r) std::fprintf(stderr, "soundoff serve: %s\n", r.error().message.c_str());
  }
  // The site's sign-in token checker when identity.mode is not "anonymous" (sso_request.h), else null.
  std::shared_ptr<const SsoVerifier> sso;
  std::unique_ptr<OutboxSender> outbox;  // when notifications are configured (start_notifications)
  std::string reader_token_key;          // the reader mail links' key, when reader mail is on (start_notifications)
  // Privacy (docs/privacy.md): the key of network pseudonyms, kept current by the retention job (start_privacy).
  std::shared_ptr<CurrentNetworkKey> network_key = std::make_shared<CurrentNetworkKey>();
  std::unique_ptr<RetentionJob> retention;
};

// Route groups, one file each.
void add_comment_routes(Router& http, ServerState& state);     // comment_routes.cpp
void add_action_routes(Router& http, ServerState& state);      // action_routes.cpp
void add_account_routes(Router& http, ServerState& state);     // account_routes.cpp
void add_moderation_routes(Router& http, ServerState& state);  // moderation_routes.cpp
void add_feed_routes(Router& http, ServerState& state);        // feed_routes.cpp
void add_desk_routes(Router& http, ServerState& state);        // desk_routes.cpp
void add_ban_routes(Router& http, ServerState& state);         // ban_routes.cpp
void add_policy_routes(Router& http, ServerState& state);      // policy_routes.cpp
void add_thread_routes(Router& http, ServerState& state);      // thread_routes.cpp
void add_outbox_routes(Router& http, ServerState& state);      // outbox_routes.cpp
// Reader mail links (reader_mail_routes.cpp): /notify/confirm and /notify/unsubscribe, and their key: `configured`,
// else the one kept in the database (made on first use).
void add_reader_mail_routes(Router& http, ServerState& state);
Result<std::string> reader_token_key(Storage& store, const std::string& configured);
// The reader's erase link /notify/erase (reader_erase_routes.cpp).
void add_reader_erase_routes(Router& http, ServerState& state);
// Starts the outbox sender and tells the storage where events go, when any are configured (outbox_routes.cpp).
void start_notifications(ServerState& state);
// POST /api/admin/erase (privacy_routes.cpp).
void add_privacy_routes(Router& http, ServerState& state);
// Loads the network key and starts the retention job (privacy_routes.cpp).
Result<bool> start_privacy(ServerState& state);

}  // namespace soundoff::server
