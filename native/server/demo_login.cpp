#include "server/demo_login.h"

#include "server/http_util.h"
#include "server/server_state.h"
#include "server/sso_token.h"
#include "soundoff/text_rules.h"

namespace soundoff::server {

namespace {

using nlohmann::json;

constexpr std::int64_t kDemoTokenSeconds = 60 * 60;

// {"name": "...", "staff": false} -> {"token": "...", "expires": unix s}.
// The token passes the same verifier as a real site's, so a name it refuses
// (empty, too long, control characters) is a 400 naming that rule.
void demo_login(ServerState& state, const HttpRequest& req, HttpResponse& res) {
  if (refuse_without_intent(state, req, res)) return;
  const json j = parse_json_object(req, res);
  if (j.is_discarded()) return;
  const auto name = j.find("name");
  if (name == j.end() || !name->is_string()) {
    send_error(res, 400, "invalid_name", "name must be a string");
    return;
  }
  const auto staff = j.find("staff");
  if (staff != j.end() && !staff->is_boolean()) {
    send_error(res, 400, "invalid_staff", "staff must be true or false");
    return;
  }
  const IdentityConfig& identity = state.sso->config();
  const bool as_staff = staff != j.end() && staff->get<bool>() && !identity.staff_roles.empty();
  const std::int64_t now_s = now_ms() / 1000;
  // One account per name (by core's name key), so "Mary" and "mary" are the same demo reader.
  json claims = {{"sub", "demo:" + name_key(name->get<std::string>())},
                 {"name", *name},
                 {"iat", now_s},
                 {"exp", now_s + kDemoTokenSeconds},
                 {"roles", as_staff ? json::array({identity.staff_roles.front()}) : json::array()}};
  if (!identity.audience.empty()) claims["aud"] = identity.audience;
  if (!identity.issuer.empty()) claims["iss"] = identity.issuer;
  const std::string token = mint_hs256_token(identity.secret, dump_json(claims));
  if (auto checked = state.sso->verify(token, now_s); !checked) {
    send_error(res, 400, "invalid_name", checked.error().message);
    return;
  }
  send_json(res, 200, dump_json({{"token", token}, {"expires", now_s + kDemoTokenSeconds}}));
}

}  // namespace

bool demo_login_enabled(const ServerState& state) {
  return state.sso && state.sso->config().demo_login && state.sso->config().algorithm == "HS256";
}

void add_demo_login_route(Router& http, ServerState& state) {
  if (!demo_login_enabled(state)) return;
  http.post("/demo/login", [&state](const HttpRequest& req, HttpResponse& res) { demo_login(state, req, res); });
}

}  // namespace soundoff::server
