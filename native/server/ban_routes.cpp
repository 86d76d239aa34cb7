// Bans over HTTP (docs/moderation-api.md, "Bans"): list, add, lift. Each
// change reloads the in-memory ban list (ban_list.h) and writes an audit row.
#include <algorithm>
#include <charconv>
#include <iostream>

#include "server/audit.h"
#include "server/ban_list.h"
#include "server/http_util.h"
#include "server/moderator_auth.h"
#include "server/server_state.h"
#include "soundoff/time.h"
#include "soundoff/utf8.h"

namespace soundoff::server {

namespace {

using nlohmann::json;

constexpr std::size_t kMaxReasonBytes = 500;

json ban_json(const Ban& b) {
  return {{"id", b.id},
          {"kind", std::string(ban_kind_name(b.kind))},
          {"value", b.value},
          {"reason", b.reason},
          {"shadow", b.shadow},
          {"created", format_iso8601(b.created_ms)},
          {"expires", b.expires_ms ? json(format_iso8601(*b.expires_ms)) : json(nullptr)},
          {"by", b.by}};
}

bool expired(const Ban& b, std::int64_t now) { return b.expires_ms && *b.expires_ms <= now; }

// Bans page in one order, active first, then expired, each newest first;
// the cursor is the last ban's place in it: "a<id>" or "e<id>".
std::string cursor_of(const Ban& b, std::int64_t now) { return (expired(b, now) ? "e" : "a") + b.id; }

void reload_bans(ServerState& state) {
  if (auto r = state.bans.reload(*state.store, now_ms()); !r)
    std::cerr << "soundoff serve: reloading bans failed: " << r.error().message << "\n";
}

void list_bans(ServerState& state, const HttpRequest& req, HttpResponse& res) {
  if (!authorize(state, req, res, Role::moderator)) return;
  std::size_t limit = 50;
  std::string after;
  for (const auto& [key, value] : req.params) {
    if (key == "limit") {
      std::size_t n = 0;
      const auto [end, ec] = std::from_chars(value.data(), value.data() + value.size(), n);
      if (value.empty() || ec != std::errc() || end != value.data() + value.size() || n < 1 || n > 200) {
        send_error(res, 400, "invalid_argument", "limit must be a whole number from 1 to 200");
        return;
      }
      limit = n;
    } else if (key == "cursor") {
      after = value;
    } else {
      send_error(res, 400, "unknown_parameter", "unknown parameter \"" + utf8_excerpt(key, 40) + "\"");
      return;
    }
  }
  auto all = state.store->bans();
  if (!all) {
    send_internal_error(res, all.error());
    return;
  }
  const std::int64_t now = now_ms();
  std::stable_partition(all->begin(), all->end(), [&](const Ban& b) { return !expired(b, now); });
  std::size_t begin = 0;
  if (!after.empty()) {
    const auto at = std::find_if(all->begin(), all->end(), [&](const Ban& b) { return cursor_of(b, now) == after; });
    if (at == all->end()) {
      send_error(res, 400, "invalid_cursor", "the cursor is not one this server issued (or that ban was lifted)");
      return;
    }
    begin = static_cast<std::size_t>(at - all->begin()) + 1;
  }
  json bans = json::array();
  const std::size_t end = std::min(all->size(), begin + limit);
  for (std::size_t i = begin; i < end; ++i) bans.push_back(ban_json((*all)[i]));
  send_json(res, 200,
            dump_json({{"bans", bans},
                       {"next_cursor",
                        end < all->size() && end > begin ? json(cursor_of((*all)[end - 1], now)) : json(nullptr)}}));
}

void add_ban(ServerState& state, const HttpRequest& req, HttpResponse& res) {
  const auto actor = authorize(state, req, res, Role::moderator);
  if (!actor) return;
  const json j = parse_json_object(req, res);
  if (j.is_discarded()) return;
  const auto field = [&](const char* name) { return j.find(name); };
  const auto kind_field = field("kind");
  const auto kind =
      kind_field != j.end() && kind_field->is_string() ? parse_ban_kind(kind_field->get<std::string>()) : std::nullopt;
  if (!kind) {
    send_error(res, 400, "invalid_ban", "kind must be author, email, network or address");
    return;
  }
  const auto value_field = field("value");
  if (value_field == j.end() || !value_field->is_string() || value_field->get<std::string>().size() > 254 ||
      !is_valid_utf8(value_field->get<std::string>())) {
    send_error(res, 400, "invalid_ban", "value must be a string of at most 254 bytes");
    return;
  }
  std::string problem;
  const auto value = normalise_ban_value(*kind, value_field->get<std::string>(), problem);
  if (!value) {
    send_error(res, 400, "invalid_ban", problem);
    return;
  }
  Ban ban;
  ban.kind = *kind;
  ban.value = *value;
  ban.by = actor->name;
  ban.created_ms = now_ms();
  if (const auto r = field("reason"); r != j.end() && !r->is_null()) {
    if (!r->is_string() || r->get<std::string>().size() > kMaxReasonBytes || !is_valid_utf8(r->get<std::string>())) {
      send_error(res, 400, "invalid_ban", "reason must be a string of at most 500 bytes");
      return;
    }
    ban.reason = r->get<std::string>();
  }
  if (const auto s = field("shadow"); s != j.end() && !s->is_null()) {
    if (!s->is_boolean()) {
      send_error(res, 400, "invalid_ban", "shadow must be true or false");
      return;
    }
    ban.shadow = s->get<bool>();
  }
  if (const auto e = field("expires"); e != j.end() && !e->is_null()) {
    const auto ms = e->is_string() ? parse_iso8601_ms(e->get<std::string>()) : std::nullopt;
    if (!ms) {
      send_error(res, 400, "invalid_ban", "expires must be an ISO-8601 time (2026-12-31T00:00:00Z) or null");
      return;
    }
    ban.expires_ms = *ms;
  }
  const auto stored = state.store->add_ban(ban);
  if (!stored) {
    send_internal_error(res, stored.error());
    return;
  }
  reload_bans(state);
  const json out = ban_json(*stored);
  record_audit(state, *actor, {"ban.add", "ban", stored->id, out});
  send_json(res, 201, dump_json(out));
}

void delete_ban(ServerState& state, const HttpRequest& req, HttpResponse& res) {
  const auto actor = authorize(state, req, res, Role::moderator);
  if (!actor) return;
  const std::string id = req.matches[1];
  const auto deleted = state.store->delete_ban(id);
  if (!deleted) {
    send_internal_error(res, deleted.error());
    return;
  }
  if (!*deleted) {
    send_error(res, 404, "not_found", "no ban " + utf8_excerpt(id, 40));
    return;
  }
  reload_bans(state);
  record_audit(state, *actor, {"ban.delete", "ban", id, json::object()});
  send_json(res, 200, dump_json({{"id", id}, {"deleted", true}}));
}

}  // namespace

void add_ban_routes(Router& http, ServerState& state) {
  http.get("/api/admin/bans", [&state](const HttpRequest& req, HttpResponse& res) { list_bans(state, req, res); });
  http.post("/api/admin/bans", [&state](const HttpRequest& req, HttpResponse& res) { add_ban(state, req, res); });
  http.post(R"(/api/admin/bans/([^/]+)/delete)",
            [&state](const HttpRequest& req, HttpResponse& res) { delete_ban(state, req, res); });
}

}  // namespace soundoff::server
