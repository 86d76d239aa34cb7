#include "tools_convert.h"

#include <initializer_list>
#include <limits>
#include <utility>

#include "json_reader.h"
#include "json_writer.h"
#include "soundoff/time.h"

namespace soundoff::wasm {

namespace {

using detail::JsonDocument;
using detail::JsonValue;

Error invalid(std::string message) { return Error{"invalid_argument", std::move(message)}; }

// Parses the object `text` holds into `doc` ("" counts as {}), or says why it is not one.
std::optional<Error> parse_object(std::string_view text, const char* what, JsonDocument& doc) {
  if (text.empty()) {
    doc.SetObject();
    return std::nullopt;
  }
  if (const auto syntax = detail::parse_json(text, doc))
    return Error{"invalid_json", std::string(what) + " is " + syntax->describe()};
  if (!doc.IsObject()) return invalid(std::string(what) + " must be an object");
  return std::nullopt;
}

// Unknown keys are errors, so a misspelt field cannot silently switch a check off.
std::optional<Error> check_keys(const JsonValue& object, const char* what,
                                std::initializer_list<std::string_view> allowed) {
  const auto unknown = detail::first_unknown_key(object, allowed);
  if (!unknown) return std::nullopt;
  return invalid(std::string(what) + " has an unknown field '" + std::string(*unknown) + "'; expected " +
                 detail::key_list(allowed));
}

// A member that is given and not null, or nullptr.
const JsonValue* given(const JsonValue& object, const char* key) {
  const JsonValue* v = detail::find_member(object, key);
  return v == nullptr || v->IsNull() ? nullptr : v;
}

// A string field: absent or null leaves `out` alone.
std::optional<Error> read_string(const JsonValue& object, const char* key, const std::string& where, std::string& out) {
  const JsonValue* v = given(object, key);
  if (v == nullptr) return std::nullopt;
  if (!v->IsString()) return invalid(where + " field '" + key + "' must be a string");
  out = detail::string_of(*v);
  return std::nullopt;
}

// An ISO-8601 time field: absent or null leaves `out` alone.
std::optional<Error> read_time(const JsonValue& object, const char* key, const std::string& where,
                               std::optional<std::int64_t>& out) {
  std::string text;
  if (auto error = read_string(object, key, where, text)) return error;
  if (text.empty()) return std::nullopt;
  const auto ms = parse_iso8601_ms(text);
  if (!ms) return invalid(where + " field '" + key + "' is not an ISO-8601 time: \"" + text + "\"");
  out = *ms;
  return std::nullopt;
}

Result<std::uint32_t> read_count(const JsonValue& value, const std::string& where) {
  const auto n = detail::whole_number_in(value, 0, std::numeric_limits<std::uint32_t>::max());
  if (!n) return invalid(where + " must be a non-negative integer");
  return static_cast<std::uint32_t>(*n);
}

// Earlier comments: an array of objects with author, body, created and ip.
// Other fields (a page item's id, status, ...) are ignored, so page items and
// document records can be passed as they are.
std::optional<Error> read_priors(const JsonValue& context, const char* key, std::vector<PriorText>& out) {
  const JsonValue* list = given(context, key);
  if (list == nullptr) return std::nullopt;
  if (!list->IsArray()) return invalid(std::string("context field '") + key + "' must be an array of comments");
  out.reserve(list->Size());
  for (rapidjson::SizeType i = 0; i < list->Size(); ++i) {
    const JsonValue& item = (*list)[i];
    const std::string where = std::string("context ") + key + "[" + std::to_string(i) + "]";
    if (!item.IsObject()) return invalid(where + " must be an object");
    PriorText prior;
    std::optional<std::int64_t> created;
    if (auto e = read_string(item, "author", where, prior.comment.author)) return e;
    if (auto e = read_string(item, "body", where, prior.comment.body)) return e;
    if (auto e = read_string(item, "ip", where, prior.ip)) return e;
    if (auto e = read_time(item, "created", where, created)) return e;
    prior.comment.created_ms = created.value_or(0);
    out.push_back(std::move(prior));
  }
  return std::nullopt;
}

}  // namespace

Result<SpamInput> spam_input_from_json(std::string_view candidate_json, std::string_view context_json) {
  JsonDocument candidate;
  JsonDocument context;
  if (auto e = parse_object(candidate_json, "the candidate comment", candidate)) return *e;
  if (auto e = parse_object(context_json, "the spam check context", context)) return *e;
  if (auto e = check_keys(candidate, "the candidate comment", {"author", "body", "email", "parent", "created"}))
    return *e;
  if (auto e = check_keys(context, "the spam check context",
                          {"thread", "authorRecent", "authorApproved", "ip", "userAgent", "now"}))
    return *e;

  SpamInput input;
  Comment& c = input.candidate;
  const std::string where = "the candidate comment";
  if (detail::find_member(candidate, "body") == nullptr) return invalid("the candidate comment needs a 'body'");
  std::string email;  // accepted (the reply form has it) but not a spam signal in core
  std::optional<std::int64_t> created;
  std::optional<std::int64_t> now;
  if (auto e = read_string(candidate, "author", where, c.author)) return *e;
  if (auto e = read_string(candidate, "body", where, c.body)) return *e;
  if (auto e = read_string(candidate, "email", where, email)) return *e;
  if (auto e = read_string(candidate, "parent", where, c.parent)) return *e;
  if (auto e = read_time(candidate, "created", where, created)) return *e;
  if (auto e = read_time(context, "now", "the spam check context", now)) return *e;
  c.created_ms = created.value_or(now.value_or(0));

  if (auto e = read_priors(context, "thread", input.thread)) return *e;
  if (auto e = read_priors(context, "authorRecent", input.author_recent)) return *e;
  if (const JsonValue* approved_json = given(context, "authorApproved")) {
    auto approved = read_count(*approved_json, "context field 'authorApproved'");
    if (!approved) return approved.error();
    input.author_approved = *approved;
  }
  if (auto e = read_string(context, "ip", "the spam check context", input.ip)) return *e;
  // A user agent (even "") says the facts come from a live request: then a missing one is a signal.
  if (given(context, "userAgent") != nullptr) {
    if (auto e = read_string(context, "userAgent", "the spam check context", input.user_agent)) return *e;
    input.has_request = true;
  }
  return input;
}

std::vector<PriorComment> prior_comments(const std::vector<PriorText>& texts) {
  std::vector<PriorComment> out;
  out.reserve(texts.size());
  for (const auto& t : texts) out.push_back(prior_comment(t.comment, t.ip));
  return out;
}

Result<std::uint32_t> site_model_min_examples_from_json(std::string_view json_text) {
  JsonDocument object;
  if (auto e = parse_object(json_text, "loadSiteModel options", object)) return *e;
  if (auto e = check_keys(object, "loadSiteModel options", {"minExamples"})) return *e;
  const JsonValue* n = given(object, "minExamples");
  return n == nullptr ? Result<std::uint32_t>(SiteModel::kDefaultMinExamples) : read_count(*n, "option 'minExamples'");
}

std::string site_model_summary_json(const SiteModel& model) {
  detail::JsonWriter w;
  w.begin_object();
  w.key("spam_examples").value(model.spam_examples());
  w.key("ham_examples").value(model.ham_examples());
  w.key("decisions").value(model.decisions());
  w.key("buckets").value(static_cast<std::uint64_t>(model.feature_count()));
  w.key("min_examples").value(model.min_examples());
  w.key("active").value(model.active());
  return w.end_object().take();
}

Result<ReplyOptions> reply_options_from_json(std::string_view json_text) {
  JsonDocument object;
  if (auto e = parse_object(json_text, "resolveReplies options", object)) return *e;
  ReplyOptions options;
  for (auto it = object.MemberBegin(); it != object.MemberEnd(); ++it) {
    const std::string key(detail::string_of(it->name));
    const JsonValue& value = it->value;
    if (value.IsNull()) continue;
    const std::string where = "option '" + key + "'";
    if (key == "bots") {
      if (!value.IsArray()) return invalid("option 'bots' must be an array of names");
      options.bots.clear();
      for (const auto& bot : value.GetArray()) {
        if (!bot.IsString()) return invalid("option 'bots' must be an array of names");
        options.bots.emplace_back(detail::string_of(bot));
      }
      continue;
    }
    std::uint32_t* target = key == "window"          ? &options.window
                            : key == "authorHistory" ? &options.author_history
                            : key == "quoteWindow"   ? &options.quote_window
                            : key == "botWindow"     ? &options.bot_window
                                                     : nullptr;
    if (target == nullptr && key != "maxGapMinutes")
      return invalid("unknown option '" + key +
                     "'; expected one of window, authorHistory, maxGapMinutes, quoteWindow, botWindow, bots");
    auto count = read_count(value, where);
    if (!count) return count.error();
    if (target != nullptr)
      *target = *count;
    else
      options.max_gap_ms = static_cast<std::int64_t>(*count) * 60'000;
  }
  return options;
}

}  // namespace soundoff::wasm
