#include "server/http_util.h"

#include <algorithm>
#include <chrono>

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

void send_json(httplib::Response& res, int status, const std::string& body) {
  res.status = status;
  res.set_content(body, "application/json; charset=utf-8");
}

void send_error(httplib::Response& res, int status, const std::string& code, const std::string& message) {
  send_json(res, status, dump_json({{"code", code}, {"message", message}}));
}

bool is_json_request(const httplib::Request& req) {
  std::string type = req.get_header_value("Content-Type");
  type = type.substr(0, type.find(';'));
  while (!type.empty() && type.back() == ' ') type.pop_back();
  std::transform(type.begin(), type.end(), type.begin(), [](unsigned char c) { return std::tolower(c); });
  return type == "application/json";
}

std::string request_client(const httplib::Request& req, const ServerState& state) {
  return client_ip(req.remote_addr, req.get_header_value("X-Forwarded-For"), state.config.trusted_proxies);
}

bool valid_thread_key(std::string_view key) {
  if (key.empty() || key.size() > 200) return false;
  return std::all_of(key.begin(), key.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' || c == '_' ||
           c == '~' || c == ':' || c == '-';
  });
}

bool refuse_bad_thread(const std::string& key, httplib::Response& res) {
  if (valid_thread_key(key)) return false;
  send_error(res, 400, "invalid_thread", "thread keys are 1 to 200 of A-Z a-z 0-9 . _ ~ : -");
  return true;
}

nlohmann::json parse_json_object(const httplib::Request& req, httplib::Response& res) {
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

bool refuse_if_limited(RateLimiter& limiter, const std::string& client, httplib::Response& res) {
  const auto decision = limiter.take(client, now_ms());
  if (decision.allowed) return false;
  res.set_header("Retry-After", std::to_string(decision.retry_after_s));
  send_error(res, 429, "rate_limited",
             "too many requests from this address; retry in " + std::to_string(decision.retry_after_s) + " s");
  return true;
}

}  // namespace soundoff::server
