#include "server/server.h"

#include <atomic>
#include <chrono>
#include <thread>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>

#include <httplib.h>

#include "server/demo_page.h"
#include "server/http_util.h"
#include "server/server_state.h"
#include "soundoff/document.h"

namespace soundoff::server {

struct CommentServer::Impl {
  Impl(ServerConfig config, std::unique_ptr<Storage> store, std::unique_ptr<AccessLog> log)
      : state(std::move(config), std::move(store), std::move(log)) {}
  ServerState state;
  httplib::Server http;
  std::atomic<bool> run_active{false};
  std::atomic<bool> stop_requested{false};
};

namespace {

// When the current request started; set before routing, read by the logger
// (httplib handles one request at a time per worker thread).
thread_local std::chrono::steady_clock::time_point request_start;

const char* default_code(int status) {
  switch (status) {
    case 400: return "bad_request";
    case 404: return "not_found";
    case 405: return "method_not_allowed";
    case 413: return "too_large";
    case 414: return "uri_too_long";
    default: return status >= 500 ? "internal_error" : "http_error";
  }
}

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
  return state.store->insert_batch(rows);
}

void configure_http(httplib::Server& http, ServerState& state) {
  const int threads = state.config.threads;
  http.new_task_queue = [threads] { return new httplib::ThreadPool(static_cast<std::size_t>(threads)); };
  // Headers and body go out in separate writes; without TCP_NODELAY, Nagle
  // plus delayed ACK holds every small response back ~40 ms.
  http.set_tcp_nodelay(true);
  http.set_keep_alive_max_count(1000);
  http.set_keep_alive_timeout(5);
  http.set_read_timeout(5);
  http.set_write_timeout(5);
  http.set_payload_max_length(state.config.max_body_bytes);
  http.set_default_headers({{"X-Content-Type-Options", "nosniff"}});

  http.set_pre_routing_handler([&state](const httplib::Request& req, httplib::Response& res) {
    request_start = std::chrono::steady_clock::now();
    const std::string origin = req.get_header_value("Origin");
    if (!origin.empty() && allowed_origin(state.config, origin)) {
      res.set_header("Access-Control-Allow-Origin", origin);
      res.set_header("Vary", "Origin");
    }
    return httplib::Server::HandlerResponse::Unhandled;
  });

  http.set_error_handler(httplib::Server::HandlerWithResponse([](const httplib::Request&, httplib::Response& res) {
    if (!res.body.empty()) return httplib::Server::HandlerResponse::Unhandled;
    send_error(res, res.status, default_code(res.status),
               res.status == 413 ? "the request body is larger than the server accepts"
                                   : "HTTP " + std::to_string(res.status) + " for this method and path");
    return httplib::Server::HandlerResponse::Handled;
  }));

  http.set_exception_handler([](const httplib::Request&, httplib::Response& res, std::exception_ptr) {
    send_error(res, 500, "internal_error", "the server failed to handle this request");
  });

  http.set_logger([&state](const httplib::Request& req, const httplib::Response& res) {
    AccessRecord r;
    r.time_ms = now_ms();
    r.client = request_client(req, state);
    r.method = req.method;
    r.path = req.path;
    r.query = req.target.find('?') == std::string::npos ? "" : req.target.substr(req.target.find('?') + 1);
    r.status = res.status;
    r.bytes = res.body.size();
    r.duration_ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - request_start).count();
    state.log->write(r);
  });

  // CORS preflight: only configured origins may call the API from a browser.
  http.Options(R"(/api/.*)", [&state](const httplib::Request& req, httplib::Response& res) {
    if (!allowed_origin(state.config, req.get_header_value("Origin"))) {
      send_error(res, 403, "origin_not_allowed", "this origin may not call the API");
      return;
    }
    res.set_header("Access-Control-Allow-Methods", "GET, POST, OPTIONS");
    res.set_header("Access-Control-Allow-Headers", "Content-Type, Authorization, If-None-Match");
    res.set_header("Access-Control-Expose-Headers", "ETag, Retry-After, Location");
    res.set_header("Access-Control-Max-Age", "600");
    res.status = 204;
  });

  add_comment_routes(http, state);
  add_action_routes(http, state);
  add_moderation_routes(http, state);

  const auto demo = [](const std::string& thread, httplib::Response& res) {
    res.set_header("Content-Security-Policy",
                   // The engine is compiled without dynamic code and needs nothing beyond 'self' to fetch.
                   "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self' 'unsafe-inline'; "
                   "connect-src 'self'");
    res.set_content(demo_article_html(thread), "text/html; charset=utf-8");
  };
  http.Get("/", [&state, demo](const httplib::Request&, httplib::Response& res) { demo(state.config.demo_thread, res); });
  http.Get("/demo", [&state, demo](const httplib::Request&, httplib::Response& res) {
    demo(state.config.demo_thread, res);
  });
  http.Get(R"(/demo/([^/]+))", [demo](const httplib::Request& req, httplib::Response& res) {
    const std::string thread = req.matches[1];
    if (refuse_bad_thread(thread, res)) return;
    demo(thread, res);
  });

  if (!state.config.static_dir.empty()) {
    if (std::filesystem::is_directory(state.config.static_dir)) {
      http.set_mount_point("/", state.config.static_dir);
      http.set_file_extension_and_mimetype_mapping("js", "text/javascript; charset=utf-8");
      http.set_file_extension_and_mimetype_mapping("mjs", "text/javascript; charset=utf-8");
      http.set_file_extension_and_mimetype_mapping("wasm", "application/wasm");
    } else {
      std::cerr << "soundoff serve: static directory " << state.config.static_dir
                << " does not exist (yet); widget files will 404\n";
    }
  }
}

}  // namespace

CommentServer::CommentServer(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
CommentServer::~CommentServer() = default;

Result<std::unique_ptr<CommentServer>> CommentServer::create(ServerConfig config) {
  if (config.db_path.empty())
    return Error{"invalid_config", "give the database (--db PATH, sqlite:PATH or postgres://...)"};
  if (!valid_thread_key(config.demo_thread))
    return Error{"invalid_config", "demo_thread \"" + config.demo_thread + "\" is not a valid thread key"};
  auto store = open_storage(config.db_path, {config.synchronous, config.db_pool});
  if (!store) return store.error();
  auto log = AccessLog::open(config.access_log);
  if (!log) return log.error();
  auto impl = std::make_unique<Impl>(std::move(config), std::move(*store), std::move(*log));
  ServerState& state = impl->state;
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
  configure_http(impl->http, state);
  return std::unique_ptr<CommentServer>(new CommentServer(std::move(impl)));
}

Result<int> CommentServer::bind() {
  const auto& c = impl_->state.config;
  if (c.port == 0) {
    const int port = impl_->http.bind_to_any_port(c.host);
    if (port <= 0) return Error{"bind_failed", "cannot listen on " + c.host};
    return port;
  }
  if (!impl_->http.bind_to_port(c.host, c.port))
    return Error{"bind_failed", "cannot listen on " + c.host + ":" + std::to_string(c.port)};
  return c.port;
}

bool CommentServer::run() {
  impl_->run_active = true;
  const bool ok = impl_->stop_requested || impl_->http.listen_after_bind();
  impl_->run_active = false;
  return ok;
}

void CommentServer::stop() {
  // httplib's stop() does nothing until the listen loop has started, so a
  // stop that races with run() waits for the loop (or for run() to give up).
  impl_->stop_requested = true;
  while (impl_->run_active && !impl_->http.is_running())
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
  impl_->http.stop();
}

bool CommentServer::running() const { return impl_->http.is_running(); }

}  // namespace soundoff::server
