// Server configuration: defaults, the optional JSON config file, and the
// environment. Everything the server can be told lives in ServerConfig.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "server/identity_config.h"
#include "server/notify_config.h"
#include "server/privacy_config.h"
#include "soundoff/result.h"
#include "soundoff/spam.h"

namespace soundoff::server {

// A token bucket: `burst` requests at once, refilled at `per_minute`.
struct RateLimit {
  double per_minute = 0;
  double burst = 0;
};

struct ServerConfig {
  std::string host = "127.0.0.1";
  int port = 8080;          // 0 picks a free port (printed on start)
  std::string db_path;      // required: an SQLite file (PATH or sqlite:PATH) or postgres://... (docs/storage.md)
  std::size_t db_pool = 8;  // PostgreSQL connections per instance
  std::string static_dir;   // widget files served at "/", if set
  std::string demo_thread = "russia-calls-for-talks-in-moscow-on-syria";
  std::string public_url;   // e.g. https://news.example: absolute links in feeds (empty: links relative to the server)
  std::string seed_file;    // comment document loaded into demo_thread when the database is new
  std::string admin_token;  // moderation Bearer token; empty disables moderation (403)
  std::vector<std::string> cors_origins;     // exact origins allowed to call the API from a browser
  std::vector<std::string> trusted_proxies;  // peers whose X-Forwarded-For is believed
  bool rate_limits_enabled = true;
  RateLimit comment_limit{6, 3};       // POST comment, per client IP
  RateLimit action_limit{60, 20};      // report and vote, per client IP
  std::uint32_t report_threshold = 3;  // distinct reports that hide a comment pending review
  bool hold_all = false;               // premoderation: every new comment waits in the queue
  SpamPolicy spam_policy;              // core spam check for new comments (docs/spam-policy.md); key "spam_policy"
  // The site model learnt from moderators (docs/spam.md): it counts only after this many spam and legitimate
  // judgements each; `site_model_file` (serve --site-model) is imported when the database's model is empty.
  std::uint32_t site_model_min_examples = 20;
  std::string site_model_file;
  std::size_t max_body_bytes = 64u << 10;  // request bodies; larger ones get 413
  std::size_t max_comment_bytes = 10000;   // the body field of a comment
  std::size_t max_author_bytes = 100;
  std::size_t cache_threads = 1000;         // assembled threads kept in memory
  std::size_t cache_bytes = 256u << 20;     // ...and about this much memory for them (least recently read out first)
  std::size_t page_memo_bytes = 16u << 20;  // rendered pages kept for repeated reads (page_memo.h)
  std::size_t max_page_comments = 5000;     // comments in one page response (threads and their replies)
  std::string synchronous = "full";         // SQLite synchronous mode: full or normal (see docs/server-api.md)
  std::string access_log = "-";             // "-" stderr, "off", or a file path (JSON lines)
  int threads = 16;                         // workers for requests that may wait for the database (writes, cold reads)
  int io_threads = 2;                       // threads running the event loop (every connection, cached reads)
  std::size_t max_connections_per_network = 128;  // per IPv4 address / IPv6 /64 (trusted proxies exempt)
  std::size_t max_connections = 10000;            // in all
  std::size_t static_cache_bytes = 64u << 20;     // static files kept in memory with their compressed forms
  std::uint32_t header_timeout_ms = 10000;        // the whole request header (and keep-alive idle time); then close
  // Console sessions (docs/moderation-api.md): they end this long after login, or after this long unused.
  // Numbers, not only whole ones (tests use a fraction of a minute).
  double session_hours = 12;
  double session_idle_minutes = 120;
  RateLimit login_limit{5, 10};  // failed logins, per network and per account name

  // Threads (docs/moderation-api.md, "Threads"): days after its first comment (or registration) a thread
  // closes by itself, 0 never; "open" (any valid key starts a thread) or "known" (only registered threads or
  // keys signed with thread_secret: hex HMAC-SHA256 of the key).
  std::uint32_t auto_close_days = 0;
  std::string thread_creation = "open";
  std::string thread_secret;
  IdentityConfig identity;  // sign-in with the site's account (identity_config.h, docs/sso.md); off by default
  NotifyConfig notify;      // webhooks and the outbox (notify_config.h, docs/notifications.md); off by default
  PrivacyConfig privacy;    // address retention and the network hash key (privacy_config.h, docs/privacy.md)
};

// Reads a JSON config file over `config` (only the keys present change).
// Errors name the key and why (code invalid_config), or the file (io_error).
Result<ServerConfig> load_config_file(const std::string& path, ServerConfig config);

// Applies SOUNDOFF_ADMIN_TOKEN when set (it wins over the file).
void apply_environment(ServerConfig& config);

}  // namespace soundoff::server
