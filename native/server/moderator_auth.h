// Who is asking, for every moderation and console route: a moderator signed
// in with a session cookie, or automation holding the bearer admin token
// (docs/moderation-api.md). One place decides, so every route applies the
// same roles, CSRF rule and failure throttle.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "server/http_types.h"

namespace soundoff::server {

struct ServerState;

enum class Role { moderator, admin };

std::string_view role_name(Role role);
std::optional<Role> parse_role(std::string_view name);

// The person (or token) behind a request, as the audit log records it.
struct Actor {
  std::string name;  // the account name, or "token" for the bearer token
  Role role = Role::moderator;
  std::string via;      // "session" or "token"
  std::string network;  // the client's network (request_network), "from where"
};

// Lets the request through when it carries a valid session (or the bearer
// token) whose role is at least `needed`; otherwise sends 401/403/429 and
// returns nullopt. For state-changing methods it also demands intent
// (refuse_without_intent) and, for sessions, the CSRF token in X-CSRF-Token.
// Failed attempts are throttled per network.
std::optional<Actor> authorize(ServerState& state, const HttpRequest& req, HttpResponse& res, Role needed);

// What authorize found out about a session, for the routes about the session
// itself (account_routes.cpp): /session, logout, a password change.
struct SessionInfo {
  std::string id_hash;  // empty when the request used the bearer token
  std::string csrf;
  std::int64_t expires_ms = 0;  // when the session ends unless it is used again
};

// authorize, also filling `session` (when not null) for a session's request.
std::optional<Actor> authorize(ServerState& state, const HttpRequest& req, HttpResponse& res, Role needed,
                               SessionInfo* session);

// Whether a request with this method changes something (and so needs intent and CSRF).
bool state_changing(const HttpRequest& req);

}  // namespace soundoff::server
