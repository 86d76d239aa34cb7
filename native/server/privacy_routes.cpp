// Privacy over HTTP (docs/privacy.md): POST /api/admin/erase removes a
// person's comments (moderator auth, audit-logged), and start_privacy runs
// the retention job that turns old addresses into network pseudonyms.
#include <algorithm>
#include <iostream>

#include "server/http_util.h"
#include "server/moderator_auth.h"
#include "server/person_erase.h"
#include "server/server_state.h"

namespace soundoff::server {

namespace {

using nlohmann::json;

constexpr std::size_t kMaxEmailBytes = 254;

void post_erase(ServerState& state, const HttpRequest& req, HttpResponse& res) {
  const auto actor = authorize(state, req, res, Role::moderator);
  if (!actor) return;
  const json j = parse_json_object(req, res);
  if (j.is_discarded()) return;
  for (const auto& item : j.items()) {
    if (item.key() != "email" && item.key() != "anonymise") {
      send_error(res, 400, "unknown_field", "unknown field \"" + item.key().substr(0, 40) + "\": email, anonymise");
      return;
    }
  }
  const auto email = j.find("email");
  if (email == j.end() || !email->is_string() || email->get<std::string>().empty() ||
      email->get<std::string>().size() > kMaxEmailBytes) {
    send_error(res, 400, "invalid_argument", "email must be a non-empty string of at most 254 bytes");
    return;
  }
  const auto anonymise = j.find("anonymise");
  if (anonymise != j.end() && !anonymise->is_boolean()) {
    send_error(res, 400, "invalid_argument", "anonymise must be true or false");
    return;
  }
  const bool keep_tombstones = anonymise != j.end() && anonymise->get<bool>();
  const auto erased = erase_person_now(state, *actor, email->get<std::string>(), keep_tombstones);
  if (!erased) {
    send_internal_error(res, erased.error());
    return;
  }
  send_json(res, 200,
            dump_json({{"removed", erased->removed},
                       {"tombstoned", erased->tombstoned},
                       {"outbox", erased->outbox},
                       {"subscriptions", erased->subscriptions},
                       {"threads", erased->threads}}));
}

}  // namespace

void add_privacy_routes(Router& http, ServerState& state) {
  http.post("/api/admin/erase", [&state](const HttpRequest& req, HttpResponse& res) { post_erase(state, req, res); });
}

Result<bool> start_privacy(ServerState& state) {
  // The key first, so a damaged one stops the start instead of a later POST.
  auto key = load_network_key(*state.store, state.config.privacy, system_clock_ms());
  if (!key) return key.error();
  state.network_key->set(*key);
  state.retention =
      std::make_unique<RetentionJob>(*state.store, state.config.privacy, system_clock_ms, state.network_key);
  state.retention->start();
  return true;
}

}  // namespace soundoff::server
