// Reading and writing comments: the page, new comments, counts.
#include <algorithm>
#include <charconv>
#include <map>
#include <set>

#include "server/ban_check.h"
#include "server/edit_key.h"
#include "server/http_util.h"
#include "server/own_comments.h"
#include "server/page_request.h"
#include "server/pseudonymous_history.h"
#include "server/reader_mail.h"
#include "server/server_state.h"
#include "server/sso_request.h"
#include "server/submission_policy.h"
#include "server/thread_by_url.h"
#include "server/thread_gate.h"
#include "server/thread_page.h"
#include "soundoff/hash.h"
#include "soundoff/page_json.h"
#include "soundoff/page_query.h"
#include "soundoff/text_rules.h"
#include "soundoff/url_normalise.h"
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

std::string canonical_key(const PageRequest& r, SortOrder sort) {
  return std::string(sort_name(sort)) + '|' + std::to_string(r.page) + '|' + std::to_string(r.per_page) + '|' +
         std::to_string(r.max_depth) + '|' + std::to_string(r.max_replies) + '|' +
         (r.replies_newest_first ? "n" : "o") + '|' + r.around + '|' + r.after;
}

// The page as JSON with its ETag, from the page memo when this snapshot has
// rendered it before. Pages over `max_comments` are refused before they are
// serialised: one request must not make the server write megabytes. A closed
// thread's page says so (`"closed": true`); the memo key carries the state,
// so closing or reopening stops the old pages from being served.
Result<std::shared_ptr<const RenderedPage>> render_page(PageMemo& memo, std::size_t max_comments,
                                                        const CachedThread& snapshot, const PageRequest& request,
                                                        SortOrder sort, bool closed) {
  const std::string key = snapshot.key() + '\n' + std::to_string(snapshot.generation()) +
                          (closed ? "\nclosed\n" : "\n") + canonical_key(request, sort);
  if (auto hit = memo.find(key)) return hit;
  const ThreadView& view = snapshot.view(sort);
  const auto page = build_bounded_page(view, request, max_comments);
  if (!page) return page.error();
  auto out = std::make_shared<RenderedPage>();
  out->body = page_to_json(view, *page);
  // page_to_json writes an object ('{' then fields): these go first, without re-parsing megabytes.
  const bool object = out->body.size() > 1 && out->body.front() == '{';
  // The comment the page is around, by its stored id also when the request named its original id: what a
  // widget opened at #comment-<original id> focuses.
  if (object && !request.around.empty()) out->body.insert(1, "\"around\":" + json(request.around).dump() + ",");
  if (object && closed) out->body.insert(1, "\"closed\":true,");
  out->etag = etag_of(out->body);
  memo.remember(key, out);
  return std::shared_ptr<const RenderedPage>(std::move(out));
}

// `around` names a comment by id, or by the id it had in the system it was
// imported from (external_id): old permalinks (#comment-<original id>) keep
// working. Ids win: the external id is looked up only when no id matches.
PageRequest with_around_resolved(const CachedThread& snapshot, SortOrder sort, PageRequest request) {
  if (request.around.empty()) return request;
  const Thread& thread = *snapshot.view(sort).thread;
  if (thread.by_id.count(request.around) != 0) return request;
  for (const auto& c : thread.comments) {
    if (!c.external_id.empty() && c.external_id == request.around) {
      request.around = c.id;
      break;
    }
  }
  return request;
}

