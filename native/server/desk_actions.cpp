#include "server/desk_actions.h"

#include <algorithm>
#include <iostream>

#include "server/audit.h"
#include "server/http_util.h"
#include "server/network_block.h"
#include "server/server_state.h"
#include "soundoff/time.h"
#include "soundoff/utf8.h"

namespace soundoff::server {

namespace {

using nlohmann::json;

constexpr std::size_t kParentExcerptChars = 140;

constexpr std::string_view kActionNames[] = {"approve", "reject", "delete", "erase", "pin", "unpin", "edit"};

// The first `chars` code points of valid UTF-8 `text`.
std::string first_chars(const std::string& text, std::size_t chars) {
  std::size_t i = 0, n = 0;
  while (i < text.size() && n < chars) {
    ++i;
    while (i < text.size() && (static_cast<unsigned char>(text[i]) & 0xC0) == 0x80) ++i;
    ++n;
  }
  return text.substr(0, i);
}

// "links: 3 links" -> "links"; a bare code stays as it is.
std::string reason_code(const std::string& reason) { return reason.substr(0, reason.find(':')); }

ActionResult failure(int status, std::string code, std::string message) {
  return ActionResult{status, std::move(code), std::move(message), json()};
}

// A storage failure: the details go to the server's log only (as send_internal_error does).
ActionResult internal_failure(const Error& error) {
  std::cerr << "soundoff serve: internal error " << error.code << ": " << error.message << "\n";
  return failure(500, "internal_error", "the server failed to handle this request");
}

void update_comment(ServerState& state, const std::string& thread, const std::string& id,
                    const std::function<void(Comment&)>& change) {
  state.cache.update(thread, [&](std::vector<Comment>& comments) {
    for (auto& c : comments)
      if (c.id == id) change(c);
  });
}

Result<bool> change_status(ServerState& state, const CommentRef& ref, Status status) {
  std::lock_guard write(state.cache.write_mutex());
  auto changed = state.store->set_status(ref.thread, ref.id, status);
  if (changed && *changed)
    update_comment(state, ref.thread, ref.id, [&](Comment& c) {
      c.status = status;
      if (status == Status::published) c.reports = 0;  // as storage does
    });
  return changed;
}

// A moderator's verdict: the status and what the site model learns from it
// commit together (Storage::judge); the next check reads the model again.
Result<bool> judge_status(ServerState& state, const CommentRef& ref, Status status) {
  std::lock_guard write(state.cache.write_mutex());
  auto changed = state.store->judge(ref.thread, ref.id, status);
  if (changed && *changed) {
    state.site_model.mark_stale();
    update_comment(state, ref.thread, ref.id, [&](Comment& c) {
      c.status = status;
      if (status == Status::published) c.reports = 0;  // as storage does
    });
  }
  return changed;
}

Result<bool> change_pin(ServerState& state, const CommentRef& ref, bool pin) {
  std::lock_guard write(state.cache.write_mutex());
  auto order = state.store->set_pinned(ref.thread, ref.id, pin);
  if (!order) return order.error();
  if (!*order) return false;
  update_comment(state, ref.thread, ref.id, [&](Comment& c) { c.pinned = **order; });
  return true;
}

Result<bool> change_body(ServerState& state, const CommentRef& ref, const std::string& body) {
  std::lock_guard write(state.cache.write_mutex());
  const std::int64_t when = now_ms();
  auto changed = state.store->edit_body(ref.thread, ref.id, body, when);
  if (changed && *changed)
    update_comment(state, ref.thread, ref.id, [&](Comment& c) {
      c.body = body;
      c.edited_ms = when;
    });
  return changed;
}

Result<EraseOutcome> erase_comment(ServerState& state, const CommentRef& ref) {
  std::lock_guard write(state.cache.write_mutex());
  auto outcome = state.store->erase(ref.thread, ref.id);
  if (!outcome) return outcome;
  if (*outcome == EraseOutcome::removed) {
    state.cache.update(ref.thread, [&](std::vector<Comment>& comments) {
      comments.erase(std::remove_if(comments.begin(), comments.end(), [&](const Comment& c) { return c.id == ref.id; }),
                     comments.end());
    });
  } else if (*outcome == EraseOutcome::tombstoned) {
    update_comment(state, ref.thread, ref.id, [](Comment& c) {
      c.status = Status::deleted;
      c.author.clear();
      c.body.clear();
      c.up = c.down = c.score = c.reports = c.pinned = 0;
    });
  }
  return outcome;
}

bool has_control(std::string_view s) {
  return std::any_of(s.begin(), s.end(), [](char c) {
    const auto u = static_cast<unsigned char>(c);
    if (c == '\n' || c == '\r' || c == '\t') return false;
    return u < 0x20 || u == 0x7f;
  });
}

// Where a moderator reads the comment in context: the article's URL from the
// thread registry when the site gave one, else the server's demo page of
// the thread (remembered by ThreadStates, so a queue page costs no queries).
std::string permalink(ServerState& state, const Comment& c) {
  std::string page = "/demo/" + c.thread;
  if (const auto thread = state.threads.get(c.thread); thread && *thread && !(*thread)->url.empty())
    page = (*thread)->url;
  return page + "#comment-" + c.id;
}

}  // namespace

std::string_view desk_action_name(DeskAction action) { return kActionNames[static_cast<int>(action)]; }

std::optional<DeskAction> parse_desk_action(std::string_view name) {
  for (std::size_t i = 0; i < std::size(kActionNames); ++i)
    if (kActionNames[i] == name) return static_cast<DeskAction>(i);
  return std::nullopt;
}

json desk_item(ServerState& state, const HeldComment& h, bool full_reasons) {
  const Comment& c = h.comment;
  json parent_excerpt = nullptr;
  if (!c.parent.empty()) {
    if (const auto parent = state.store->desk_comment(c.parent); parent && *parent)
      parent_excerpt = first_chars((*parent)->comment.body, kParentExcerptChars);
  }
  json reasons = json::array();
  for (const auto& r : h.reasons) reasons.push_back(full_reasons ? r : reason_code(r));
  const std::string network = network_block(h.ip);
  return {{"id", c.id},
          {"thread", c.thread},
          {"parent", c.parent.empty() ? json(nullptr) : json(c.parent)},
          {"parent_excerpt", parent_excerpt},
          {"author", c.author},
          {"email", h.email},
          {"ip", h.ip},
          {"network", network.empty() ? json(nullptr) : json(network)},
          {"body", c.body},
          {"created", format_iso8601(c.created_ms)},
          {"edited", c.edited_ms == 0 ? json(nullptr) : json(format_iso8601(c.edited_ms))},
          {"status", std::string(status_name(c.status))},
          {"reports", c.reports},
          {"reasons", reasons},
          {"pinned", c.pinned != 0},
          // The author's account badge (docs/sso.md): what readers see beside the name, so moderators see it too.
          {"badge", c.badge.empty() ? json(nullptr) : json(c.badge)},
          {"permalink", permalink(state, c)}};
}

std::optional<std::string> checked_body(const ServerState& state, const json& request, std::string& problem) {
  const auto it = request.find("body");
  if (it == request.end() || !it->is_string()) {
    problem = "body must be a string";
    return std::nullopt;
  }
  std::string body = it->get<std::string>();
  const auto first = body.find_first_not_of(" \t\r\n");
  body = first == std::string::npos ? std::string() : body.substr(first, body.find_last_not_of(" \t\r\n") + 1 - first);
  if (body.empty()) {
    problem = "body must not be empty";
  } else if (!is_valid_utf8(body)) {
    problem = "body is not valid UTF-8";
  } else if (body.size() > state.config.max_comment_bytes) {
    problem = "body is longer than " + std::to_string(state.config.max_comment_bytes) + " bytes";
  } else if (has_control(body)) {
    problem = "body contains control characters";
  } else {
    return body;
  }
  return std::nullopt;
}

ActionResult apply_desk_action(ServerState& state, const Actor& actor, DeskAction action, const std::string& id,
                               const std::string& new_body, const std::string& audit_name) {
  const std::string shown_id = id.substr(0, 40);
  const auto found = state.store->find(id);
  if (!found) {
    return internal_failure(found.error());
  }
  if (!*found) return failure(404, "not_found", "no comment " + shown_id);
  const CommentRef ref = **found;
  json detail = {{"thread", ref.thread}};
  Result<bool> done = true;
  switch (action) {
    case DeskAction::approve:
      done = judge_status(state, ref, Status::published);
      break;
    case DeskAction::reject:
      done = judge_status(state, ref, Status::spam);
      break;
    case DeskAction::remove:
      done = change_status(state, ref, Status::deleted);
      break;
    case DeskAction::pin:
    case DeskAction::unpin: {
      if (action == DeskAction::pin) {
        const auto current = state.store->desk_comment(id);
        if (current && *current && !(*current)->comment.parent.empty())
          return failure(409, "not_top_level", "only top-level comments can be pinned; " + shown_id + " is a reply");
      }
      done = change_pin(state, ref, action == DeskAction::pin);
      break;
    }
    case DeskAction::edit: {
      if (const auto before = state.store->desk_comment(id); before && *before)
        detail["old_body"] = (*before)->comment.body;
      detail["new_body"] = new_body;
      done = change_body(state, ref, new_body);
      break;
    }
    case DeskAction::erase: {
      const auto outcome = erase_comment(state, ref);
      if (!outcome) {
        return internal_failure(outcome.error());
      }
      if (*outcome == EraseOutcome::not_found) return failure(404, "not_found", "no comment " + shown_id);
      detail["tombstone"] = *outcome == EraseOutcome::tombstoned;
      record_audit(state, actor, {"comment." + audit_name, "comment", id, detail});
      return ActionResult{200, "", "", {{"id", id}, {"erased", true}}};
    }
  }
  if (!done) {
    return internal_failure(done.error());
  }
  // Gone between the lookup and the write (erased meanwhile, or by another instance).
  if (!*done) return failure(404, "not_found", "no comment " + shown_id);
  record_audit(state, actor, {"comment." + audit_name, "comment", id, detail});
  const auto now = state.store->desk_comment(id);
  if (!now || !*now) return ActionResult{200, "", "", {{"id", id}}};
  return ActionResult{200, "", "", desk_item(state, **now)};
}

}  // namespace soundoff::server
