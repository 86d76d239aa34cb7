// What readers do to a comment: report it, vote on it. Both count once per
// client network (an IPv4 address, an IPv6 /64: one party gets one voice), or
// once per account when the reader is signed in (docs/sso.md).
#include "server/ban_check.h"
#include "server/http_util.h"
#include "server/server_state.h"
#include "server/sso_request.h"

namespace soundoff::server {

namespace {

using nlohmann::json;

// The comment named in the path, when it exists and readers can see it.
std::optional<CommentRef> shown_comment(ServerState& state, const std::string& id, HttpResponse& res) {
  const auto found = state.store->find(id);
  if (!found) {
    send_internal_error(res, found.error());
    return std::nullopt;
  }
  if (!*found || (*found)->status != Status::published) {
    send_error(res, 404, "not_found", "no published comment " + id.substr(0, 40));
    return std::nullopt;
  }
  return **found;
}

// Who is acting: the key their one voice counts under (the account when
// signed in, else the client network) and how a 409 names it.
struct ReaderVoice {
  std::string key;
  std::string who;
};

// Checks every report and vote passes first (a write intent, a valid sign-in
// when one is sent, no ban); nullopt when `res` already holds the refusal.
std::optional<ReaderVoice> reader_voice(ServerState& state, const HttpRequest& req, HttpResponse& res) {
  if (refuse_without_intent(state, req, res)) return std::nullopt;
  const auto account = request_account(state, req, res);
  if (!account) return std::nullopt;
  if (check_bans(state, res, {*account ? (*account)->name : "", "", request_client(req, state)}, false) ==
      BanCheck::refused)
    return std::nullopt;
  return ReaderVoice{actor_key(*account, request_network(req, state)), *account ? "this account" : "this network"};
}

// A comment deleted between the lookup and the write (or by another
// instance) gets the same answer as before it.
void send_write_failure(HttpResponse& res, const std::string& id, const Error& error) {
  if (error.code == "not_found") {
    send_error(res, 404, "not_found", "no published comment " + id.substr(0, 40));
  } else {
    send_internal_error(res, error);
  }
}

void report(ServerState& state, const HttpRequest& req, HttpResponse& res) {
  const std::string id = req.matches[1];
  const auto voice = reader_voice(state, req, res);
  if (!voice) return;
  if (refuse_if_limited(state.action_limiter, voice->key, res)) return;
  const auto comment = shown_comment(state, id, res);
  if (!comment) return;
  Result<ReportOutcome> outcome = Error{};
  {
    std::lock_guard write(state.cache.write_mutex());
    outcome = state.store->add_report(comment->thread, id, voice->key, now_ms(), state.config.report_threshold);
    if (outcome && outcome->counted) {
      state.cache.update(comment->thread, [&](std::vector<Comment>& comments) {
        for (auto& c : comments) {
          if (c.id != id) continue;
          c.reports = outcome->reports;
          if (outcome->hidden_now) c.status = Status::pending;
        }
      });
    }
  }
  if (!outcome) {
    send_write_failure(res, id, outcome.error());
    return;
  }
  if (!outcome->counted) {
    send_error(res, 409, "already_reported", voice->who + " has already reported comment " + id);
    return;
  }
  send_json(
      res, 200,
      dump_json(
          {{"id", id}, {"reports", outcome->reports}, {"status", outcome->hidden_now ? "pending" : "published"}}));
}

void vote(ServerState& state, const HttpRequest& req, HttpResponse& res) {
  const std::string id = req.matches[1];
  const auto voice = reader_voice(state, req, res);
  if (!voice) return;
  const json j = parse_json_object(req, res);
  if (j.is_discarded()) return;
  const auto value = j.find("value");
  if (value == j.end() || !value->is_number_integer() ||
      (value->get<std::int64_t>() != 1 && value->get<std::int64_t>() != -1)) {
    send_json(res, 400,
              dump_json({{"code", "invalid_vote"},
                         {"message", "value must be 1 or -1"},
                         {"fields", {{"value", {{"code", "invalid"}, {"message", "value must be 1 or -1"}}}}}}));
    return;
  }
  if (refuse_if_limited(state.action_limiter, voice->key, res)) return;
  const auto comment = shown_comment(state, id, res);
  if (!comment) return;
  const int v = static_cast<int>(value->get<std::int64_t>());
  Result<VoteOutcome> outcome = Error{};
  {
    std::lock_guard write(state.cache.write_mutex());
    outcome = state.store->add_vote(comment->thread, id, voice->key, v, now_ms());
    if (outcome && outcome->counted) {
      state.cache.update(comment->thread, [&](std::vector<Comment>& comments) {
        for (auto& c : comments) {
          if (c.id != id) continue;
          c.up = outcome->up;
          c.down = outcome->down;
          c.score = c.up - c.down;
        }
      });
    }
  }
  if (!outcome) {
    send_write_failure(res, id, outcome.error());
    return;
  }
  if (!outcome->counted) {
    send_error(res, 409, "already_voted", voice->who + " has already voted on comment " + id);
    return;
  }
  send_json(
      res, 200,
      dump_json({{"id", id}, {"up", outcome->up}, {"down", outcome->down}, {"score", outcome->up - outcome->down}}));
}

}  // namespace

void add_action_routes(Router& http, ServerState& state) {
  http.post(R"(/api/comments/([^/]+)/report)",
            [&state](const HttpRequest& req, HttpResponse& res) { report(state, req, res); });
  http.post(R"(/api/comments/([^/]+)/vote)",
            [&state](const HttpRequest& req, HttpResponse& res) { vote(state, req, res); });
}

}  // namespace soundoff::server
