// Moderation: the queue of held comments and the decisions on them. Every
// route needs a moderator (moderator_auth.h).
#include "server/audit.h"
#include "server/http_util.h"
#include "server/moderator_auth.h"
#include "server/server_state.h"
#include "soundoff/time.h"

namespace soundoff::server {

namespace {

using nlohmann::json;

void queue(ServerState& state, const HttpRequest& req, HttpResponse& res) {
  if (!authorize(state, req, res, Role::moderator)) return;
  const auto held = state.store->held(500);
  if (!held) {
    send_internal_error(res, held.error());
    return;
  }
  json comments = json::array();
  for (const auto& h : *held) {
    const Comment& c = h.comment;
    comments.push_back({{"id", c.id},
                        {"thread", c.thread},
                        {"parent", c.parent.empty() ? json(nullptr) : json(c.parent)},
                        {"author", c.author},
                        {"email", h.email},
                        {"ip", h.ip},
                        {"body", c.body},
                        {"created", format_iso8601(c.created_ms)},
                        {"status", std::string(status_name(c.status))},
                        {"reports", c.reports},
                        {"reasons", h.reasons}});
  }
  send_json(res, 200, dump_json({{"comments", comments}}));
}

void decide(ServerState& state, const HttpRequest& req, HttpResponse& res, Status status) {
  const auto actor = authorize(state, req, res, Role::moderator);
  if (!actor) return;
  const std::string id = req.matches[1];
  const auto found = state.store->find(id);
  if (!found) {
    send_internal_error(res, found.error());
    return;
  }
  if (!*found) {
    send_error(res, 404, "not_found", "no comment " + id.substr(0, 40));
    return;
  }
  Result<bool> changed = Error{};
  {
    std::lock_guard write(state.cache.write_mutex());
    changed = state.store->set_status((*found)->thread, id, status);
    if (changed && *changed) {
      state.cache.update((*found)->thread, [&](std::vector<Comment>& comments) {
        for (auto& c : comments) {
          if (c.id != id) continue;
          c.status = status;
          if (status == Status::published) c.reports = 0;  // as storage does
        }
      });
    }
  }
  if (!changed) {
    send_internal_error(res, changed.error());
    return;
  }
  record_audit(state, *actor,
               {std::string("comment.") + (status == Status::published ? "approve"
                                           : status == Status::spam    ? "reject"
                                                                       : "delete"),
                "comment",
                id,
                {{"thread", (*found)->thread}}});
  send_json(res, 200, dump_json({{"id", id}, {"status", std::string(status_name(status))}}));
}

}  // namespace

void add_moderation_routes(Router& http, ServerState& state) {
  http.get("/api/moderation/queue", [&state](const HttpRequest& req, HttpResponse& res) { queue(state, req, res); });
  http.post(R"(/api/comments/([^/]+)/approve)",
            [&state](const HttpRequest& req, HttpResponse& res) { decide(state, req, res, Status::published); });
  http.post(R"(/api/comments/([^/]+)/reject)",
            [&state](const HttpRequest& req, HttpResponse& res) { decide(state, req, res, Status::spam); });
  http.post(R"(/api/comments/([^/]+)/delete)",
            [&state](const HttpRequest& req, HttpResponse& res) { decide(state, req, res, Status::deleted); });
}

}  // namespace soundoff::server
