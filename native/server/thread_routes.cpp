// The thread registry (docs/moderation-api.md, "Threads"): the console's
// list, registering, closing and reopening, and the public state of one thread.
#include <charconv>

#include "server/audit.h"
#include "server/http_util.h"
#include "server/moderator_auth.h"
#include "server/registry_text.h"
#include "server/server_state.h"
#include "server/thread_by_url.h"
#include "soundoff/time.h"
#include "soundoff/url_normalise.h"
#include "soundoff/utf8.h"

namespace soundoff::server {

namespace {

using nlohmann::json;

constexpr std::size_t kDefaultLimit = 50;
constexpr std::size_t kMaxLimit = 200;

std::int64_t auto_close_ms(const ServerState& state) {
  return static_cast<std::int64_t>(state.config.auto_close_days) * 86400000;
}

json iso_or_null(std::optional<std::int64_t> ms) { return ms ? json(format_iso8601(*ms)) : json(nullptr); }

json thread_json(const ServerState& state, const ThreadRecord& t) {
  return {{"key", t.key},
          {"title", t.title},
          {"url", t.url},
          {"comments", t.comments},
          {"visible", t.visible},
          {"last_activity", format_iso8601(t.last_activity_ms)},
          {"state", closed_at(t, now_ms(), auto_close_ms(state)) ? "closed" : "open"},
          {"closes_at", iso_or_null(effective_closes_at(t, auto_close_ms(state)))},
          {"registered", t.registered}};
}

// The paging cursor: "<last_activity_ms>,<key>" of the last row shown (',' is never in a key).
std::string cursor_of(const ThreadRecord& t) { return std::to_string(t.last_activity_ms) + "," + t.key; }

std::optional<std::pair<std::int64_t, std::string>> parse_cursor(const std::string& text) {
  const auto comma = text.find(',');
  if (comma == std::string::npos) return std::nullopt;
  std::int64_t ms = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + comma, ms);
  const std::string key = text.substr(comma + 1);
  if (ec != std::errc() || end != text.data() + comma || !valid_thread_key(key)) return std::nullopt;
  return std::pair{ms, key};
}

void list_threads(ServerState& state, const HttpRequest& req, HttpResponse& res) {
  if (!authorize(state, req, res, Role::moderator)) return;
  ThreadListQuery query;
  query.limit = kDefaultLimit;
  query.now_ms = now_ms();
  query.auto_close_ms = auto_close_ms(state);
  for (const auto& [name, value] : req.params) {
    if (name == "cursor") {
      if (value.empty()) continue;
      query.after = parse_cursor(value);
      if (!query.after) return send_error(res, 400, "invalid_cursor", "cursor is not one this list gave out");
    } else if (name == "limit") {
      std::size_t n = 0;
      const auto [end, ec] = std::from_chars(value.data(), value.data() + value.size(), n);
      if (ec != std::errc() || end != value.data() + value.size() || n < 1 || n > kMaxLimit)
        return send_error(res, 400, "invalid_argument", "limit must be a whole number from 1 to 200");
      query.limit = n;
    } else if (name == "q") {
      if (!is_valid_utf8(value) || value.size() > kMaxThreadTitleBytes)
        return send_error(res, 400, "invalid_argument", "q must be UTF-8 text of at most 500 bytes");
      query.q = value;
    } else if (name == "state") {
      if (value == "open" || value == "closed") {
        query.closed = value == "closed";
      } else if (!value.empty()) {
        return send_error(res, 400, "invalid_argument", "state must be open or closed");
      }
    } else {
      return send_error(res, 400, "unknown_parameter", "unknown parameter " + name.substr(0, 40));
    }
  }
  const std::size_t limit = query.limit;
  query.limit = limit + 1;  // one more than shown: whether there is a next page, without an empty last one
  auto rows = state.store->list_threads(query);
  if (!rows) return send_internal_error(res, rows.error());
  json threads = json::array();
  for (std::size_t i = 0; i < rows->size() && i < limit; ++i) threads.push_back(thread_json(state, (*rows)[i]));
  const json next = rows->size() > limit ? json(cursor_of((*rows)[limit - 1])) : json(nullptr);
  send_json(res, 200, dump_json({{"threads", threads}, {"next_cursor", next}}));
}

// A title or URL: text without control characters; a URL must be http(s) or a site path (the console links it).
std::optional<std::string> text_field(const json& j, const char* name, std::size_t max_bytes, HttpResponse& res) {
  const auto it = j.find(name);
  if (it == j.end() || it->is_null()) return std::string();
  if (!it->is_string()) {
    send_error(res, 400, "invalid_argument", std::string(name) + " must be a string");
    return std::nullopt;
  }
  const std::string value = it->get<std::string>();
  if (auto problem = registry_text_problem(value, max_bytes)) {
    send_error(res, 400, "invalid_argument", std::string(name) + " " + *problem);
    return std::nullopt;
  }
  return value;
}

void register_thread(ServerState& state, const HttpRequest& req, HttpResponse& res) {
  const auto actor = authorize(state, req, res, Role::moderator);
  if (!actor) return;
  const json j = parse_json_object(req, res);
  if (j.is_discarded()) return;
  const auto key = j.find("key");
  if (key == j.end() || !key->is_string() || !valid_thread_key(key->get<std::string>()))
    return send_error(res, 400, "invalid_thread", "key must be a thread key: 1..200 of [A-Za-z0-9._~:-]");
  const auto title = text_field(j, "title", kMaxThreadTitleBytes, res);
  if (!title) return;
  const auto url = text_field(j, "url", kMaxThreadUrlBytes, res);
  if (!url) return;
  if (!linkable_thread_url(*url))
    return send_error(res, 400, "invalid_argument", "url must start with https://, http:// or / (a path on the site)");
  const auto row = state.store->register_thread(key->get<std::string>(), *title, *url, now_ms());
  if (!row) return send_internal_error(res, row.error());
  state.threads.put(row->key, *row);
  state.thread_urls.note(row->key, row->url);
  record_audit(state, *actor, {"thread.register", "thread", row->key, {{"title", *title}, {"url", *url}}});
  send_json(res, 200, dump_json(thread_json(state, *row)));
}

void set_closed(ServerState& state, const HttpRequest& req, HttpResponse& res, bool closed) {
  const auto actor = authorize(state, req, res, Role::moderator);
  if (!actor) return;
  const std::string key = req.matches[1];
  if (refuse_bad_thread(key, res)) return;
  const auto changed = state.store->set_thread_closed(key, closed);
  if (!changed) return send_internal_error(res, changed.error());
  if (!*changed) return send_error(res, 404, "not_found", "no thread " + key + " in the registry");
  const auto row = state.store->thread_record(key);
  if (!row) return send_internal_error(res, row.error());
  if (!*row) return send_error(res, 404, "not_found", "no thread " + key + " in the registry");
  state.threads.put(key, **row);
  record_audit(state, *actor, {closed ? "thread.close" : "thread.reopen", "thread", key});
  send_json(res, 200, dump_json(thread_json(state, **row)));
}

// What a widget may know of a thread: no registration flag, no moderator counts.
void send_public_thread(ServerState& state, const ThreadRecord& t, HttpResponse& res, bool by_url = false);

void public_thread(ServerState& state, const HttpRequest& req, HttpResponse& res) {
  const std::string key = req.matches[1];
  if (refuse_bad_thread(key, res)) return;
  const auto row = state.store->thread_record(key);
  if (!row) return send_internal_error(res, row.error());
  if (!*row) return send_error(res, 404, "not_found", "no thread " + key);
  send_public_thread(state, **row, res);
}

// GET /api/threads?url=URL: the thread of a page, the URL normalised first.
void public_thread_by_url(ServerState& state, const HttpRequest& req, HttpResponse& res) {
  const std::string given = req.get_param_value("url");
  if (given.empty()) return send_error(res, 400, "invalid_url", "give the page as ?url=http(s)://...");
  auto url = normalise_url(given);
  if (!url) return send_error(res, 400, "invalid_url", url.error().message);
  auto row = find_thread_by_url(*state.store, state.thread_urls, *url);
  if (!row) return send_internal_error(res, row.error());
  // No thread has the URL yet: every page has a thread, this one empty, under the key a first comment goes
  // to (sent with thread_url, thread_page.h). A 200, not a 404: a fresh article is no error (browsers log
  // every 4xx in the console of the page that embeds the widget), and the widget needs no copy of the key rule.
  if (!*row)
    return send_json(res, 200,
                     dump_json({{"key", thread_key_for(*url)},
                                {"title", ""},
                                {"url", *url},
                                {"state", "open"},
                                {"comments", 0},
                                {"exists", false}}));
  send_public_thread(state, **row, res, true);
}

// `by_url`: the answer also says the thread exists (the lookup by URL answers for pages without one too).
void send_public_thread(ServerState& state, const ThreadRecord& t, HttpResponse& res, bool by_url) {
  json out = {{"key", t.key},
              {"title", t.title},
              {"url", t.url},
              {"state", closed_at(t, now_ms(), auto_close_ms(state)) ? "closed" : "open"},
              {"comments", t.visible}};
  if (by_url) out["exists"] = true;
  send_json(res, 200, dump_json(out));
}

}  // namespace

void add_thread_routes(Router& http, ServerState& state) {
  http.get("/api/admin/threads",
           [&state](const HttpRequest& req, HttpResponse& res) { list_threads(state, req, res); });
  http.post("/api/admin/threads",
            [&state](const HttpRequest& req, HttpResponse& res) { register_thread(state, req, res); });
  http.post(R"(/api/admin/threads/([^/]+)/close)",
            [&state](const HttpRequest& req, HttpResponse& res) { set_closed(state, req, res, true); });
  http.post(R"(/api/admin/threads/([^/]+)/reopen)",
            [&state](const HttpRequest& req, HttpResponse& res) { set_closed(state, req, res, false); });
  http.get("/api/threads",
           [&state](const HttpRequest& req, HttpResponse& res) { public_thread_by_url(state, req, res); });
  http.get(R"(/api/threads/([^/]+))",
           [&state](const HttpRequest& req, HttpResponse& res) { public_thread(state, req, res); });
}

}  // namespace soundoff::server
