#include "server/http_util.h"

#include <algorithm>
#include <chrono>
#include <iostream>

#include "server/client_ip.h"
#include "server/rate_limiter.h"
#include "server/server_state.h"

namespace soundoff::server {

std::int64_t now_ms() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::system_clock::now().time_since_epoch())
      .count();
}

std::string dump_json(const nlohmann::json& j) {
  return j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

void send_json(HttpResponse& res, int status, const std::string& body) {
  res.status = status;
  res.set_content(body, "application/json; charset=utf-8");
}

void send_error(HttpResponse& res, int status, const std::string& code, const std::string& message) {
  send_json(res, status, dump_json({{"code", code}, {"message", message}}));
}

void send_internal_error(HttpResponse& res, const Error& error) {
  std::cerr << "soundoff serve: internal error " << error.code << ": " << error.message << "\n";
  send_error(res, 500, "internal_error", "the server failed to handle this request");
}

void set_html_page_headers(HttpResponse& res) {
  res.set_header("Content-Security-Policy",
                 // The engine is compiled without dynamic code and needs nothing beyond 'self' to fetch.
                 "default-src 'none'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self' 'unsafe-inline'; "
                 "img-src 'self' data:; connect-src 'self'; font-src 'self'; base-uri 'none'; form-action 'self'; "
                 "frame-ancestors 'none'; object-src 'none'");
  res.set_header("X-Frame-Options", "DENY");
  res.set_header("Referrer-Policy", "same-origin");
}

bool is_json_request(const HttpRequest& req) {
  std::string type = req.get_header_value("Content-Type");
  type = type.substr(0, type.find(';'));
  while (!type.empty() && type.back() == ' ') type.pop_back();
  std::transform(type.begin(), type.end(), type.begin(), [](unsigned char c) { return std::tolower(c); });
  return type == "application/json";
}

namespace {

// The server's own origin as a browser writes it for a page it served.
bool own_origin(const HttpRequest& req, const std::string& origin) {
  const std::string host = req.get_header_value("Host");
  if (host.empty() || host.find(',') != std::string::npos) return false;
  return origin == "http://" + host || origin == "https://" + host;
}

}  // namespace

bool refuse_without_intent(const ServerState& state, const HttpRequest& req, HttpResponse& res) {
  if (!is_json_request(req)) {
    send_error(res, 415, "unsupported_media_type", "send the body as Content-Type: application/json");
    return true;
  }
  if (!req.has_header("Origin")) return false;  // not a browser, or a same-origin GET-style client
  const std::string origin = req.get_header_value("Origin");
  const auto& allowed = state.config.cors_origins;
  if (std::find(allowed.begin(), allowed.end(), origin) != allowed.end() || own_origin(req, origin)) return false;
  send_error(res, 403, "origin_not_allowed", "this origin may not change anything here");
  return true;
}

std::string request_client(const HttpRequest& req, const ServerState& state) {
  return client_ip(req.remote_addr, req.get_header_value("X-Forwarded-For"), state.trusted_proxies);
}

std::string request_network(const HttpRequest& req, const ServerState& state) {
  return network_key(request_client(req, state));
}

bool valid_thread_key(std::string_view key) {
  if (key.empty() || key.size() > 200) return false;
  return std::all_of(key.begin(), key.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' || c == '_' ||
           c == '~' || c == ':' || c == '-';
  });
}

bool refuse_bad_thread(const std::string& key, HttpResponse& res) {
  if (valid_thread_key(key)) return false;
  send_error(res, 400, "invalid_thread", "thread keys are 1 to 200 of A-Z a-z 0-9 . _ ~ : -");
  return true;
}

nlohmann::json parse_json_object(const HttpRequest& req, HttpResponse& res) {
  if (!is_json_request(req)) {
    send_error(res, 415, "unsupported_media_type", "send the body as Content-Type: application/json");
    return nlohmann::json(nlohmann::json::value_t::discarded);
  }
  auto j = nlohmann::json::parse(req.body, nullptr, false);
  if (j.is_discarded()) {
    send_error(res, 400, "invalid_json", "the body is not valid JSON (or not valid UTF-8)");
    return j;
  }
  if (!j.is_object()) {
    send_error(res, 400, "invalid_json", "the body must be a JSON object");
    return nlohmann::json(nlohmann::json::value_t::discarded);
  }
  return j;
}

bool refuse_if_limited(RateLimiter& limiter, const std::string& client, HttpResponse& res) {
  const auto decision = limiter.take(client, now_ms());
  if (decision.allowed) return false;
  res.set_header("Retry-After", std::to_string(decision.retry_after_s));
  send_error(res, 429, "rate_limited",
             "too many requests from this address; retry in " + std::to_string(decision.retry_after_s) + " s");
  return true;
}

}  // namespace soundoff::server
