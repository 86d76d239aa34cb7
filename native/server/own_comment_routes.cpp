// Authors editing and deleting their own comment (own_comments.h): the key
// check, the edit window, the edit (spam-checked again) and the delete
// (a tombstone when replies hang on it), with the caches and the audit log
// kept as the moderator's actions keep them (desk_actions.cpp).
#include <algorithm>

#include "server/audit.h"
#include "server/ban_check.h"
#include "server/desk_actions.h"
#include "server/edit_key.h"
#include "server/http_util.h"
#include "server/network_address.h"
#include "server/own_comments.h"
#include "server/server_state.h"
#include "server/sso_request.h"
#include "server/thread_gate.h"
#include "soundoff/time.h"

namespace soundoff::server {

namespace {

using nlohmann::json;

constexpr const char* kOwnComment = R"(/api/threads/([^/]+)/comments/([^/]+))";
constexpr const char* kKeyHeader = "X-Soundoff-Edit-Key";
constexpr std::int64_t kMinuteMs = 60 * 1000;

// The comment a request may change, after every check passed.
struct OwnComment {
  CommentRef ref;
  HeldComment stored;
};

// A key in the URL ends up in access logs, proxies and browser history.
bool key_in_url(const HttpRequest& req) {
  return std::any_of(req.params.begin(), req.params.end(), [](const auto& p) {
    std::string name = p.first;
    std::transform(name.begin(), name.end(), name.begin(), [](unsigned char c) { return std::tolower(c); });
    return name.find("key") != std::string::npos;
  });
}

// Checks, in an order that tells a guesser nothing it could not know: the
// key's place, the window being on, a key at all, the comment, its thread,
// the key, then the window. Sends the refusal and returns nullopt.
std::optional<OwnComment> authorize_own(ServerState& state, const HttpRequest& req, HttpResponse& res) {
  const std::string thread = req.matches[1];
  const std::string id = req.matches[2];
  if (refuse_bad_thread(thread, res)) return std::nullopt;
  if (key_in_url(req)) {
    send_error(res, 400, "key_in_url",
               "send the edit key in the X-Soundoff-Edit-Key header, never in the URL (it would be logged)");
    return std::nullopt;
  }
  const std::uint32_t window = state.config.edit_window_minutes;
  if (window == 0) {
    send_error(res, 403, "editing_disabled", "this site does not let authors edit or delete their comments");
    return std::nullopt;
  }
  const std::string key = req.get_header_value(kKeyHeader);
  if (key.empty()) {
    send_error(res, 401, "edit_key_required",
               "changing a comment needs the edit key its POST answered, in the X-Soundoff-Edit-Key header");
    return std::nullopt;
  }
  const std::string shown_id = id.substr(0, 40);
  const auto found = state.store->find(id);
  if (!found) {
    send_internal_error(res, found.error());
    return std::nullopt;
  }
  if (!*found || (*found)->status == Status::deleted) {
    send_error(res, 404, "not_found", "no comment " + shown_id + " (or it was deleted)");
    return std::nullopt;
  }
  if ((*found)->thread != thread) {
    send_error(res, 403, "wrong_thread", "comment " + shown_id + " does not belong to thread " + thread);
    return std::nullopt;
  }
  const auto hash = state.store->edit_key_hash(thread, id);
  if (!hash) {
    send_internal_error(res, hash.error());
    return std::nullopt;
  }
  if (!edit_key_matches(key, *hash)) {
    send_error(res, 403, "wrong_edit_key", "the edit key is not the one comment " + shown_id + " was posted with");
    return std::nullopt;
  }
  const auto stored = state.store->desk_comment(id);
  if (!stored) {
    send_internal_error(res, stored.error());
    return std::nullopt;
  }
  if (!*stored) {
    send_error(res, 404, "not_found", "no comment " + shown_id + " (or it was deleted)");
    return std::nullopt;
  }
  const std::int64_t age_ms = now_ms() - (*stored)->comment.created_ms;
  if (age_ms > static_cast<std::int64_t>(window) * kMinuteMs) {
    send_error(res, 403, "edit_window_closed",
               "comments can be edited or deleted for " + std::to_string(window) + " minutes after posting; comment " +
                   shown_id + " was posted " + std::to_string(age_ms / kMinuteMs) + " minutes ago");
    return std::nullopt;
  }
  return OwnComment{**found, **stored};
}

// Who did it, for the audit log: the author, known only by the key.
Actor author_actor(ServerState& state, const HttpRequest& req) {
  return Actor{"author", Role::moderator, "edit_key", request_network(req, state)};
}

void update_cached(ServerState& state, const CommentRef& ref, const std::function<void(Comment&)>& change) {
  state.cache.update(ref.thread, [&](std::vector<Comment>& comments) {
    for (auto& c : comments)
      if (c.id == ref.id) change(c);
  });
}

void patch_comment(ServerState& state, const HttpRequest& req, HttpResponse& res) {
  if (refuse_without_intent(state, req, res)) return;
  const std::string client = request_client(req, state);
  if (refuse_if_limited(state.comment_limiter, network_key(client), res)) return;
  const auto own = authorize_own(state, req, res);
  if (!own) return;
  const auto account = request_account(state, req, res);
  if (!account) return;
  const json j = parse_json_object(req, res);
  if (j.is_discarded()) return;
  // "body" as a POST has it; "text" is accepted as another name for it.
  json edit = j;
  if (!edit.contains("body") && edit.contains("text")) edit["body"] = edit["text"];
  std::string problem;
  const auto body = checked_body(state, edit, problem);
  if (!body) {
    send_json(res, 400,
              dump_json({{"code", "invalid_comment"},
                         {"message", "the comment has 1 invalid field(s)"},
                         {"fields", {{"body", {{"code", "invalid"}, {"message", problem}}}}}}));
    return;
  }
  const auto closed = thread_closed_now(state, own->ref.thread);
  if (!closed) {
    send_internal_error(res, closed.error());
    return;
  }
  if (*closed) {
    send_error(res, 403, "closed", "thread " + own->ref.thread + " is closed: its comments can no longer change");
    return;
  }
  const HeldComment& before = own->stored;
  const BanCheck ban = check_bans(state, res, {before.comment.author, before.email, client}, true);
  if (ban == BanCheck::refused) return;

  Comment candidate = before.comment;
  candidate.body = *body;
  candidate.created_ms = now_ms();
  const auto verdict = ban == BanCheck::shadow
                           ? Result<SubmissionVerdict>(SubmissionVerdict{Status::spam, {"shadow_ban"}, 1.0})
                           : judge_edited_comment(state, req, candidate, client, before.email, account->has_value());
  if (!verdict) {
    send_internal_error(res, verdict.error());
    return;
  }
  // An edit never publishes what a moderator holds; it may hold what was published.
  const Status status = verdict->status == Status::published ? before.comment.status : verdict->status;
  const std::int64_t edited_ms = candidate.created_ms;
  {
    std::lock_guard write(state.cache.write_mutex());
    const auto changed = state.store->edit_body(own->ref.thread, own->ref.id, *body, edited_ms);
    if (!changed) {
      send_internal_error(res, changed.error());
      return;
    }
    if (!*changed) {
      send_error(res, 404, "not_found", "comment " + own->ref.id + " was deleted meanwhile");
      return;
    }
    if (status != before.comment.status) {
      if (auto s = state.store->set_status(own->ref.thread, own->ref.id, status); !s) {
        send_internal_error(res, s.error());
        return;
      }
    }
    update_cached(state, own->ref, [&](Comment& c) {
      c.body = *body;
      c.edited_ms = edited_ms;
      c.status = status;
    });
  }
  record_audit(state, author_actor(state, req),
               {"comment.author_edit",
                "comment",
                own->ref.id,
                {{"thread", own->ref.thread},
                 {"old_body", before.comment.body},
                 {"new_body", *body},
                 {"status", std::string(status_name(status))}}});
  // As a POST answers: a shadow-banned author is told it is published.
  const Status shown = ban == BanCheck::shadow ? Status::published : status;
  send_json(res, 200,
            dump_json({{"id", own->ref.id},
                       {"status", std::string(status_name(shown))},
                       {"body", *body},
                       {"edited", format_iso8601(edited_ms)}}));
}

void delete_comment(ServerState& state, const HttpRequest& req, HttpResponse& res) {
  // No body to show intent by: the custom key header already makes a browser ask first (CORS preflight).
  if (refuse_if_limited(state.comment_limiter, request_network(req, state), res)) return;
  const auto own = authorize_own(state, req, res);
  if (!own) return;
  Result<EraseOutcome> outcome = EraseOutcome::not_found;
  {
    std::lock_guard write(state.cache.write_mutex());
    outcome = state.store->erase(own->ref.thread, own->ref.id);
    if (outcome && *outcome == EraseOutcome::removed) {
      state.cache.update(own->ref.thread, [&](std::vector<Comment>& comments) {
        std::erase_if(comments, [&](const Comment& c) { return c.id == own->ref.id; });
      });
    } else if (outcome && *outcome == EraseOutcome::tombstoned) {
      update_cached(state, own->ref, [](Comment& c) {
        c.status = Status::deleted;
        c.author.clear();
        c.body.clear();
        c.up = c.down = c.score = c.reports = c.pinned = 0;
      });
    }
  }
  if (!outcome) {
    send_internal_error(res, outcome.error());
    return;
  }
  if (*outcome == EraseOutcome::not_found) {
    send_error(res, 404, "not_found", "comment " + own->ref.id + " was deleted meanwhile");
    return;
  }
  const bool tombstone = *outcome == EraseOutcome::tombstoned;
  record_audit(
      state, author_actor(state, req),
      {"comment.author_delete", "comment", own->ref.id, {{"thread", own->ref.thread}, {"tombstone", tombstone}}});
  send_json(res, 200, dump_json({{"id", own->ref.id}, {"deleted", true}, {"tombstone", tombstone}}));
}

}  // namespace

void add_edit_key_fields(const ServerState& state, const std::string& edit_key, std::int64_t created_ms, json& answer) {
  answer["edit_key"] = edit_key;
  answer["editable_until"] =
      format_iso8601(created_ms + static_cast<std::int64_t>(state.config.edit_window_minutes) * kMinuteMs);
}

void add_own_comment_routes(Router& http, ServerState& state) {
  http.patch(kOwnComment, [&state](const HttpRequest& req, HttpResponse& res) { patch_comment(state, req, res); });
  http.del(kOwnComment, [&state](const HttpRequest& req, HttpResponse& res) { delete_comment(state, req, res); });
}

}  // namespace soundoff::server
