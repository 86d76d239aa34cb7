// The moderator's desk: a comment as the queues show it, and the actions on
// one comment (docs/moderation-api.md, "Actions on comments"). One place for
// both the single routes and bulk, so each id gets the same storage write,
// cache update and audit row.
#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>

#include "server/moderator_auth.h"
#include "server/storage.h"

namespace soundoff::server {

struct ServerState;

enum class DeskAction { approve, reject, remove, erase, pin, unpin, edit };

// "approve", "reject", "delete", "erase", "pin", "unpin", "edit".
std::string_view desk_action_name(DeskAction action);
std::optional<DeskAction> parse_desk_action(std::string_view name);

// A queue item: the comment with email, ip, network, reasons, its parent's
// first 140 characters and its permalink. `full_reasons`: the stored
// "code: message" strings (the old queue) instead of the codes.
nlohmann::json desk_item(ServerState& state, const HeldComment& comment, bool full_reasons = false);

// What one action did: 200 and the body to send, or an error.
struct ActionResult {
  int status = 200;
  std::string code;  // empty on success
  std::string message;
  nlohmann::json body;
};

// Applies `action` to comment `id` (`new_body` for edit, already checked),
// updates the thread cache and writes the audit row "comment.<audit_name>".
ActionResult apply_desk_action(ServerState& state, const Actor& actor, DeskAction action, const std::string& id,
                               const std::string& new_body, const std::string& audit_name);

// The body of an edit, checked like a new comment's; nullopt with `problem` set when it is not acceptable.
std::optional<std::string> checked_body(const ServerState& state, const nlohmann::json& request, std::string& problem);

}  // namespace soundoff::server
