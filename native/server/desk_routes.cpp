// The moderator's desk over HTTP (docs/moderation-api.md): the queues with
// their filters and cursor paging, the counts, and the actions on comments
// one by one and in bulk. Every route needs a moderator (moderator_auth.h)
// and every change writes an audit row.
#include <set>

#include "server/desk_actions.h"
#include "server/desk_query.h"
#include "server/http_util.h"
#include "server/moderator_auth.h"
#include "server/server_state.h"

namespace soundoff::server {

namespace {

using nlohmann::json;

constexpr std::size_t kMaxBulkIds = 500;

std::optional<DeskQueue> parse_queue(const std::string& name) {
  if (name == "held") return DeskQueue::held;
  if (name == "reported") return DeskQueue::reported;
  if (name == "spam") return DeskQueue::spam;
  if (name == "recent") return DeskQueue::recent;
  return std::nullopt;
}

void get_queue(ServerState& state, const HttpRequest& req, HttpResponse& res) {
  if (!authorize(state, req, res, Role::moderator)) return;
  const std::string name = req.matches[1];
  const auto queue = parse_queue(name);
  if (!queue) {
    send_error(res, 404, "not_found", "no queue \"" + name.substr(0, 40) + "\": held, reported, spam or recent");
    return;
  }
  auto query = queue_query_from(req, *queue, {"thread", "author", "email", "network", "reason", "q"});
  if (!query) {
    send_error(res, 400, query.error().code, query.error().message);
    return;
  }
  send_queue_page(state, res, name, {*query}, false);
}

void get_counts(ServerState& state, const HttpRequest& req, HttpResponse& res) {
  if (!authorize(state, req, res, Role::moderator)) return;
  std::string thread;
  for (const auto& [key, value] : req.params) {
    if (key != "thread") {
      send_error(res, 400, "unknown_parameter", "unknown parameter \"" + key.substr(0, 40) + "\": only thread");
      return;
    }
    if (!valid_thread_key(value)) {
      send_error(res, 400, "invalid_thread", "thread is not a valid thread key");
      return;
    }
    thread = value;
  }
  const auto counts = state.store->queue_counts(thread);
  if (!counts) {
    send_internal_error(res, counts.error());
    return;
  }
  send_json(res, 200,
            dump_json({{"held", counts->held},
                       {"reported", counts->reported},
                       {"spam", counts->spam},
                       {"recent", counts->recent}}));
}

void send_result(HttpResponse& res, const ActionResult& r) {
  if (!r.code.empty()) {
    send_error(res, r.status, r.code, r.message);
  } else {
    send_json(res, r.status, dump_json(r.body));
  }
}

void post_action(ServerState& state, const HttpRequest& req, HttpResponse& res) {
  const auto actor = authorize(state, req, res, Role::moderator);
  if (!actor) return;
  const std::string id = req.matches[1];
  const std::string name = req.matches[2];
  const auto action = parse_desk_action(name);
  if (!action) {
    send_error(res, 404, "not_found",
               "no action \"" + name.substr(0, 40) + "\": approve, reject, delete, erase, pin, unpin or edit");
    return;
  }
  const json j = parse_json_object(req, res);
  if (j.is_discarded()) return;
  std::string body;
  if (*action == DeskAction::edit) {
    std::string problem;
    const auto checked = checked_body(state, j, problem);
    if (!checked) {
      send_json(res, 400,
                dump_json({{"code", "invalid_comment"},
                           {"message", problem},
                           {"fields", {{"body", {{"code", "invalid"}, {"message", problem}}}}}}));
      return;
    }
    body = *checked;
  }
  send_result(res, apply_desk_action(state, *actor, *action, id, body, name));
}

void post_bulk(ServerState& state, const HttpRequest& req, HttpResponse& res) {
  const auto actor = authorize(state, req, res, Role::moderator);
  if (!actor) return;
  const json j = parse_json_object(req, res);
  if (j.is_discarded()) return;
  const auto a = j.find("action");
  const auto action = a != j.end() && a->is_string() ? parse_desk_action(a->get<std::string>()) : std::nullopt;
  if (!action || *action == DeskAction::edit) {
    send_error(res, 400, "invalid_argument", "action must be approve, reject, delete, erase, pin or unpin");
    return;
  }
  const auto ids = j.find("ids");
  if (ids == j.end() || !ids->is_array() || ids->empty() || ids->size() > kMaxBulkIds) {
    send_error(res, 400, "invalid_argument",
               "ids must be an array of 1 to " + std::to_string(kMaxBulkIds) + " comment ids");
    return;
  }
  std::vector<std::string> wanted;
  for (std::size_t i = 0; i < ids->size(); ++i) {
    const auto& id = (*ids)[i];
    if (id.is_string()) {
      wanted.push_back(id.get<std::string>());
    } else if (id.is_number_unsigned()) {
      wanted.push_back(std::to_string(id.get<std::uint64_t>()));
    } else {
      send_error(res, 400, "invalid_argument", "ids[" + std::to_string(i) + "] is not a comment id");
      return;
    }
  }
  const std::string audit_name = "bulk." + std::string(desk_action_name(*action));
  json results = json::array();
  std::set<std::string> done;  // an id named twice is acted on once
  for (const auto& id : wanted) {
    if (!done.insert(id).second) continue;
    const ActionResult r = apply_desk_action(state, *actor, *action, id, "", audit_name);
    if (r.code.empty()) {
      results.push_back({{"id", id}, {"ok", true}});
    } else {
      results.push_back({{"id", id.substr(0, 40)}, {"ok", false}, {"code", r.code}, {"message", r.message}});
    }
  }
  send_json(res, 200, dump_json({{"results", results}}));
}

}  // namespace

void add_desk_routes(Router& http, ServerState& state) {
  http.get(R"(/api/admin/queue/([^/]+))",
           [&state](const HttpRequest& req, HttpResponse& res) { get_queue(state, req, res); });
  http.get("/api/admin/counts", [&state](const HttpRequest& req, HttpResponse& res) { get_counts(state, req, res); });
  // Before the per-comment route, which would take "bulk" for an id.
  http.post("/api/admin/comments/bulk",
            [&state](const HttpRequest& req, HttpResponse& res) { post_bulk(state, req, res); });
  http.post(R"(/api/admin/comments/([^/]+)/([^/]+))",
            [&state](const HttpRequest& req, HttpResponse& res) { post_action(state, req, res); });
}

}  // namespace soundoff::server
