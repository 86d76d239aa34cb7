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

// Sends 401 (no credentials) or 403 (wrong ones, or moderation disabled).
bool authorized(const ServerState& state, const httplib::Request& req, httplib::Response& res) {
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

void queue(ServerState& state, const httplib::Request& req, httplib::Response& res) {
  if (!authorized(state, req, res)) return;
  const auto held = state.store->held(500);
  if (!held) {
    send_error(res, 500, held.error().code, held.error().message);
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

void decide(ServerState& state, const httplib::Request& req, httplib::Response& res, Status status) {
  if (!authorized(state, req, res)) return;
  const std::string id = req.matches[1];
  const auto found = state.store->find(id);
  if (!found) {
    send_error(res, 500, found.error().code, found.error().message);
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
        for (auto& c : comments)
          if (c.id == id) c.status = status;
      });
    }
  }
  if (!changed) {
    send_error(res, 500, changed.error().code, changed.error().message);
    return;
  }
  send_json(res, 200, dump_json({{"id", id}, {"status", std::string(status_name(status))}}));
}

}  // namespace

void add_moderation_routes(httplib::Server& http, ServerState& state) {
  http.Get("/api/moderation/queue",
           [&state](const httplib::Request& req, httplib::Response& res) { queue(state, req, res); });
  http.Post(R"(/api/comments/([^/]+)/approve)", [&state](const httplib::Request& req, httplib::Response& res) {
    decide(state, req, res, Status::published);
  });
  http.Post(R"(/api/comments/([^/]+)/reject)", [&state](const httplib::Request& req, httplib::Response& res) {
    decide(state, req, res, Status::spam);
  });
  http.Post(R"(/api/comments/([^/]+)/delete)", [&state](const httplib::Request& req, httplib::Response& res) {
    decide(state, req, res, Status::deleted);
  });
}

}  // namespace soundoff::server
