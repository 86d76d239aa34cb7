// The first moderation API, kept for automation (docs/moderation-api.md):
// the queue of held, reported and spam comments, newest first with the
// desk's cursor paging, and approve, reject, delete by comment id. The work
// is the desk's (desk_query.h, desk_actions.h). Every route needs a
// moderator (moderator_auth.h).
#include "server/desk_actions.h"
#include "server/desk_query.h"
#include "server/http_util.h"
#include "server/moderator_auth.h"
#include "server/server_state.h"

namespace soundoff::server {

namespace {

void queue(ServerState& state, const HttpRequest& req, HttpResponse& res) {
  if (!authorize(state, req, res, Role::moderator)) return;
  auto query = queue_query_from(req, DeskQueue::held, {});
  if (!query) {
    send_error(res, 400, query.error().code, query.error().message);
    return;
  }
  std::vector<QueueQuery> queues(3, *query);
  queues[1].queue = DeskQueue::reported;
  queues[2].queue = DeskQueue::spam;
  // The stored "code: message" reasons, as this route always sent them.
  send_queue_page(state, res, "moderation", queues, true);
}

void decide(ServerState& state, const HttpRequest& req, HttpResponse& res, DeskAction action) {
  const auto actor = authorize(state, req, res, Role::moderator);
  if (!actor) return;
  const auto r = apply_desk_action(state, *actor, action, req.matches[1], "", std::string(desk_action_name(action)));
  if (!r.code.empty()) {
    send_error(res, r.status, r.code, r.message);
    return;
  }
  send_json(res, 200, dump_json(r.body));
}

}  // namespace

void add_moderation_routes(Router& http, ServerState& state) {
  http.get("/api/moderation/queue", [&state](const HttpRequest& req, HttpResponse& res) { queue(state, req, res); });
  http.post(R"(/api/comments/([^/]+)/approve)",
            [&state](const HttpRequest& req, HttpResponse& res) { decide(state, req, res, DeskAction::approve); });
  http.post(R"(/api/comments/([^/]+)/reject)",
            [&state](const HttpRequest& req, HttpResponse& res) { decide(state, req, res, DeskAction::reject); });
  http.post(R"(/api/comments/([^/]+)/delete)",
            [&state](const HttpRequest& req, HttpResponse& res) { decide(state, req, res, DeskAction::remove); });
}

}  // namespace soundoff::server
