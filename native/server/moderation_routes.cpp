// Moderation: the queue of held comments and the decisions on them. Every
// route needs `Authorization: Bearer <admin token>`.
#include "server/http_util.h"
#include "server/server_state.h"
#include "soundoff/time.h"

namespace soundoff::server {

namespace {

using nlohmann::json;

// Compares without an early exit, so response time does not reveal how
// much of a guessed token was right.
bool same_token(std::string_view given, std::string_view secret) {
  if (secret.empty()) return false;
  std::size_t diff = given.size() ^ secret.size();
  for (std::size_t i = 0; i < given.size(); ++i)
    diff |= static_cast<unsigned char>(given[i]) ^ static_cast<unsigned char>(secret[i % secret.size()]);
  return diff == 0;
}

bool check_token(const ServerState& state, const HttpRequest& req, HttpResponse& res);

// Sends 401 (no credentials) or 403 (wrong ones, or moderation disabled);
// a network that failed too often meanwhile gets 429 without its token being
// looked at, so guessing costs time.
bool authorized(ServerState& state, const HttpRequest& req, HttpResponse& res) {
  const std::string network = request_network(req, state);
  if (const auto locked = state.auth_failures.peek(network, now_ms()); !locked.allowed) {
    res.set_header("Retry-After", std::to_string(locked.retry_after_s));
    send_error(res, 429, "rate_limited", "too many failed attempts from this network; retry later");
    return false;
  }
  if (check_token(state, req, res)) return true;
  state.auth_failures.take(network, now_ms());
  return false;
}

bool check_token(const ServerState& state, const HttpRequest& req, HttpResponse& res) {
  const std::string header = req.get_header_value("Authorization");
  constexpr std::string_view kBearer = "Bearer ";
  if (header.size() <= kBearer.size() || header.compare(0, kBearer.size(), kBearer) != 0) {
    res.set_header("WWW-Authenticate", "Bearer realm=\"soundoff moderation\"");
    send_error(res, 401, "unauthorized", "moderation needs Authorization: Bearer <token>");
    return false;
  }
  if (state.config.admin_token.empty()) {
    send_error(res, 403, "moderation_disabled", "no admin token is configured (SOUNDOFF_ADMIN_TOKEN)");
    return false;
  }
  if (!same_token(header.substr(kBearer.size()), state.config.admin_token)) {
    send_error(res, 403, "forbidden", "the token is not the admin token");
    return false;
  }
  return true;
}

void queue(ServerState& state, const HttpRequest& req, HttpResponse& res) {
  if (!authorized(state, req, res)) return;
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
  if (refuse_without_intent(state, req, res)) return;
  if (!authorized(state, req, res)) return;
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
