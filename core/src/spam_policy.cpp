// The spam policy JSON (docs/spam-policy.md) <-> SpamPolicy, read with core's
// JSON reader and written with its writer.
#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>

#include "json_reader.h"
#include "json_writer.h"
#include "soundoff/spam.h"
#include "spam_reasons.h"

namespace soundoff {

namespace {

using detail::JsonValue;

Error policy_error(const std::string& field, const std::string& why) {
  return Error{"invalid_policy", "spam policy: \"" + field + "\" " + why};
}

std::string number_text(double v) { return detail::JsonWriter().value(v).take(); }

// Reads an optional number in [lo, hi] into `out`.
std::optional<Error> read_number(const JsonValue& object, const char* key, const std::string& path, double lo,
                                 double hi, double& out) {
  const JsonValue* v = detail::find_member(object, key);
  if (v == nullptr) return std::nullopt;
  if (!v->IsNumber() || !std::isfinite(v->GetDouble()) || v->GetDouble() < lo || v->GetDouble() > hi)
    return policy_error(path, "must be a number from " + number_text(lo) + " to " + number_text(hi));
  out = v->GetDouble();
  return std::nullopt;
}

std::optional<Error> read_count(const JsonValue& object, const char* key, const std::string& path, std::uint32_t lo,
                                std::uint32_t& out) {
  const JsonValue* v = detail::find_member(object, key);
  if (v == nullptr) return std::nullopt;
  const auto n = detail::whole_number_in(*v, lo, std::numeric_limits<std::uint32_t>::max());
  if (!n) return policy_error(path, "must be a whole number of at least " + std::to_string(lo));
  out = static_cast<std::uint32_t>(*n);
  return std::nullopt;
}

std::optional<Error> read_bool(const JsonValue& object, const char* key, const std::string& path, bool& out) {
  const JsonValue* v = detail::find_member(object, key);
  if (v == nullptr) return std::nullopt;
  if (!v->IsBool()) return policy_error(path, "must be true or false");
  out = v->GetBool();
  return std::nullopt;
}

std::optional<Error> read_words(const JsonValue& object, const char* key, WordList& out) {
  const JsonValue* v = detail::find_member(object, key);
  if (v == nullptr) return std::nullopt;
  if (!v->IsArray()) return policy_error(key, "must be an array of strings");
  std::vector<std::string> entries;
  for (rapidjson::SizeType i = 0; i < v->Size(); ++i) {
    const auto word = detail::string_of((*v)[i]);
    if (!(*v)[i].IsString() || word.empty())
      return policy_error(std::string(key) + "[" + std::to_string(i) + "]", "must be a non-empty string");
    entries.emplace_back(word);
  }
  out = WordList(std::move(entries));
  return std::nullopt;
}

// Only the named keys are allowed: a misspelt key would otherwise silently
// leave a rule at its default.
std::optional<Error> check_keys(const JsonValue& object, const std::string& path,
                                std::initializer_list<std::string_view> allowed) {
  const auto unknown = detail::first_unknown_key(object, allowed);
  if (!unknown) return std::nullopt;
  return policy_error(path.empty() ? std::string(*unknown) : path + "." + std::string(*unknown),
                      "is not a policy field");
}

std::optional<Error> read_section(const JsonValue& doc, const char* key, const JsonValue*& out) {
  out = detail::find_member(doc, key);
  if (out != nullptr && !out->IsObject()) return policy_error(key, "must be an object");
  return std::nullopt;
}

}  // namespace

std::array<double, kSpamReasonCount> SpamPolicy::default_weights() {
  std::array<double, kSpamReasonCount> w{};
  for (std::size_t i = 0; i < kSpamReasonCount; ++i) w[i] = detail::kReasons[i].default_weight;
  return w;
}

Result<SpamPolicy> parse_spam_policy(std::string_view json_text) {
  detail::JsonDocument doc;
  if (const auto syntax = detail::parse_json(json_text, doc))
    return Error{"invalid_policy", "spam policy: " + syntax->describe()};
  if (!doc.IsObject()) return Error{"invalid_policy", "spam policy: must be a JSON object"};
  SpamPolicy p;
  const JsonValue* links = nullptr;
  const JsonValue* flood = nullptr;
  const JsonValue* duplicates = nullptr;
  const JsonValue* weights = nullptr;
  std::optional<Error> e;
  if ((e = check_keys(doc, "",
                      {"hold_score", "reject_score", "links", "moderation_words", "banned_words", "flood", "duplicates",
                       "max_chars", "weights"})) ||
      (e = read_number(doc, "hold_score", "hold_score", 0, 1, p.hold_score)) ||
      (e = read_number(doc, "reject_score", "reject_score", 0, 1, p.reject_score)) ||
      (e = read_count(doc, "max_chars", "max_chars", 1, p.max_chars)) ||
      (e = read_words(doc, "moderation_words", p.moderation_words)) ||
      (e = read_words(doc, "banned_words", p.banned_words)) || (e = read_section(doc, "links", links)) ||
      (e = read_section(doc, "flood", flood)) || (e = read_section(doc, "duplicates", duplicates)) ||
      (e = read_section(doc, "weights", weights)))
    return *e;
  if (p.reject_score < p.hold_score) return policy_error("reject_score", "must not be below hold_score");
  if (links && ((e = check_keys(*links, "links", {"hold_at", "first_time_hold"})) ||
                (e = read_count(*links, "hold_at", "links.hold_at", 0, p.link_hold_at)) ||
                (e = read_bool(*links, "first_time_hold", "links.first_time_hold", p.first_time_link_hold))))
    return *e;
  if (flood && ((e = check_keys(*flood, "flood", {"interval_s", "burst"})) ||
                (e = read_number(*flood, "interval_s", "flood.interval_s", 0, 86400, p.flood_interval_s)) ||
                (e = read_count(*flood, "burst", "flood.burst", 1, p.flood_burst))))
    return *e;
  if (duplicates &&
      ((e = check_keys(*duplicates, "duplicates",
                       {"window_s", "near_similarity", "near_min_chars", "thread_repeat_min_chars"})) ||
       (e = read_number(*duplicates, "window_s", "duplicates.window_s", 0, 365.0 * 86400, p.duplicate_window_s)) ||
       (e = read_number(*duplicates, "near_similarity", "duplicates.near_similarity", 0.01, 1,
                        p.near_duplicate_similarity)) ||
       (e = read_count(*duplicates, "near_min_chars", "duplicates.near_min_chars", 0, p.near_duplicate_min_chars)) ||
       (e = read_count(*duplicates, "thread_repeat_min_chars", "duplicates.thread_repeat_min_chars", 0,
                       p.thread_repeat_min_chars))))
    return *e;
  if (weights) {
    for (auto it = weights->MemberBegin(); it != weights->MemberEnd(); ++it) {
      const std::string code(detail::string_of(it->name));
      std::size_t index = kSpamReasonCount;
      for (std::size_t r = 0; r < kSpamReasonCount; ++r)
        if (detail::kReasons[r].code == code) index = r;
      if (index == kSpamReasonCount) return policy_error("weights." + code, "is not a reason code");
      if (!it->value.IsNumber() || it->value.GetDouble() < 0 || it->value.GetDouble() > 1)
        return policy_error("weights." + code, "must be a number from 0 to 1");
      p.weights[index] = it->value.GetDouble();  // a repeated code: the last one counts, as with every key
    }
  }
  return p;
}

namespace {

void write_words(detail::JsonWriter& w, const WordList& words) {
  w.begin_array();
  for (const auto& word : words.entries()) w.value(word);
  w.end_array();
}

}  // namespace

std::string spam_policy_to_json(const SpamPolicy& p) {
  // Keys in alphabetical order at every level, as this output has always been written.
  std::array<std::size_t, kSpamReasonCount> by_code{};
  std::iota(by_code.begin(), by_code.end(), std::size_t{0});
  std::sort(by_code.begin(), by_code.end(),
            [](std::size_t a, std::size_t b) { return detail::kReasons[a].code < detail::kReasons[b].code; });
  detail::JsonWriter w;
  w.begin_object().key("banned_words");
  write_words(w, p.banned_words);
  w.key("duplicates")
      .begin_object()
      .key("near_min_chars")
      .value(p.near_duplicate_min_chars)
      .key("near_similarity")
      .value(p.near_duplicate_similarity)
      .key("thread_repeat_min_chars")
      .value(p.thread_repeat_min_chars)
      .key("window_s")
      .value(p.duplicate_window_s)
      .end_object();
  w.key("flood")
      .begin_object()
      .key("burst")
      .value(p.flood_burst)
      .key("interval_s")
      .value(p.flood_interval_s)
      .end_object();
  w.key("hold_score").value(p.hold_score);
  w.key("links")
      .begin_object()
      .key("first_time_hold")
      .value(p.first_time_link_hold)
      .key("hold_at")
      .value(p.link_hold_at)
      .end_object();
  w.key("max_chars").value(p.max_chars).key("moderation_words");
  write_words(w, p.moderation_words);
  w.key("reject_score").value(p.reject_score).key("weights").begin_object();
  for (const std::size_t r : by_code) w.key(detail::kReasons[r].code).value(p.weights[r]);
  w.end_object().end_object();
  return w.take();
}

}  // namespace soundoff
