// Small helpers every route uses: JSON responses and errors, the request's
// client, content-type and thread-key checks, the clock.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include <httplib.h>
#include <nlohmann/json.hpp>

#include "soundoff/result.h"

namespace soundoff::server {

struct ServerState;

std::int64_t now_ms();

// Serialises with invalid UTF-8 replaced (the input was validated; this is a
// second line of defence, never a throw).
std::string dump_json(const nlohmann::json& j);

void send_json(httplib::Response& res, int status, const std::string& body);
// `{"code", "message"}` with `status`.
void send_error(httplib::Response& res, int status, const std::string& code, const std::string& message);

// True for application/json with or without parameters such as charset.
bool is_json_request(const httplib::Request& req);

// The client address after trusted proxies (client_ip.h).
std::string request_client(const httplib::Request& req, const ServerState& state);

// Thread keys are what sites use as article ids: 1..200 of [A-Za-z0-9._~:-].
bool valid_thread_key(std::string_view key);
// Sends 400 invalid_thread and returns true when `key` is not a valid thread key.
bool refuse_bad_thread(const std::string& key, httplib::Response& res);

// Parses a request body that must be a JSON object; on failure sends
// 415/400 and returns a discarded value.
nlohmann::json parse_json_object(const httplib::Request& req, httplib::Response& res);

// A 429 with Retry-After when `limiter` refuses this client.
bool refuse_if_limited(class RateLimiter& limiter, const std::string& client, httplib::Response& res);

}  // namespace soundoff::server
