// The console's session cookie, `soundoff_session` (docs/moderation-api.md):
// reading it from a request and writing the Set-Cookie that sets or clears
// it. HttpOnly (scripts cannot read it), SameSite=Strict (other sites cannot
// send it), Path=/, and Secure when the browser reached us over TLS.
#pragma once

#include <cstdint>
#include <string>

#include "server/http_types.h"

namespace soundoff::server {

struct ServerState;

inline constexpr const char* kSessionCookie = "soundoff_session";

// The first soundoff_session value in the Cookie header(s), or "".
std::string session_cookie(const HttpRequest& req);

// Whether the browser's connection was TLS: the server itself speaks plain
// HTTP, so only a trusted proxy's X-Forwarded-Proto: https says so.
bool came_over_tls(const HttpRequest& req, const ServerState& state);

// Set-Cookie values: a session lasting `max_age_s`, and one that deletes it.
std::string set_session_cookie(const std::string& id, std::int64_t max_age_s, bool secure);
std::string clear_session_cookie(bool secure);

}  // namespace soundoff::server
