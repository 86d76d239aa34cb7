// Reading and writing comments: the page, new comments, counts.
#include <algorithm>
#include <charconv>

#include "server/http_util.h"
#include "server/server_state.h"
#include "server/submission_policy.h"
#include "soundoff/hash.h"
#include "soundoff/page_json.h"
#include "soundoff/utf8.h"

namespace soundoff::server {

namespace {

using nlohmann::json;

constexpr const char* kThreadComments = R"(/api/threads/([^/]+)/comments)";
constexpr std::size_t kContextComments = 50;  // what the spam seam sees of thread and author
constexpr std::size_t kMaxCountThreads = 200;

// FNV-1a over the page body: the ETag changes exactly when the bytes do,
// and stays valid across restarts.
std::string etag_of(const std::string& body) {
  std::uint64_t h = fnv1a64(body);
  char hex[16];
  const std::string s(hex, std::to_chars(hex, hex + 16, h, 16).ptr);
  return "\"" + std::string(16 - s.size(), '0') + s + "\"";
}

bool etag_matches(const std::string& if_none_match, const std::string& etag) {
  if (if_none_match.empty()) return false;
  if (if_none_match == "*") return true;
  std::string_view rest = if_none_match;
  while (!rest.empty()) {
    const auto comma = rest.find(',');
    std::string_view tag = rest.substr(0, comma);
    while (!tag.empty() && tag.front() == ' ') tag.remove_prefix(1);
    while (!tag.empty() && tag.back() == ' ') tag.remove_suffix(1);
    if (tag.substr(0, 2) == "W/") tag.remove_prefix(2);
    if (tag == etag) return true;
    rest = comma == std::string_view::npos ? std::string_view() : rest.substr(comma + 1);
  }
  return false;
}

Result<std::uint32_t> query_uint(const httplib::Request& req, const char* name, std::uint32_t fallback) {
  if (!req.has_param(name)) return fallback;
  const std::string v = req.get_param_value(name);
  std::uint32_t out = 0;
  const auto [end, ec] = std::from_chars(v.data(), v.data() + v.size(), out);
  if (v.empty() || ec != std::errc() || end != v.data() + v.size())
    return Error{"invalid_argument", std::string(name) + " must be a whole number, not \"" + v + "\""};
  return out;
}

// The query string as a PageRequest and sort order, or the first problem.
Result<std::pair<PageRequest, SortOrder>> page_request_from(const httplib::Request& req) {
  PageRequest r;
  const auto sort = parse_sort(req.has_param("sort") ? req.get_param_value("sort") : "oldest");
  if (!sort)
    return Error{"invalid_argument", "sort must be oldest, newest, top, best, controversial or active"};
  const int modes = req.has_param("page") + req.has_param("around") + req.has_param("after");
  if (modes > 1) return Error{"invalid_argument", "give at most one of page, around and after"};
  const auto page = query_uint(req, "page", 1);
  if (!page) return page.error();
  const auto per_page = query_uint(req, "per_page", r.per_page);
  if (!per_page) return per_page.error();
  const auto max_depth = query_uint(req, "max_depth", r.max_depth);
  if (!max_depth) return max_depth.error();
  const auto max_replies = query_uint(req, "max_replies", r.max_replies);
  if (!max_replies) return max_replies.error();
  r.page = *page;
  r.per_page = *per_page;
  r.max_depth = *max_depth;
  r.max_replies = *max_replies;
  r.around = req.get_param_value("around");
  r.after = req.get_param_value("after");
  const std::string replies = req.has_param("replies") ? req.get_param_value("replies") : "oldest";
  if (replies != "oldest" && replies != "newest")
    return Error{"invalid_argument", "replies must be oldest or newest"};
  r.replies_newest_first = replies == "newest";
  return std::pair{r, *sort};
}

std::string canonical_key(const PageRequest& r, SortOrder sort) {
  return std::string(sort_name(sort)) + '|' + std::to_string(r.page) + '|' + std::to_string(r.per_page) + '|' +
         std::to_string(r.max_depth) + '|' + std::to_string(r.max_replies) + '|' + (r.replies_newest_first ? "n" : "o") +
         '|' + r.around + '|' + r.after;
}

// The page as JSON with its ETag, from the snapshot's memo when it has been
// rendered before.
Result<std::shared_ptr<const CachedThread::RenderedPage>> render_page(const CachedThread& snapshot,
                                                                     const PageRequest& request, SortOrder sort) {
  const std::string key = canonical_key(request, sort);
  if (auto hit = snapshot.rendered(key)) return hit;
  const ThreadView& view = snapshot.view(sort);
  const auto page = build_page(view, request);
  if (!page) return page.error();
  auto out = std::make_shared<CachedThread::RenderedPage>();
  out->body = page_to_json(view, *page);
  out->etag = etag_of(out->body);
  snapshot.remember(key, out);
  return std::shared_ptr<const CachedThread::RenderedPage>(std::move(out));
}

void get_page(ServerState& state, const httplib::Request& req, httplib::Response& res) {
  const std::string thread = req.matches[1];
  if (refuse_bad_thread(thread, res)) return;
  const auto request = page_request_from(req);
  if (!request) {
    send_error(res, 400, request.error().code, request.error().message);
    return;
  }
  const auto snapshot = state.cache.get(thread);
  if (!snapshot) {
    send_error(res, 500, snapshot.error().code, snapshot.error().message);
    return;
  }
  const auto rendered = render_page(**snapshot, request->first, request->second);
  if (!rendered) {
    const auto& e = rendered.error();
    send_error(res, e.code == "not_found" ? 404 : 400, e.code, e.message);
    return;
  }
  const std::string& etag = (*rendered)->etag;
  res.set_header("ETag", etag);
  // Caches may keep the page but must ask again: new comments arrive at any time.
  res.set_header("Cache-Control", "no-cache");
  if (etag_matches(req.get_header_value("If-None-Match"), etag)) {
    res.status = 304;
    return;
  }
  send_json(res, 200, (*rendered)->body);
}

// Problems with one field of a new comment, keyed by field name.
struct FieldErrors {
  json fields = json::object();
  void add(const char* field, const char* code, const std::string& message) {
    if (!fields.contains(field)) fields[field] = {{"code", code}, {"message", message}};
  }
};

// Control characters other than tab and newline (and CR in a body) have no
// place in a comment; they are how log and header injection starts.
bool has_control(std::string_view s, bool multiline) {
  return std::any_of(s.begin(), s.end(), [&](char c) {
    const auto u = static_cast<unsigned char>(c);
    if (multiline && (c == '\n' || c == '\r' || c == '\t')) return false;
    return u < 0x20 || u == 0x7f;
  });
}

std::string trimmed(std::string s) {
  const auto first = s.find_first_not_of(" \t\r\n");
  if (first == std::string::npos) return {};
  s.erase(0, first);
  s.erase(s.find_last_not_of(" \t\r\n") + 1);
  return s;
}

std::optional<std::string> text_field(const json& j, const char* name, bool required, bool multiline,
                                      std::size_t max_bytes, FieldErrors& errors) {
  const auto it = j.find(name);
  if (it == j.end() || it->is_null()) {
    if (required) errors.add(name, "missing", std::string(name) + " is required");
    return std::nullopt;
  }
  if (!it->is_string()) {
    errors.add(name, "wrong_type", std::string(name) + " must be a string");
    return std::nullopt;
  }
  std::string value = trimmed(it->get<std::string>());
  if (!is_valid_utf8(value)) {
    errors.add(name, "invalid_utf8", std::string(name) + " is not valid UTF-8");
  } else if (required && value.empty()) {
    errors.add(name, "empty", std::string(name) + " must not be empty");
  } else if (value.size() > max_bytes) {
    errors.add(name, "too_long", std::string(name) + " is longer than " + std::to_string(max_bytes) + " bytes");
  } else if (has_control(value, multiline)) {
    errors.add(name, "control_character", std::string(name) + " contains control characters");
  } else {
    return value;
  }
  return std::nullopt;
}

void post_comment(ServerState& state, const httplib::Request& req, httplib::Response& res) {
  const std::string thread = req.matches[1];
  if (refuse_bad_thread(thread, res)) return;
  const std::string client = request_client(req, state);
  if (!is_json_request(req)) {
    send_error(res, 415, "unsupported_media_type", "send the body as Content-Type: application/json");
    return;
  }
  if (refuse_if_limited(state.comment_limiter, client, res)) return;
  const json j = parse_json_object(req, res);
  if (j.is_discarded()) return;

  FieldErrors errors;
  const auto author = text_field(j, "author", true, false, state.config.max_author_bytes, errors);
  const auto body = text_field(j, "body", true, true, state.config.max_comment_bytes, errors);
  const auto email = text_field(j, "email", false, false, 254, errors);
  if (email && !email->empty() && (email->find('@') == std::string::npos || email->find(' ') != std::string::npos))
    errors.add("email", "invalid_email", "email must look like name@example.org");
  std::string parent;
  if (const auto p = j.find("parent"); p != j.end() && !p->is_null()) {
    if (p->is_string()) {
      parent = p->get<std::string>();
    } else if (p->is_number_unsigned()) {
      parent = std::to_string(p->get<std::uint64_t>());
    } else {
      errors.add("parent", "wrong_type", "parent must be a comment id (string or whole number)");
    }
  }

  if (!parent.empty() && !errors.fields.contains("parent")) {
    const auto shown = state.cache.is_shown(thread, parent);
    if (!shown) {
      send_error(res, 500, shown.error().code, shown.error().message);
      return;
    }
    if (!*shown)
      errors.add("parent", "not_found", "parent " + parent.substr(0, 40) + " is not a shown comment of this thread");
  }
  if (!errors.fields.empty()) {
    send_json(res, 400,
              dump_json({{"code", "invalid_comment"},
                         {"message", "the comment has " + std::to_string(errors.fields.size()) + " invalid field(s)"},
                         {"fields", errors.fields}}));
    return;
  }

  Comment candidate;
  candidate.thread = thread;
  candidate.parent = parent;
  candidate.author = *author;
  candidate.body = *body;
  candidate.created_ms = now_ms();
  // Everything the spam seam decides from; storage errors are 500s, not verdicts.
  auto recent = state.store->thread_recent(thread, kContextComments);
  auto history = state.store->author_history(*author, client, kContextComments);
  auto approved = state.store->approved_count(*author);
  for (const Error* e : {recent ? nullptr : &recent.error(), history ? nullptr : &history.error(),
                         approved ? nullptr : &approved.error()}) {
    if (e == nullptr) continue;
    send_error(res, 500, e->code, e->message);
    return;
  }
  SubmissionFacts facts;
  facts.client_ip = client;
  facts.email = email.value_or("");
  facts.user_agent = req.get_header_value("User-Agent");
  facts.now_ms = candidate.created_ms;
  facts.author_approved = *approved;
  facts.hold_all = state.config.hold_all;
  facts.policy = &state.config.spam_policy;
  const SubmissionVerdict verdict = judge_submission(candidate, *recent, *history, facts);

  NewComment row{thread, parent, *author, email.value_or(""), *body, client, "", candidate.created_ms,
                 verdict.status, verdict.reasons, ""};
  const Result<Comment> stored = state.store->insert(row);
  if (stored) state.cache.add_committed(thread, *stored);
  if (!stored) {
    send_error(res, 500, stored.error().code, stored.error().message);
    return;
  }
  res.set_header("Location", "/api/threads/" + thread + "/comments?around=" + stored->id);
  // The reasons stay with the moderators: telling a spammer which check
  // fired helps them past it.
  send_json(res, 201, dump_json({{"id", stored->id}, {"status", std::string(status_name(stored->status))}}));
}

void get_count(ServerState& state, const httplib::Request& req, httplib::Response& res) {
  const std::string thread = req.matches[1];
  if (refuse_bad_thread(thread, res)) return;
  const auto count = state.store->visible_count(thread);
  if (!count) {
    send_error(res, 500, count.error().code, count.error().message);
    return;
  }
  send_json(res, 200, dump_json({{"thread", thread}, {"count", *count}}));
}

void post_counts(ServerState& state, const httplib::Request& req, httplib::Response& res) {
  const json j = parse_json_object(req, res);
  if (j.is_discarded()) return;
  const auto threads = j.find("threads");
  if (threads == j.end() || !threads->is_array()) {
    send_error(res, 400, "invalid_argument", "threads must be an array of thread keys");
    return;
  }
  if (threads->size() > kMaxCountThreads) {
    send_error(res, 400, "invalid_argument", "at most " + std::to_string(kMaxCountThreads) + " threads per request");
    return;
  }
  json counts = json::object();
  for (std::size_t i = 0; i < threads->size(); ++i) {
    const auto& t = (*threads)[i];
    if (!t.is_string() || !valid_thread_key(t.get<std::string>())) {
      send_error(res, 400, "invalid_thread", "threads[" + std::to_string(i) + "] is not a valid thread key");
      return;
    }
    const auto count = state.store->visible_count(t.get<std::string>());
    if (!count) {
      send_error(res, 500, count.error().code, count.error().message);
      return;
    }
    counts[t.get<std::string>()] = *count;
  }
  send_json(res, 200, dump_json({{"counts", counts}}));
}

// The policy new comments are judged by, for clients' pre-checks (the widget's
// spam pre-check in API mode). Without the word lists: publishing them would
// tell spammers what to misspell.
void get_spam_policy(const ServerState& state, httplib::Response& res) {
  SpamPolicy published = state.config.spam_policy;
  published.moderation_words = {};
  published.banned_words = {};
  res.set_header("Cache-Control", "max-age=300");
  send_json(res, 200, spam_policy_to_json(published));
}

}  // namespace

void add_comment_routes(httplib::Server& http, ServerState& state) {
  http.Get(kThreadComments, [&state](const httplib::Request& req, httplib::Response& res) { get_page(state, req, res); });
  http.Post(kThreadComments,
            [&state](const httplib::Request& req, httplib::Response& res) { post_comment(state, req, res); });
  http.Get(R"(/api/threads/([^/]+)/count)",
           [&state](const httplib::Request& req, httplib::Response& res) { get_count(state, req, res); });
  http.Post("/api/counts", [&state](const httplib::Request& req, httplib::Response& res) { post_counts(state, req, res); });
  http.Get("/api/spam-policy", [&state](const httplib::Request&, httplib::Response& res) { get_spam_policy(state, res); });
}

}  // namespace soundoff::server
