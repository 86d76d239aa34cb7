#include "tools_convert.h"

#include <initializer_list>
#include <limits>
#include <utility>

#include <nlohmann/json.hpp>

#include "soundoff/time.h"

namespace soundoff::wasm {

namespace {

using nlohmann::json;

Error invalid(std::string message) { return Error{"invalid_argument", std::move(message)}; }

// The object `text` holds ("" counts as {}), or why it is not one.
Result<json> parse_object(std::string_view text, const char* what) {
  if (text.empty()) return json::object();
  json value = json::parse(text.begin(), text.end(), nullptr, false);
  if (value.is_discarded()) return Error{"invalid_json", std::string(what) + " is not valid JSON"};
  if (!value.is_object()) return invalid(std::string(what) + " must be an object");
  return value;
}

// Unknown keys are errors, so a misspelt field cannot silently switch a check off.
std::optional<Error> check_keys(const json& object, const char* what, std::initializer_list<std::string_view> allowed) {
  for (const auto& item : object.items()) {
    bool known = false;
    for (const auto key : allowed) known = known || item.key() == key;
    if (known) continue;
    std::string list;
    for (const auto key : allowed) list += (list.empty() ? "" : ", ") + std::string(key);
    return invalid(std::string(what) + " has an unknown field '" + item.key() + "'; expected " + list);
  }
  return std::nullopt;
}

// A string field: absent or null leaves `out` alone.
std::optional<Error> read_string(const json& object, const char* key, const std::string& where, std::string& out) {
  const auto it = object.find(key);
  if (it == object.end() || it->is_null()) return std::nullopt;
  if (!it->is_string()) return invalid(where + " field '" + key + "' must be a string");
  out = it->get<std::string>();
  return std::nullopt;
}

// An ISO-8601 time field: absent or null leaves `out` alone.
std::optional<Error> read_time(const json& object, const char* key, const std::string& where,
                               std::optional<std::int64_t>& out) {
  std::string text;
  if (auto error = read_string(object, key, where, text)) return error;
  if (text.empty()) return std::nullopt;
  const auto ms = parse_iso8601_ms(text);
  if (!ms) return invalid(where + " field '" + key + "' is not an ISO-8601 time: \"" + text + "\"");
  out = *ms;
  return std::nullopt;
}

Result<std::uint32_t> read_count(const json& value, const std::string& where) {
  if (!value.is_number_integer() || value.get<std::int64_t>() < 0 ||
      value.get<std::int64_t>() > std::numeric_limits<std::uint32_t>::max())
    return invalid(where + " must be a non-negative integer");
  return static_cast<std::uint32_t>(value.get<std::int64_t>());
}

// Earlier comments: an array of objects with author, body, created and ip.
// Other fields (a page item's id, status, ...) are ignored, so page items and
// document records can be passed as they are.
std::optional<Error> read_priors(const json& context, const char* key, std::vector<PriorText>& out) {
  const auto it = context.find(key);
  if (it == context.end() || it->is_null()) return std::nullopt;
  if (!it->is_array()) return invalid(std::string("context field '") + key + "' must be an array of comments");
  out.reserve(it->size());
  for (std::size_t i = 0; i < it->size(); ++i) {
    const json& item = (*it)[i];
    const std::string where = std::string("context ") + key + "[" + std::to_string(i) + "]";
    if (!item.is_object()) return invalid(where + " must be an object");
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
  auto candidate = parse_object(candidate_json, "the candidate comment");
  if (!candidate) return candidate.error();
  auto context = parse_object(context_json, "the spam check context");
  if (!context) return context.error();
  if (auto e = check_keys(*candidate, "the candidate comment", {"author", "body", "email", "parent", "created"}))
    return *e;
  if (auto e = check_keys(*context, "the spam check context",
                          {"thread", "authorRecent", "authorApproved", "ip", "userAgent", "now"}))
    return *e;

  SpamInput input;
  Comment& c = input.candidate;
  const std::string where = "the candidate comment";
  if (!candidate->contains("body")) return invalid("the candidate comment needs a 'body'");
  std::string email;  // accepted (the reply form has it) but not a spam signal in core
  std::optional<std::int64_t> created;
  std::optional<std::int64_t> now;
  if (auto e = read_string(*candidate, "author", where, c.author)) return *e;
  if (auto e = read_string(*candidate, "body", where, c.body)) return *e;
  if (auto e = read_string(*candidate, "email", where, email)) return *e;
  if (auto e = read_string(*candidate, "parent", where, c.parent)) return *e;
  if (auto e = read_time(*candidate, "created", where, created)) return *e;
  if (auto e = read_time(*context, "now", "the spam check context", now)) return *e;
  c.created_ms = created.value_or(now.value_or(0));

  if (auto e = read_priors(*context, "thread", input.thread)) return *e;
  if (auto e = read_priors(*context, "authorRecent", input.author_recent)) return *e;
  if (const auto it = context->find("authorApproved"); it != context->end() && !it->is_null()) {
    auto approved = read_count(*it, "context field 'authorApproved'");
    if (!approved) return approved.error();
    input.author_approved = *approved;
  }
  if (auto e = read_string(*context, "ip", "the spam check context", input.ip)) return *e;
  // A user agent (even "") says the facts come from a live request: then a missing one is a signal.
  if (const auto it = context->find("userAgent"); it != context->end() && !it->is_null()) {
    if (auto e = read_string(*context, "userAgent", "the spam check context", input.user_agent)) return *e;
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

Result<ReplyOptions> reply_options_from_json(std::string_view json_text) {
  auto object = parse_object(json_text, "resolveReplies options");
  if (!object) return object.error();
  ReplyOptions options;
  for (const auto& item : object->items()) {
    const std::string& key = item.key();
    const json& value = item.value();
    if (value.is_null()) continue;
    const std::string where = "option '" + key + "'";
    if (key == "bots") {
      if (!value.is_array()) return invalid("option 'bots' must be an array of names");
      options.bots.clear();
      for (const auto& bot : value) {
        if (!bot.is_string()) return invalid("option 'bots' must be an array of names");
        options.bots.push_back(bot.get<std::string>());
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
    if (target != nullptr) *target = *count;
    else options.max_gap_ms = static_cast<std::int64_t>(*count) * 60'000;
  }
  return options;
}

}  // namespace soundoff::wasm
