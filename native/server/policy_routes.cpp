// The spam policy, live (docs/moderation-api.md, "Spam policy, live"):
// moderators read it, admins replace it or go back to the config file's. A
// stored policy is applied to the next POST on this instance at once and on
// the others through the settings notification (live_policy.h).
#include "server/audit.h"
#include "server/http_util.h"
#include "server/live_policy.h"
#include "server/moderator_auth.h"
#include "server/server_state.h"
#include "soundoff/time.h"

namespace soundoff::server {

namespace {

using nlohmann::json;

json policy_json(const ServerState& state) {
  const PolicySnapshot s = state.policy.snapshot();
  return {{"policy", json::parse(spam_policy_to_json(*s.policy))},
          {"source", s.from_database ? "database" : "config"},
          {"updated", s.from_database ? json(format_iso8601(s.updated_ms)) : json(nullptr)},
          {"by", s.from_database ? json(s.by) : json(nullptr)}};
}

void get_policy(ServerState& state, const HttpRequest& req, HttpResponse& res) {
  if (!authorize(state, req, res, Role::moderator)) return;
  send_json(res, 200, dump_json(policy_json(state)));
}

void set_policy(ServerState& state, const HttpRequest& req, HttpResponse& res) {
  const auto actor = authorize(state, req, res, Role::admin);
  if (!actor) return;
  const json j = parse_json_object(req, res);
  if (j.is_discarded()) return;
  const auto given = j.find("policy");
  if (given == j.end() || !given->is_object())
    return send_error(res, 400, "invalid_policy", "policy must be an object (docs/spam-policy.md)");
  // Core's parser, as for the config file: unknown fields and bad values are errors that name the field.
  auto policy = parse_spam_policy(given->dump());
  if (!policy) return send_error(res, 400, "invalid_policy", policy.error().message);
  const std::int64_t now = now_ms();
  // Stored in full (every field written): later default changes do not shift a site's chosen policy.
  const SettingRecord row{kSpamPolicySetting, spam_policy_to_json(*policy), now, actor->name};
  if (auto stored = state.store->store_setting(row); !stored) return send_internal_error(res, stored.error());
  state.policy.use_stored(std::move(*policy), now, actor->name);
  record_audit(state, *actor, {"policy.update", "policy", kSpamPolicySetting, {{"policy", json::parse(row.value)}}});
  send_json(res, 200, dump_json(policy_json(state)));
}

void reset_policy(ServerState& state, const HttpRequest& req, HttpResponse& res) {
  const auto actor = authorize(state, req, res, Role::admin);
  if (!actor) return;
  if (auto deleted = state.store->delete_setting(kSpamPolicySetting); !deleted)
    return send_internal_error(res, deleted.error());
  state.policy.use_config();
  record_audit(state, *actor, {"policy.reset", "policy", kSpamPolicySetting});
  send_json(res, 200, dump_json(policy_json(state)));
}

}  // namespace

void add_policy_routes(Router& http, ServerState& state) {
  http.get("/api/admin/policy", [&state](const HttpRequest& req, HttpResponse& res) { get_policy(state, req, res); });
  http.post("/api/admin/policy", [&state](const HttpRequest& req, HttpResponse& res) { set_policy(state, req, res); });
  http.post("/api/admin/policy/reset",
            [&state](const HttpRequest& req, HttpResponse& res) { reset_policy(state, req, res); });
}

}  // namespace soundoff::server
