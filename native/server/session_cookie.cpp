#include "server/session_cookie.h"

#include <string_view>

#include "server/server_state.h"

namespace soundoff::server {

namespace {

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

std::string attributes(bool secure) {
  return std::string("; Path=/; HttpOnly; SameSite=Strict") + (secure ? "; Secure" : "");
}

}  // namespace

std::string session_cookie(const HttpRequest& req) {
  // RFC 6265 cookie-pairs are "name=value" separated by "; "; a value never
  // holds ';' or ',', so splitting on both also handles several Cookie lines
  // (which get_header_value joins with ", ").
  const std::string header = req.get_header_value("Cookie");
  std::string_view rest = header;
  while (!rest.empty()) {
    const auto end = rest.find_first_of(";,");
    const std::string_view pair = trim(rest.substr(0, end));
    rest = end == std::string_view::npos ? std::string_view() : rest.substr(end + 1);
    const auto eq = pair.find('=');
    if (eq == std::string_view::npos || trim(pair.substr(0, eq)) != kSessionCookie) continue;
    std::string_view value = trim(pair.substr(eq + 1));
    if (value.size() >= 2 && value.front() == '"' && value.back() == '"') value = value.substr(1, value.size() - 2);
    return std::string(value);
  }
  return {};
}

bool came_over_tls(const HttpRequest& req, const ServerState& state) {
  const auto peer = IpAddress::parse(req.remote_addr);
  if (!peer || !in_any(state.trusted_proxies, *peer)) return false;
  // The proxy nearest us appends last.
  const std::string proto = req.get_header_value("X-Forwarded-Proto");
  const auto comma = proto.rfind(',');
  const std::string_view last =
      trim(comma == std::string::npos ? std::string_view(proto) : std::string_view(proto).substr(comma + 1));
  return last == "https";
}

std::string set_session_cookie(const std::string& id, std::int64_t max_age_s, bool secure) {
  return std::string(kSessionCookie) + "=" + id + "; Max-Age=" + std::to_string(max_age_s) + attributes(secure);
}

std::string clear_session_cookie(bool secure) {
  return std::string(kSessionCookie) + "=; Max-Age=0" + attributes(secure);
}

}  // namespace soundoff::server
