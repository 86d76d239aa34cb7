// The console's identity routes (docs/moderation-api.md, "Who may call" and
// "Audit log"): login, the session, logout, the users API and the audit log.
#include <charconv>

#include "server/accounts.h"
#include "server/audit.h"
#include "server/http_util.h"
#include "server/moderator_auth.h"
#include "server/passwords.h"
#include "server/server_state.h"
#include "server/session_cookie.h"
#include "soundoff/time.h"

namespace soundoff::server {

namespace {

using nlohmann::json;

// Account failures as HTTP: which status each code gets.
void send_account_error(HttpResponse& res, const Error& e) {
  if (e.code == "user_exists") return send_error(res, 409, e.code, e.message);
  if (e.code == "not_found") return send_error(res, 404, e.code, e.message);
  if (e.code == "invalid_user_name" || e.code == "invalid_password" || e.code == "invalid_role")
    return send_error(res, 400, e.code, e.message);
  send_internal_error(res, e);
}

json user_json(const UserRecord& u) {
  return {{"name", u.name}, {"role", u.role}, {"created", format_iso8601(u.created_ms)}, {"disabled", u.disabled}};
}

// A string field of a request body, or a 400 naming it.
std::optional<std::string> string_field(const json& body, const char* field, HttpResponse& res) {
  const auto it = body.find(field);
  if (it == body.end() || !it->is_string()) {
    send_error(res, 400, "invalid_argument", std::string("\"") + field + "\" must be a string");
    return std::nullopt;
  }
  return it->get<std::string>();
}

// Credentials and what answers with them are never cached.
void no_store(HttpResponse& res) { res.set_header("Cache-Control", "no-store"); }

// 429 when failed logins from this network or for this name used up their allowance.
bool refuse_locked_login(ServerState& state, const std::string& network, const std::string& name_key,
                         HttpResponse& res) {
  const std::int64_t now = now_ms();
  for (auto* limiter : {&state.login_by_network, &state.login_by_name}) {
    const auto decision = limiter->peek(limiter == &state.login_by_network ? network : name_key, now);
    if (decision.allowed) continue;
    res.set_header("Retry-After", std::to_string(decision.retry_after_s));
    send_error(res, 429, "rate_limited",
               "too many failed sign-ins; retry in " + std::to_string(decision.retry_after_s) + " s");
    return true;
  }
  return false;
}

void login(ServerState& state, const HttpRequest& req, HttpResponse& res) {
  no_store(res);
  // Like every POST: JSON and an allowed Origin. No CSRF token: there is no session yet.
  if (refuse_without_intent(state, req, res)) return;
  const json body = parse_json_object(req, res);
  if (body.is_discarded()) return;
  const auto name = string_field(body, "name", res);
  if (!name) return;
  const auto password = string_field(body, "password", res);
  if (!password) return;
  const std::string network = request_network(req, state);
  const std::string name_key = user_name_key(name->substr(0, 64));
  if (refuse_locked_login(state, network, name_key, res)) return;

  const auto user = state.store->find_user(*name);
  if (!user) {
    send_internal_error(res, user.error());
    return;
  }
  bool ok = false;
  if (password->size() > kMaxPasswordBytes) {
    ok = false;  // no account has such a password, and hashing it would cost more than a real attempt
  } else if (*user) {
    ok = verify_password((*user)->password_hash, *password) && !(*user)->disabled;
  } else {
    verify_against_dummy(*password);  // an unknown name takes as long as a wrong password
  }
  if (!ok) {
    const std::int64_t now = now_ms();
    state.login_by_network.take(network, now);
    state.login_by_name.take(name_key, now);
    // Attempts on real accounts are worth a moderator's attention; invented names would only fill the log.
    if (*user)
      record_audit(state, Actor{(*user)->name, Role::moderator, "session", network},
                   {"login.failed", "user", (*user)->name});
    send_error(res, 401, "bad_credentials", "wrong user name or password");
    return;
  }
  const UserRecord& u = **user;
  const auto role = parse_role(u.role);
  if (!role) {
    send_internal_error(res, Error{"storage_error", "user " + u.name + " has an unknown role " + u.role});
    return;
  }
  const std::int64_t now = now_ms();
  const auto lifetime_ms = static_cast<std::int64_t>(state.config.session_hours * 3600000.0);
  const auto idle_ms = static_cast<std::int64_t>(state.config.session_idle_minutes * 60000.0);
  // The cookie carries the id; the database only its hash.
  const std::string id = random_hex(32);
  SessionRecord session{session_id_hash(id), u.name, u.role, false, random_hex(32), now, now, now + lifetime_ms};
  if (const auto added = state.store->add_session(session); !added) {
    send_internal_error(res, added.error());
    return;
  }
  // Logins are rare: a good moment to forget sessions nobody will use again.
  static_cast<void>(state.store->remove_stale_sessions(now, now - idle_ms));
  res.set_header("Set-Cookie",
                 set_session_cookie(id, std::max<std::int64_t>(1, lifetime_ms / 1000), came_over_tls(req, state)));
  record_audit(state, Actor{u.name, *role, "session", network}, {"login", "user", u.name});
  send_json(res, 200,
            dump_json({{"name", u.name},
                       {"role", u.role},
                       {"csrf", session.csrf},
                       {"expires", format_iso8601(std::min(session.expires_ms, now + idle_ms))}}));
}

void session_status(ServerState& state, const HttpRequest& req, HttpResponse& res) {
  no_store(res);
  // The console asks on every load; not being signed in is no failed attempt.
  if (!req.has_header("Authorization") && session_cookie(req).empty()) {
    send_error(res, 401, "unauthorized", "not signed in");
    return;
  }
  SessionInfo info;
  const auto actor = authorize(state, req, res, Role::moderator, &info);
  if (!actor) return;
  const bool session = !info.id_hash.empty();
  send_json(res, 200,
            dump_json({{"name", actor->name},
                       {"role", std::string(role_name(actor->role))},
                       {"via", actor->via},
                       {"csrf", session ? json(info.csrf) : json(nullptr)},
                       {"expires", session ? json(format_iso8601(info.expires_ms)) : json(nullptr)}}));
}

void logout(ServerState& state, const HttpRequest& req, HttpResponse& res) {
  no_store(res);
  SessionInfo info;
  const auto actor = authorize(state, req, res, Role::moderator, &info);
  if (!actor) return;
  if (!info.id_hash.empty()) {
    if (const auto removed = state.store->remove_session(info.id_hash); !removed) {
      send_internal_error(res, removed.error());
      return;
    }
    record_audit(state, *actor, {"logout", "user", actor->name});
  }
  res.set_header("Set-Cookie", clear_session_cookie(came_over_tls(req, state)));
  res.status = 204;
}

void list_users(ServerState& state, const HttpRequest& req, HttpResponse& res) {
  if (!authorize(state, req, res, Role::admin)) return;
  const auto users = state.store->list_users();
  if (!users) {
    send_internal_error(res, users.error());
    return;
  }
  json out = json::array();
  for (const auto& u : *users) out.push_back(user_json(u));
  send_json(res, 200, dump_json({{"users", out}}));
}

void add_user(ServerState& state, const HttpRequest& req, HttpResponse& res) {
  const auto actor = authorize(state, req, res, Role::admin);
  if (!actor) return;
  const json body = parse_json_object(req, res);
  if (body.is_discarded()) return;
  const auto name = string_field(body, "name", res);
  if (!name) return;
  const auto role = string_field(body, "role", res);
  if (!role) return;
  const auto password = string_field(body, "password", res);
  if (!password) return;
  const auto user = create_user(*state.store, *name, *role, *password, now_ms());
  if (!user) {
    send_account_error(res, user.error());
    return;
  }
  record_audit(state, *actor, {"user.add", "user", user->name, {{"role", user->role}}});
  send_json(res, 201, dump_json(user_json(*user)));
}

// The account a /api/admin/users/{name}/... route names, or a 404.
std::optional<UserRecord> named_user(ServerState& state, const HttpRequest& req, HttpResponse& res) {
  const std::string name = req.matches[1];
  const auto user = state.store->find_user(name);
  if (!user) {
    send_internal_error(res, user.error());
    return std::nullopt;
  }
  if (!*user) send_error(res, 404, "not_found", "there is no user called " + name.substr(0, 64));
  return *user;
}

void remove_user(ServerState& state, const HttpRequest& req, HttpResponse& res) {
  const auto actor = authorize(state, req, res, Role::admin);
  if (!actor) return;
  const auto user = named_user(state, req, res);
  if (!user) return;
  if (user->role == "admin") {
    // The console must keep someone who can add accounts (the CLI can always add one).
    const auto users = state.store->list_users();
    if (!users) {
      send_internal_error(res, users.error());
      return;
    }
    const auto admins = std::count_if(users->begin(), users->end(),
                                      [](const UserRecord& u) { return u.role == "admin" && !u.disabled; });
    if (admins <= 1) {
      send_error(res, 409, "last_admin", "the last admin account cannot be removed; add another admin first");
      return;
    }
  }
  const auto removed = state.store->remove_user(user->name);
  if (!removed) {
    send_internal_error(res, removed.error());
    return;
  }
  if (!*removed) {
    send_error(res, 404, "not_found", "there is no user called " + user->name);
    return;
  }
  record_audit(state, *actor, {"user.remove", "user", user->name, {{"role", user->role}}});
  send_json(res, 200, dump_json({{"name", user->name}, {"removed", true}}));
}

void set_password(ServerState& state, const HttpRequest& req, HttpResponse& res) {
  SessionInfo info;
  const auto actor = authorize(state, req, res, Role::admin, &info);
  if (!actor) return;
  const json body = parse_json_object(req, res);
  if (body.is_discarded()) return;
  const auto password = string_field(body, "password", res);
  if (!password) return;
  const auto user = named_user(state, req, res);
  if (!user) return;
  // Every other session of the account ends; an admin changing their own password stays signed in here.
  const bool own = actor->via == "session" && user_name_key(actor->name) == user_name_key(user->name);
  const auto changed = change_password(*state.store, user->name, *password, own ? info.id_hash : "");
  if (!changed) {
    send_account_error(res, changed.error());
    return;
  }
  record_audit(state, *actor, {"user.password", "user", user->name});
  send_json(res, 200, dump_json({{"name", user->name}, {"password_changed", true}}));
}

// A positive decimal number, else nullopt.
std::optional<std::int64_t> positive_number(const std::string& text) {
  std::int64_t value = 0;
  const auto* end = text.data() + text.size();
  const auto [ptr, ec] = std::from_chars(text.data(), end, value);
  if (text.empty() || ec != std::errc() || ptr != end || value <= 0) return std::nullopt;
  return value;
}

void list_audit(ServerState& state, const HttpRequest& req, HttpResponse& res) {
  if (!authorize(state, req, res, Role::moderator)) return;
  for (const auto& [key, value] : req.params) {
    if (key != "cursor" && key != "limit" && key != "actor" && key != "action" && key != "target") {
      send_error(res, 400, "unknown_parameter",
                 "unknown parameter \"" + key.substr(0, 40) + "\" (cursor, limit, actor, action, target)");
      return;
    }
  }
  AuditQuery q;
  if (req.has_param("limit")) {
    const auto limit = positive_number(req.get_param_value("limit"));
    if (!limit || *limit > 200) {
      send_error(res, 400, "invalid_argument", "limit must be a whole number from 1 to 200");
      return;
    }
    q.limit = static_cast<std::size_t>(*limit);
  }
  if (req.has_param("cursor")) {
    const auto cursor = positive_number(req.get_param_value("cursor"));
    if (!cursor) {
      send_error(res, 400, "invalid_cursor", "the cursor is not one this server gave out (next_cursor)");
      return;
    }
    q.cursor = *cursor;
  }
  q.actor = req.get_param_value("actor");
  q.action = req.get_param_value("action");
  q.target = req.get_param_value("target");
  const std::size_t page = q.limit;
  q.limit = page + 1;  // one more says whether there is a next page
  const auto rows = state.store->list_audit(q);
  if (!rows) {
    send_internal_error(res, rows.error());
    return;
  }
  json entries = json::array();
  for (std::size_t i = 0; i < rows->size() && i < page; ++i) entries.push_back(audit_json((*rows)[i]));
  const json next = rows->size() > page ? json(std::to_string((*rows)[page - 1].id)) : json(nullptr);
  send_json(res, 200, dump_json({{"entries", entries}, {"next_cursor", next}}));
}

}  // namespace

void add_account_routes(Router& http, ServerState& state) {
  const auto route = [&state](void (*handler)(ServerState&, const HttpRequest&, HttpResponse&)) {
    return [&state, handler](const HttpRequest& req, HttpResponse& res) { handler(state, req, res); };
  };
  http.post("/api/admin/login", route(login));
  http.get("/api/admin/session", route(session_status));
  http.post("/api/admin/logout", route(logout));
  http.get("/api/admin/users", route(list_users));
  http.post("/api/admin/users", route(add_user));
  http.post(R"(/api/admin/users/([^/]+)/delete)", route(remove_user));
  http.post(R"(/api/admin/users/([^/]+)/password)", route(set_password));
  http.get("/api/admin/audit", route(list_audit));
}

}  // namespace soundoff::server
