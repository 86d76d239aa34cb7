#include "server/server.h"

#include <atomic>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>

#include "server/admin_page.h"
#include "server/demo_login.h"
#include "server/demo_page.h"
#include "server/html_page_routes.h"
#include "server/http_listener.h"
#include "server/http_util.h"
#include "server/own_comments.h"
#include "server/server_state.h"
#include "server/static_files.h"
#include "soundoff/document.h"

namespace soundoff::server {

struct CommentServer::Impl {
  Impl(ServerConfig config, std::unique_ptr<Storage> store, std::unique_ptr<AccessLog> log)
      : state(std::move(config), std::move(store), std::move(log)) {}
  ServerState state;
  Router router;
  std::unique_ptr<StaticFiles> static_files;
  std::unique_ptr<HttpListener> listener;
};

namespace {

// Below this an admin token can be guessed by a patient client; refuse to start with it.
constexpr std::size_t kMinAdminTokenBytes = 32;

bool allowed_origin(const ServerConfig& config, const std::string& origin) {
  for (const auto& o : config.cors_origins)
    if (o == origin) return true;
  return false;
}

// Loads the seed document into the demo thread of a new, empty database.
Result<std::size_t> load_seed(ServerState& state) {
  std::ifstream in(state.config.seed_file, std::ios::binary);
  if (!in) return Error{"io_error", "cannot read seed file " + state.config.seed_file};
  std::stringstream text;
  text << in.rdbuf();
  auto document = parse_document(text.str());
  if (!document) return document.error();
  std::vector<NewComment> rows;
  for (const auto& c : document->comments) {
    NewComment row;
    row.thread = state.config.demo_thread;
    row.parent = c.parent;  // an external id; insert_batch maps it to the new id
    row.author = c.author;
    row.body = c.body;
    row.external_id = c.id;
    row.created_ms = c.created_ms;
    row.status = c.status;
    rows.push_back(std::move(row));
  }
  auto inserted = state.store->insert_batch(rows);
  if (!inserted) return inserted;
  // The demo thread is the site's own: registered, so it takes comments under thread_creation "known" too.
  if (auto r = state.store->register_thread(state.config.demo_thread, "", "", now_ms()); !r) return r.error();
  return inserted;
}

// CORS preflight: only configured origins may call the API from a browser.
void add_cors_routes(Router& http, ServerState& state) {
  http.options(R"(/api/.*)", [&state](const HttpRequest& req, HttpResponse& res) {
    if (!allowed_origin(state.config, req.get_header_value("Origin"))) {
      send_error(res, 403, "origin_not_allowed", "this origin may not call the API");
      return;
    }
    res.set_header("Access-Control-Allow-Methods", "GET, POST, PATCH, DELETE, OPTIONS");
    res.set_header("Access-Control-Allow-Headers",
                   "Content-Type, Authorization, If-None-Match, X-Soundoff-User, X-Soundoff-Edit-Key");
    res.set_header("Access-Control-Expose-Headers", "ETag, Retry-After, Location");
    res.set_header("Access-Control-Max-Age", "600");
    res.status = 204;
  });
}

void add_demo_routes(Router& http, ServerState& state) {
  const auto demo = [&state](const std::string& thread, const HttpRequest& req, HttpResponse& res) {
    set_html_page_headers(res);
    res.set_header("Cache-Control", "no-cache");
    res.set_content(demo_article_html(thread, demo_comments_html(state, thread, req), demo_login_enabled(state)),
                    "text/html; charset=utf-8");
  };
  http.get("/",
           [&state, demo](const HttpRequest& req, HttpResponse& res) { demo(state.config.demo_thread, req, res); });
  http.get("/demo",
           [&state, demo](const HttpRequest& req, HttpResponse& res) { demo(state.config.demo_thread, req, res); });
  http.get(R"(/demo/([^/]+))", [demo](const HttpRequest& req, HttpResponse& res) {
    const std::string thread = req.matches[1];
    if (refuse_bad_thread(thread, res)) return;
    demo(thread, req, res);
  });
}

void add_static_files(CommentServer::Impl& impl) {
  const std::string& dir = impl.state.config.static_dir;
  if (dir.empty()) return;
  if (!std::filesystem::is_directory(dir))
    std::cerr << "soundoff serve: static directory " << dir << " does not exist (yet); widget files will 404\n";
  impl.static_files = std::make_unique<StaticFiles>(dir, impl.state.config.static_cache_bytes);
  impl.router.set_fallback(
      [files = impl.static_files.get()](const HttpRequest& req, HttpResponse& res) { files->serve(req, res); });
}

// Every request: CORS headers for allowed origins, then the route; an
// exception (a bug) becomes a generic 500, never a dropped connection.
void handle(CommentServer::Impl& impl, HttpRequest& req, HttpResponse& res) {
  const std::string origin = req.get_header_value("Origin");
  if (!origin.empty() && allowed_origin(impl.state.config, origin)) {
    res.set_header("Access-Control-Allow-Origin", origin);
    res.set_header("Vary", "Origin");
  }
  try {
    impl.router.dispatch(req, res);
  } catch (const std::exception& e) {
    res = HttpResponse{};
    send_internal_error(res, Error{"exception", e.what()});
  } catch (...) {
    res = HttpResponse{};
    send_internal_error(res, Error{"exception", "unknown exception"});
  }
}

void log_request(ServerState& state, const HttpRequest& req, int status, std::size_t bytes, double ms) {
  AccessRecord r;
  r.time_ms = now_ms();
  r.client = request_client(req, state);
  r.method = req.method;
  r.path = req.path;
  r.query = req.query();
  r.status = status;
  r.bytes = bytes;
  r.duration_ms = ms;
  state.log->write(r);
}

// Writes and anything that may wait for the database or the disk run on the
// worker pool (static files too: a file's first read compresses it); reads of
// a cached thread are answered on the I/O threads.
bool may_block(ServerState& state, const HttpRequest& req) {
  if (req.method != "GET" && req.method != "HEAD") return req.method != "OPTIONS";
  static const std::string kThreads = "/api/threads/";
  if (req.path.compare(0, kThreads.size(), kThreads) == 0) {
    const auto slash = req.path.find('/', kThreads.size());
    if (slash == std::string::npos) return true;  // GET /api/threads/{key}: the registry row, from storage
    const std::string thread = req.path.substr(kThreads.size(), slash - kThreads.size());
    if (!state.cache.is_current(thread)) return true;
    // A page says whether its thread is closed: that state too must be in memory to answer here.
    return req.path.compare(slash, std::string::npos, "/comments") == 0 && !state.threads.is_cached(thread);
  }
  return req.path.compare(0, 5, "/api/") == 0 || !state.config.static_dir.empty();
}

ListenerLimits listener_limits(const ServerState& state) {
  const ServerConfig& c = state.config;
  ListenerLimits limits;
  limits.body_bytes = c.max_body_bytes;
  limits.header_timeout = std::chrono::milliseconds(c.header_timeout_ms);
  limits.connections_per_network = c.max_connections_per_network;
  limits.max_connections = c.max_connections;
  limits.exempt_networks = state.trusted_proxies;
  limits.io_threads = c.io_threads;
  limits.workers = c.threads;
  limits.default_headers = {{"X-Content-Type-Options", "nosniff"}};
  return limits;
}

void configure_http(CommentServer::Impl& impl) {
  ServerState& state = impl.state;
  add_cors_routes(impl.router, state);
  add_comment_routes(impl.router, state);
  add_own_comment_routes(impl.router, state);
  add_action_routes(impl.router, state);
  add_account_routes(impl.router, state);
  add_moderation_routes(impl.router, state);
  add_feed_routes(impl.router, state);
  add_desk_routes(impl.router, state);
  add_ban_routes(impl.router, state);
  add_policy_routes(impl.router, state);
  add_thread_routes(impl.router, state);
  add_outbox_routes(impl.router, state);
  add_reader_mail_routes(impl.router, state);
  add_reader_erase_routes(impl.router, state);
  add_privacy_routes(impl.router, state);
  add_demo_routes(impl.router, state);
  add_demo_login_route(impl.router, state);
  add_html_page_routes(impl.router, state);
  add_admin_page_routes(impl.router);
  add_static_files(impl);
  impl.listener = std::make_unique<HttpListener>(
      listener_limits(state), [&impl](HttpRequest& req, HttpResponse& res) { handle(impl, req, res); },
      [&state](const HttpRequest& req) { return may_block(state, req); },
      [&state](const HttpRequest& req, int status, std::size_t bytes, double ms) {
        log_request(state, req, status, bytes, ms);
      });
}

// Settings the server must not start with: they would fail open.
std::optional<Error> unsafe_config(const ServerConfig& config) {
  if (!valid_thread_key(config.demo_thread))
    return Error{"invalid_config", "demo_thread \"" + config.demo_thread + "\" is not a valid thread key"};
  if (!config.admin_token.empty() && config.admin_token.size() < kMinAdminTokenBytes)
    return Error{"invalid_config", "the admin token must be at least " + std::to_string(kMinAdminTokenBytes) +
                                       " bytes (e.g. openssl rand -hex 32); it has " +
                                       std::to_string(config.admin_token.size())};
  if (config.thread_creation != "open" && config.thread_creation != "known")
    return Error{"invalid_config", "thread_creation must be \"open\" or \"known\""};
  std::string bad;
  if (!parse_ranges(config.trusted_proxies, &bad))
    return Error{"invalid_config", "trusted_proxies entry \"" + bad.substr(0, 60) +
                                       "\" is not an IP address or CIDR range (a.b.c.d, a.b.c.d/n, x::/n)"};
  return std::nullopt;
}

}  // namespace

CommentServer::CommentServer(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
CommentServer::~CommentServer() = default;

Result<std::unique_ptr<CommentServer>> CommentServer::create(ServerConfig config) {
  if (config.db_path.empty())
    return Error{"invalid_config", "give the database (--db PATH, sqlite:PATH or postgres://...)"};
  if (auto unsafe = unsafe_config(config)) return *unsafe;
  auto store = open_storage(config.db_path, {config.synchronous, config.db_pool});
  if (!store) return store.error();
  auto log = AccessLog::open(config.access_log);
  if (!log) return log.error();
  auto impl = std::make_unique<Impl>(std::move(config), std::move(*store), std::move(*log));
  ServerState& state = impl->state;
  if (auto bans = state.bans.reload(*state.store, now_ms()); !bans) return bans.error();
  if (state.config.identity.mode != "anonymous") {
    auto sso = SsoVerifier::create(state.config.identity);
    if (!sso) return sso.error();
    state.sso = std::move(*sso);
  }
  if (!state.config.seed_file.empty()) {
    const auto total = state.store->comment_total();
    if (!total) return total.error();
    if (*total == 0) {
      const auto seeded = load_seed(state);
      if (!seeded) return seeded.error();
      std::cerr << "soundoff serve: new database: loaded " << *seeded << " comments into thread "
                << state.config.demo_thread << "\n";
    }
  }
  // The live spam policy (docs/moderation-api.md): what a moderator stored wins over the config file's.
  if (auto policy = state.policy.reload(*state.store); !policy) {
    if (policy.error().code != "invalid_policy") return policy.error();
    std::cerr << "soundoff serve: " << policy.error().message << "\n";
  }
  // The site model learnt from moderators (docs/spam.md), seeded from --site-model when the database has none.
  if (!state.config.site_model_file.empty())
    if (auto imported = import_site_model_file(*state.store, state.config.site_model_file); !imported)
      return imported.error();
  if (auto model = state.site_model.reload(*state.store); !model) return model.error();
  configure_http(*impl);
  start_notifications(state);
  if (auto privacy = start_privacy(state); !privacy) return privacy.error();
  return std::unique_ptr<CommentServer>(new CommentServer(std::move(impl)));
}

Result<int> CommentServer::bind() {
  const auto& c = impl_->state.config;
  return impl_->listener->bind(c.host, c.port);
}

bool CommentServer::run() { return impl_->listener->run(); }

void CommentServer::stop() { impl_->listener->stop(); }

bool CommentServer::running() const { return impl_->listener->running(); }

}  // namespace soundoff::server
