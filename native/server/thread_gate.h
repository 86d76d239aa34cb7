// The thread rules every new comment passes (docs/moderation-api.md,
// "Threads"): a closed thread takes none (403 closed), and under
// thread_creation "known" only a registered thread or a signed key does
// (403 unknown_thread); a valid signature registers the thread.
#pragma once

#include <nlohmann/json.hpp>
#include <string>

#include "server/http_types.h"
#include "soundoff/result.h"

namespace soundoff::server {

struct ServerState;

// Sends 403 (or 500) and returns true when `thread` takes no new comment
// now. `body` is the POST's JSON (it may carry "thread_sig").
bool refuse_thread_post(ServerState& state, const std::string& thread, const HttpRequest& req,
                        const nlohmann::json& body, HttpResponse& res);

// After a comment was stored: a thread the registry had no row for has one
// now (the insert trigger made it), which the next check must read.
void thread_written(ServerState& state, const std::string& thread);

// Whether the thread's page says "closed" now (closed, or past auto-close).
Result<bool> thread_closed_now(ServerState& state, const std::string& thread);

}  // namespace soundoff::server