void get_page(ServerState& state, const HttpRequest& req, HttpResponse& res) {
  const std::string thread = req.matches[1];
  if (refuse_bad_thread(thread, res)) return;
  const auto query = page_query_from(req);
  if (!query) {
    send_error(res, 400, query.error().code, query.error().message);
    return;
  }
  const auto snapshot = state.cache.get(thread);
  if (!snapshot) {
    send_internal_error(res, snapshot.error());
    return;
  }
  const auto closed = thread_closed_now(state, thread);
  if (!closed) {
    send_internal_error(res, closed.error());
    return;
  }
  const auto rendered =
      render_page(state.page_memo, state.config.max_page_comments, **snapshot,
                  with_around_resolved(**snapshot, query->sort, query->request), query->sort, *closed);
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
  res.status = 200;
  // The memo's bytes, not a copy: a slow reader of a big page holds a reference.
  res.set_shared_content(std::shared_ptr<const std::string>(*rendered, &(*rendered)->body),
                         "application/json; charset=utf-8");
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

// A new comment's fields as the client sent them, validated.
struct Submission {
  std::string author;
  std::string body;
  std::string email;                             // "" when not given
  std::string parent;                            // "" for top level
  std::optional<SubscriptionRequest> subscribe;  // "email me replies", when asked for and reader mail is on
  ThreadPage page;                               // the page the widget names its thread by, when it sent one
};

// `notify_replies` / `subscribe_thread` (docs/notifications.md, "Reader
// mail"): with reader mail off they are ignored (the answer says
// "notify": "off"); on, the address must pass reader_input_error.
std::optional<SubscriptionRequest> subscription_field(ServerState& state, const HttpRequest& req, const json& j,
                                                      const std::string& author, const std::string& email,
                                                      FieldErrors& errors) {
  bool wanted = false;
  bool whole_thread = false;
  for (const char* name : {"notify_replies", "subscribe_thread"}) {
    const auto it = j.find(name);
    if (it == j.end() || it->is_null()) continue;
    if (!it->is_boolean()) {
      errors.add(name, "wrong_type", std::string(name) + " must be true or false");
      continue;
    }
    wanted = wanted || it->get<bool>();
    if (std::string_view(name) == "subscribe_thread") whole_thread = it->get<bool>();
  }
  if (!wanted || !state.store->reader_mailing() || errors.fields.contains("email")) return std::nullopt;
  if (const auto why = reader_input_error(author, email)) {
    errors.add(why->rfind("name", 0) == 0 ? "author" : "email", "invalid_email", *why);
    return std::nullopt;
  }
  const auto lang = j.find("lang");
  const std::string widget_lang = lang != j.end() && lang->is_string() ? lang->get<std::string>() : "";
  return SubscriptionRequest{email, reader_lang(widget_lang, req.get_header_value("Accept-Language")), whole_thread};
}

// The parent as an id string; a number is accepted too (widgets send either).
std::string parent_field(const json& j, FieldErrors& errors) {
  const auto p = j.find("parent");
  if (p == j.end() || p->is_null()) return {};
  if (p->is_string()) return p->get<std::string>();
  if (p->is_number_unsigned()) return std::to_string(p->get<std::uint64_t>());
  errors.add("parent", "wrong_type", "parent must be a comment id (string or whole number)");
  return {};
}

// Reads and checks every field; sends 400 (or 500) and returns nullopt when one is bad.
// A signed-in reader writes as their account: the author field is ignored.
std::optional<Submission> read_submission(ServerState& state, const HttpRequest& req, const std::string& thread,
                                          const json& j, const std::optional<SsoAccount>& account, HttpResponse& res) {
  FieldErrors errors;
  const auto author = account ? std::optional<std::string>(account->name)
                              : text_field(j, "author", true, false, state.config.max_author_bytes, errors);
  const auto body = text_field(j, "body", true, true, state.config.max_comment_bytes, errors);
  const auto email = text_field(j, "email", false, false, 254, errors);
  if (email && !email->empty() && !is_plausible_email(*email))  // core's rule, so the widget's pre-check agrees
    errors.add("email", "invalid_email", "email must look like name@example.org");
  const std::string parent = parent_field(j, errors);
  if (!parent.empty() && !errors.fields.contains("parent")) {
    const auto shown = state.cache.is_shown(thread, parent);
    if (!shown) {
      send_internal_error(res, shown.error());
      return std::nullopt;
    }
    if (!*shown)
      errors.add("parent", "not_found", "parent " + parent.substr(0, 40) + " is not a shown comment of this thread");
  }
  ThreadPage page;
  if (const auto problem = read_thread_page(j, thread, page))
    errors.add(problem->field, problem->code, problem->message);
  const std::string address = email.value_or(account ? account->email : "");
  auto subscribe = author ? subscription_field(state, req, j, *author, address, errors) : std::nullopt;
  if (!errors.fields.empty()) {
    send_json(res, 400,
              dump_json({{"code", "invalid_comment"},
                         {"message", "the comment has " + std::to_string(errors.fields.size()) + " invalid field(s)"},
                         {"fields", errors.fields}}));
    return std::nullopt;
  }
  return Submission{*author, *body, address, parent, std::move(subscribe), std::move(page)};
}

// The spam seam's verdict on `candidate`, with the thread's and the author's
// recent comments as context; storage errors are errors, not verdicts.
// `replacing`: the id of the comment an edit changes, left out of the context
// (its old text is no duplicate of the new).
Result<SubmissionVerdict> judge(ServerState& state, const HttpRequest& req, const Comment& candidate,
                                const std::string& client, const std::string& email, bool signed_in,
                                const std::string& replacing = "") {
  auto recent = state.store->thread_recent(candidate.thread, kContextComments);
  if (!recent) return recent.error();
  auto history = state.store->author_history(candidate.author, client, kContextComments);
  if (!history) return history.error();
  // Comments older than the retention window hold their network's pseudonym instead of an address.
  if (auto hashed =
          include_pseudonymous_history(*state.store, candidate.author, client, state.network_key->pseudonym(client),
                                       kContextComments, *recent, *history);
      !hashed)
    return hashed.error();
  if (!replacing.empty()) {
    const auto same = [&](const AttributedComment& c) { return c.comment.id == replacing; };
    std::erase_if(*recent, same);
    std::erase_if(*history, same);
  }
  Result<std::int64_t> approved = std::int64_t{0};
  if (signed_in) {
    // The name is the account's alone (reserved), so its history is the account's, from any network.
    approved = state.store->approved_count(candidate.author);
    if (!approved) return approved.error();
  } else {
    // An anonymous name earns trust on its network only: borrowing a name from elsewhere borrows nothing.
    const std::string network = network_key(client);
    std::erase_if(*history, [&](const AttributedComment& c) { return network_key(c.ip) != network; });
    approved =
        static_cast<std::int64_t>(std::count_if(history->begin(), history->end(), [&](const AttributedComment& c) {
          return c.comment.author == candidate.author && c.comment.status == Status::published;
        }));
  }
  SubmissionFacts facts;
  facts.client_ip = client;
  facts.email = email;
  facts.user_agent = req.get_header_value("User-Agent");
  facts.now_ms = candidate.created_ms;
  facts.author_approved = *approved;
  facts.hold_all = state.config.hold_all;
  // The live policy (live_policy.h): this check keeps its snapshot even if a moderator changes it meanwhile.
  const auto policy = state.policy.current();
  facts.policy = policy.get();
  // Likewise the site model learnt from moderators (live_site_model.h).
  const auto site_model = state.site_model.current(*state.store);
  facts.site_model = site_model.get();
  return judge_submission(candidate, *recent, *history, facts);
}

// An account's name is its own: anonymous posts under it (by name_key) get 409
// name_reserved, another account claiming it 409 name_taken. A signed-in
// reader's first post reserves the name. True when refused (response sent).
bool refuse_taken_name(ServerState& state, const std::string& author, const std::optional<SsoAccount>& account,
                       HttpResponse& res) {
  if (!state.sso) return false;  // no accounts, no reservations to keep
  const auto holder = name_holder(*state.store, author);
  if (!holder) {
    send_internal_error(res, holder.error());
    return true;
  }
  if (!account) {
    if (holder->empty()) return false;
    send_error(res, 409, "name_reserved",
               "the name " + author + " belongs to a signed-in account: sign in, or choose another name");
    return true;
  }
  if (*holder == account->sub) return false;
  if (!holder->empty()) {
    send_error(res, 409, "name_taken",
               "the name " + author + " belongs to another account: change your name on the site");
    return true;
  }
  if (auto r = reserve_account_name(*state.store, *account, now_ms()); !r) {
    send_internal_error(res, r.error());
    return true;
  }
  return false;
}

void post_comment(ServerState& state, const HttpRequest& req, HttpResponse& res) {
  const std::string thread = req.matches[1];
  if (refuse_bad_thread(thread, res)) return;
  const std::string client = request_client(req, state);
  if (refuse_without_intent(state, req, res)) return;
  const auto account = request_account(state, req, res);
  if (!account) return;
  if (refuse_if_limited(state.comment_limiter, actor_key(*account, network_key(client)), res)) return;
  const json j = parse_json_object(req, res);
  if (j.is_discarded()) return;
  if (refuse_thread_post(state, thread, req, j, res)) return;
  const auto submission = read_submission(state, req, thread, j, *account, res);
  if (!submission) return;
  if (refuse_taken_name(state, submission->author, *account, res)) return;
  const BanCheck ban = check_bans(state, res, {submission->author, submission->email, client}, true);
  if (ban == BanCheck::refused) return;

  Comment candidate;
  candidate.thread = thread;
  candidate.parent = submission->parent;
  candidate.author = submission->author;
  candidate.body = submission->body;
  candidate.created_ms = now_ms();
  // A shadow-banned poster is answered as if published; readers never see the comment.
  const auto verdict = ban == BanCheck::shadow
                           ? Result<SubmissionVerdict>(SubmissionVerdict{Status::spam, {"shadow_ban"}, 1.0})
                           : judge(state, req, candidate, client, submission->email, account->has_value());
  if (!verdict) {
    send_internal_error(res, verdict.error());
    return;
  }
  // The author's key to edit or delete it (edit_key.h); none when the window is 0 (editing off).
  const std::string edit_key = state.config.edit_window_minutes > 0 ? new_edit_key() : std::string();
  const std::string key_hash = edit_key.empty() ? std::string() : edit_key_hash(edit_key);
  const Result<Comment> stored = state.store->insert(NewComment{.thread = thread,
                                                                .parent = submission->parent,
                                                                .author = submission->author,
                                                                .email = submission->email,
                                                                .body = submission->body,
                                                                .ip = client,
                                                                .created_ms = candidate.created_ms,
                                                                .status = verdict->status,
                                                                .reasons = verdict->reasons,
                                                                .edit_key_hash = key_hash,
                                                                .badge = account_badge(*account),
                                                                .subscribe = submission->subscribe});
  if (!stored) {
    send_internal_error(res, stored.error());
    return;
  }
  state.cache.add_committed(thread, *stored);
  thread_written(state, thread);
  // Only a published comment names the page: a title from a held spammer never reaches the console or mails.
  if (ban != BanCheck::shadow && stored->status == Status::published)
    register_thread_page(state, req, thread, submission->page, stored->id);
  res.set_header("Location", "/api/threads/" + thread + "/comments?around=" + stored->id);
  // The reasons stay with the moderators: telling a spammer which check
  // fired helps them past it.
  const Status shown = ban == BanCheck::shadow ? Status::published : stored->status;
  // The author as stored: a signed-in reader's account name (docs/sso.md), not what the form said.
  json created = {{"id", stored->id}, {"status", std::string(status_name(shown))}, {"author", stored->author}};
  if (!stored->badge.empty()) created["badge"] = stored->badge;  // so the widget shows it at once
  if (!edit_key.empty()) add_edit_key_fields(state, edit_key, stored->created_ms, created);
  // Whether a confirmation mail went out is not said: that would tell anyone
  // which addresses are subscribed or at their limit.
  const auto asked = [&](const char* name) { return j.contains(name) && j[name].is_boolean() && j[name].get<bool>(); };
  if (asked("notify_replies") || asked("subscribe_thread"))
    created["notify"] = submission->subscribe ? "requested" : "off";
  send_json(res, 201, dump_json(created));
}

Result<std::int64_t> visible_count(ServerState& state, const std::string& thread) {
  return state.cache.visible_count(thread, [&] { return state.store->visible_count(thread); });
}

void get_count(ServerState& state, const HttpRequest& req, HttpResponse& res) {
  const std::string thread = req.matches[1];
  if (refuse_bad_thread(thread, res)) return;
  const auto count = visible_count(state, thread);
  if (!count) {
    send_internal_error(res, count.error());
    return;
  }
  send_json(res, 200, dump_json({{"thread", thread}, {"count", *count}}));
}

// The thread a count by page URL counts: the one GET /api/threads?url= finds
// (find_thread_by_url), else the URL's own key (a page no one has commented
// on counts 0).
Result<std::string> counted_thread_of(ServerState& state, const std::string& normalised_url) {
  auto found = find_thread_by_url(*state.store, state.thread_urls, normalised_url);
  if (!found) return found.error();
  return *found ? (*found)->key : thread_key_for(normalised_url);
}

// POST /api/counts: {"threads": [keys]} and/or {"urls": [page URLs]}, at most 200 in all.
void post_counts(ServerState& state, const HttpRequest& req, HttpResponse& res) {
  const json j = parse_json_object(req, res);
  if (j.is_discarded()) return;
  const auto threads = j.find("threads");
  const auto urls = j.find("urls");
  const bool has_threads = threads != j.end() && !threads->is_null();
  const bool has_urls = urls != j.end() && !urls->is_null();
  if ((has_threads && !threads->is_array()) || (has_urls && !urls->is_array()) || (!has_threads && !has_urls)) {
    send_error(res, 400, "invalid_argument", "threads must be an array of thread keys, urls one of page URLs");
    return;
  }
  const std::size_t asked = (has_threads ? threads->size() : 0) + (has_urls ? urls->size() : 0);
  if (asked > kMaxCountThreads) {
    send_error(res, 400, "invalid_argument", "at most " + std::to_string(kMaxCountThreads) + " threads per request");
    return;
  }
  std::set<std::string> keys;  // a key named 200 times is counted once
  for (std::size_t i = 0; has_threads && i < threads->size(); ++i) {
    const auto& t = (*threads)[i];
    if (!t.is_string() || !valid_thread_key(t.get<std::string>())) {
      send_error(res, 400, "invalid_thread", "threads[" + std::to_string(i) + "] is not a valid thread key");
      return;
    }
    keys.insert(t.get<std::string>());
  }
  std::map<std::string, std::string> thread_of_url;  // as given -> the thread counted
  for (std::size_t i = 0; has_urls && i < urls->size(); ++i) {
    const auto& u = (*urls)[i];
    auto normalised =
        u.is_string() ? normalise_url(u.get<std::string>()) : Result<std::string>(Error{"", "not a string"});
    if (!normalised) {
      send_error(res, 400, "invalid_url", "urls[" + std::to_string(i) + "]: " + normalised.error().message);
      return;
    }
    auto thread = counted_thread_of(state, *normalised);
    if (!thread) {
      send_internal_error(res, thread.error());
      return;
    }
    thread_of_url[u.get<std::string>()] = *thread;
  }
  std::map<std::string, std::int64_t> count_of;
  for (const auto& [url, key] : thread_of_url) keys.insert(key);
  for (const auto& key : keys) {
    const auto count = visible_count(state, key);
    if (!count) {
      send_internal_error(res, count.error());
      return;
    }
    count_of[key] = *count;
  }
  json out = json::object();
  if (has_threads) {
    json counts = json::object();
    for (const auto& t : *threads) counts[t.get<std::string>()] = count_of[t.get<std::string>()];
    out["counts"] = counts;
  }
  if (has_urls) {
    json by_url = json::object();
    for (const auto& [url, key] : thread_of_url) by_url[url] = count_of[key];
    out["url_counts"] = by_url;
  }
  send_json(res, 200, dump_json(out));
}

// The policy new comments are judged by, for clients' pre-checks (the widget's
// spam pre-check in API mode). Without the word lists: publishing them would
// tell spammers what to misspell.
void get_spam_policy(ServerState& state, HttpResponse& res) {
  SpamPolicy published = *state.policy.current();
  published.moderation_words = {};
  published.banned_words = {};
  res.set_header("Cache-Control", "max-age=300");
  send_json(res, 200, spam_policy_to_json(published));
}

}  // namespace

Result<SubmissionVerdict> judge_edited_comment(ServerState& state, const HttpRequest& req, const Comment& candidate,
                                               const std::string& client, const std::string& email, bool signed_in) {
  return judge(state, req, candidate, client, email, signed_in, candidate.id);
}

void add_comment_routes(Router& http, ServerState& state) {
  http.get(kThreadComments, [&state](const HttpRequest& req, HttpResponse& res) { get_page(state, req, res); });
  http.post(kThreadComments, [&state](const HttpRequest& req, HttpResponse& res) { post_comment(state, req, res); });
  http.get(R"(/api/threads/([^/]+)/count)",
           [&state](const HttpRequest& req, HttpResponse& res) { get_count(state, req, res); });
  http.post("/api/counts", [&state](const HttpRequest& req, HttpResponse& res) { post_counts(state, req, res); });
  http.get("/api/spam-policy", [&state](const HttpRequest&, HttpResponse& res) { get_spam_policy(state, res); });
}

}  // namespace soundoff::server
