// Bearer token and (issue 16) session checks for every moderation route.
#include "server/moderator_auth.h"

#include "server/http_util.h"
#include "server/server_state.h"

namespace soundoff::server {

namespace {

// Compares without an early exit, so response time does not reveal how
// much of a guessed token was right.
bool same_token(std::string_view given, std::string_view secret) {
  if (secret.empty()) return false;
  std::size_t diff = given.size() ^ secret.size();
  for (std::size_t i = 0; i < given.size(); ++i)
    diff |= static_cast<unsigned char>(given[i]) ^ static_cast<unsigned char>(secret[i % secret.size()]);
  return diff == 0;
}

bool state_changing(const HttpRequest& req) {
  return req.method != "GET" && req.method != "HEAD" && req.method != "OPTIONS";
}

// The bearer token: 401 without credentials, 403 with wrong ones or when no
// token is configured.
std::optional<Actor> token_actor(const ServerState& state, const HttpRequest& req, HttpResponse& res) {
  const std::string header = req.get_header_value("Authorization");
  constexpr std::string_view kBearer = "Bearer ";
  if (header.size() <= kBearer.size() || header.compare(0, kBearer.size(), kBearer) != 0) {
    res.set_header("WWW-Authenticate", "Bearer realm=\"soundoff moderation\"");
    send_error(res, 401, "unauthorized", "moderation needs Authorization: Bearer <token>");
    return std::nullopt;
  }
  if (state.config.admin_token.empty()) {
    send_error(res, 403, "moderation_disabled", "no admin token is configured (SOUNDOFF_ADMIN_TOKEN)");
    return std::nullopt;
  }
  if (!same_token(header.substr(kBearer.size()), state.config.admin_token)) {
    send_error(res, 403, "forbidden", "the token is not the admin token");
    return std::nullopt;
  }
  return Actor{"token", Role::admin, "token", {}};
}

}  // namespace

std::string_view role_name(Role role) { return role == Role::admin ? "admin" : "moderator"; }

std::optional<Role> parse_role(std::string_view name) {
  if (name == "admin") return Role::admin;
  if (name == "moderator") return Role::moderator;
  return std::nullopt;
}

std::optional<Actor> authorize(ServerState& state, const HttpRequest& req, HttpResponse& res, Role needed) {
  if (state_changing(req) && refuse_without_intent(state, req, res)) return std::nullopt;
  const std::string network = request_network(req, state);
  // A network that failed too often gets 429 without its credentials being
  // looked at, so guessing costs time.
  if (const auto locked = state.auth_failures.peek(network, now_ms()); !locked.allowed) {
    res.set_header("Retry-After", std::to_string(locked.retry_after_s));
    send_error(res, 429, "rate_limited", "too many failed attempts from this network; retry later");
    return std::nullopt;
  }
  auto actor = token_actor(state, req, res);
  if (!actor) {
    state.auth_failures.take(network, now_ms());
    return std::nullopt;
  }
  if (needed == Role::admin && actor->role != Role::admin) {
    send_error(res, 403, "forbidden", "this needs the admin role");
    return std::nullopt;
  }
  actor->network = network;
  return actor;
}

}  // namespace soundoff::server
