// Small helpers every route uses: JSON responses and errors, the request's
// client, intent and content-type checks, thread-key checks, the clock.
#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "server/http_types.h"
#include "soundoff/html_escape.h"
#include "soundoff/result.h"

namespace soundoff::server {

struct ServerState;

std::int64_t now_ms();

// Serialises with invalid UTF-8 replaced (the input was validated; this is a
// second line of defence, never a throw).
std::string dump_json(const nlohmann::json& j);

void send_json(HttpResponse& res, int status, const std::string& body);
// `{"code", "message"}` with `status`.
void send_error(HttpResponse& res, int status, const std::string& code, const std::string& message);
// A generic 500: the details (`error`, which may quote SQLite or libpq) go
// to the server's log only, never to the client.
void send_internal_error(HttpResponse& res, const Error& error);

// What every HTML page the server makes carries: a strict CSP (only our own
// scripts, the engine's wasm, nothing framing us) and X-Frame-Options for
// browsers without frame-ancestors.
void set_html_page_headers(HttpResponse& res);

// True for application/json with or without parameters such as charset.
bool is_json_request(const HttpRequest& req);

// A state-changing request must show intent a cross-site form or a "simple"
// fetch cannot fake: Content-Type application/json (which makes a browser
// send a CORS preflight first) and, when Origin is sent, an allowed origin or
// the server's own. Sends 415 or 403 and returns true when it refuses.
bool refuse_without_intent(const ServerState& state, const HttpRequest& req, HttpResponse& res);

// The client address after trusted proxies (client_ip.h).
std::string request_client(const HttpRequest& req, const ServerState& state);
// What one party controls of that address (an IPv4 address, an IPv6 /64):
// the key of votes, reports and rate limits.
std::string request_network(const HttpRequest& req, const ServerState& state);

// Thread keys are what sites use as article ids: 1..200 of [A-Za-z0-9._~:-].
bool valid_thread_key(std::string_view key);
// Sends 400 invalid_thread and returns true when `key` is not a valid thread key.
bool refuse_bad_thread(const std::string& key, HttpResponse& res);

// Parses a request body that must be a JSON object; on failure sends
// 415/400 and returns a discarded value.
nlohmann::json parse_json_object(const HttpRequest& req, HttpResponse& res);

// A 429 with Retry-After when `limiter` refuses this client (key).
bool refuse_if_limited(class RateLimiter& limiter, const std::string& client, HttpResponse& res);

}  // namespace soundoff::server
