// Bearer token and session checks for every moderation and console route.
#include "server/moderator_auth.h"

#include <algorithm>

#include "server/http_util.h"
#include "server/passwords.h"
#include "server/server_state.h"
#include "server/session_cookie.h"

namespace soundoff::server {

namespace {

constexpr std::string_view kBearer = "Bearer ";

void refuse_unauthenticated(HttpResponse& res, const std::string& message) {
  res.set_header("WWW-Authenticate", "Bearer realm=\"soundoff moderation\"");
  send_error(res, 401, "unauthorized", message);
}

// The bearer token: 401 for a malformed header; 403 with a wrong token or
// when no token is configured.
std::optional<Actor> token_actor(const ServerState& state, const HttpRequest& req, HttpResponse& res) {
  const std::string header = req.get_header_value("Authorization");
  if (header.size() <= kBearer.size() || header.compare(0, kBearer.size(), kBearer) != 0) {
    refuse_unauthenticated(res, "moderation needs Authorization: Bearer <token> or a console session");
    return std::nullopt;
  }
  if (state.config.admin_token.empty()) {
    send_error(res, 403, "moderation_disabled", "no admin token is configured (SOUNDOFF_ADMIN_TOKEN)");
    return std::nullopt;
  }
  if (!same_secret(header.substr(kBearer.size()), state.config.admin_token)) {
    send_error(res, 403, "forbidden", "the token is not the admin token");
    return std::nullopt;
  }
  return Actor{"token", Role::admin, "token", {}};
}

std::int64_t idle_ms(const ServerConfig& config) {
  return static_cast<std::int64_t>(config.session_idle_minutes * 60000.0);
}

// A session cookie: the row its id hashes to, still within both limits, of
// an account that is not disabled. Refreshes last_used at most once a minute
// (or a quarter of the idle limit, when that is shorter) so a busy console
// does not write on every request.
std::optional<Actor> session_actor(ServerState& state, const HttpRequest& req, HttpResponse& res,
                                   const std::string& cookie, SessionInfo* info) {
  const std::string hash = session_id_hash(cookie);
  const auto found = state.store->find_session(hash);
  if (!found) {
    send_internal_error(res, found.error());
    return std::nullopt;
  }
  const std::int64_t now = now_ms();
  const std::int64_t idle = idle_ms(state.config);
  if (!*found || (*found)->disabled || now >= (*found)->expires_ms || now >= (*found)->last_used_ms + idle) {
    if (*found) static_cast<void>(state.store->remove_session(hash));
    refuse_unauthenticated(res, "the session has ended or is unknown; sign in again");
    return std::nullopt;
  }
  const SessionRecord& s = **found;
  const auto role = parse_role(s.role);
  if (!role) {
    send_internal_error(res, Error{"storage_error", "user " + s.user + " has an unknown role " + s.role});
    return std::nullopt;
  }
  std::int64_t last_used = s.last_used_ms;
  if (now - last_used >= std::min<std::int64_t>(60000, idle / 4)) {
    if (const auto touched = state.store->touch_session(hash, now); touched && *touched) last_used = now;
  }
  if (info != nullptr) *info = SessionInfo{hash, s.csrf, std::min(s.expires_ms, last_used + idle)};
  return Actor{s.user, *role, "session", {}};
}

}  // namespace

std::string_view role_name(Role role) { return role == Role::admin ? "admin" : "moderator"; }

std::optional<Role> parse_role(std::string_view name) {
  if (name == "admin") return Role::admin;
  if (name == "moderator") return Role::moderator;
  return std::nullopt;
}

bool state_changing(const HttpRequest& req) {
  return req.method != "GET" && req.method != "HEAD" && req.method != "OPTIONS";
}

std::optional<Actor> authorize(ServerState& state, const HttpRequest& req, HttpResponse& res, Role needed) {
  return authorize(state, req, res, needed, nullptr);
}

std::optional<Actor> authorize(ServerState& state, const HttpRequest& req, HttpResponse& res, Role needed,
                               SessionInfo* session) {
  if (state_changing(req) && refuse_without_intent(state, req, res)) return std::nullopt;
  const std::string network = request_network(req, state);
  // A network that failed too often gets 429 without its credentials being
  // looked at, so guessing costs time.
  if (const auto locked = state.auth_failures.peek(network, now_ms()); !locked.allowed) {
    res.set_header("Retry-After", std::to_string(locked.retry_after_s));
    send_error(res, 429, "rate_limited", "too many failed attempts from this network; retry later");
    return std::nullopt;
  }
  // An explicit Authorization header wins over a cookie the browser happens to send.
  const std::string cookie = session_cookie(req);
  const bool use_session = !req.has_header("Authorization") && !cookie.empty();
  SessionInfo info;
  auto actor = use_session ? session_actor(state, req, res, cookie, &info) : token_actor(state, req, res);
  if (!actor) {
    if (res.status != 500) state.auth_failures.take(network, now_ms());
    return std::nullopt;
  }
  // A session rides on a cookie the browser adds by itself, so a change must
  // also show the token only our own page can read (login and /session return it).
  if (use_session && state_changing(req) && !same_secret(req.get_header_value("X-CSRF-Token"), info.csrf)) {
    send_error(res, 403, "csrf", "send the session's CSRF token in X-CSRF-Token (from login or /api/admin/session)");
    return std::nullopt;
  }
  if (needed == Role::admin && actor->role != Role::admin) {
    send_error(res, 403, "forbidden", "this needs the admin role");
    return std::nullopt;
  }
  actor->network = network;
  if (session != nullptr) *session = use_session ? info : SessionInfo{};
  return actor;
}

}  // namespace soundoff::server
