// Own comments (issue 21, docs/server-api.md "Editing and deleting your own
// comment"): PATCH and DELETE /api/threads/{thread}/comments/{id} with the
// edit key a POST answered, within edit_window_minutes of posting.
#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>

#include "server/http_types.h"
#include "server/submission_policy.h"
#include "soundoff/comment.h"
#include "soundoff/result.h"

namespace soundoff::server {

struct ServerState;
class Router;

// PATCH and DELETE /api/threads/{thread}/comments/{id} (own_comment_routes.cpp).
void add_own_comment_routes(Router& http, ServerState& state);

// Adds "edit_key" and "editable_until" (ISO 8601) to a POST's 201 answer.
void add_edit_key_fields(const ServerState& state, const std::string& edit_key, std::int64_t created_ms,
                         nlohmann::json& answer);

// The spam check a new comment passes, for `candidate` (the comment with
// its new body): the comment's own old text is left out of the context.
// In comment_routes.cpp, beside the POST's check.
Result<SubmissionVerdict> judge_edited_comment(ServerState& state, const HttpRequest& req, const Comment& candidate,
                                               const std::string& client, const std::string& email, bool signed_in);

}  // namespace soundoff::server
