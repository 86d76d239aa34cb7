// The spam policy JSON (docs/spam-policy.md) -> SpamPolicy.
#include <cmath>
#include <limits>

#include <nlohmann/json.hpp>

#include "soundoff/spam.h"
#include "spam_reasons.h"

namespace soundoff {

namespace {

using nlohmann::json;

Error policy_error(const std::string& field, const std::string& why) {
  return Error{"invalid_policy", "spam policy: \"" + field + "\" " + why};
}

// Reads an optional number in [lo, hi] into `out`.
std::optional<Error> read_number(const json& object, const char* key, const std::string& path, double lo, double hi,
                                 double& out) {
  const auto it = object.find(key);
  if (it == object.end()) return std::nullopt;
  if (!it->is_number() || !std::isfinite(it->get<double>()) || it->get<double>() < lo || it->get<double>() > hi)
    return policy_error(path, "must be a number from " + json(lo).dump() + " to " + json(hi).dump());
  out = it->get<double>();
  return std::nullopt;
}

std::optional<Error> read_count(const json& object, const char* key, const std::string& path, std::uint32_t lo,
                                std::uint32_t& out) {
  const auto it = object.find(key);
  if (it == object.end()) return std::nullopt;
  if (!it->is_number_unsigned() || it->get<std::uint64_t>() < lo ||
      it->get<std::uint64_t>() > std::numeric_limits<std::uint32_t>::max())
    return policy_error(path, "must be a whole number of at least " + std::to_string(lo));
  out = static_cast<std::uint32_t>(it->get<std::uint64_t>());
  return std::nullopt;
}

std::optional<Error> read_bool(const json& object, const char* key, const std::string& path, bool& out) {
  const auto it = object.find(key);
  if (it == object.end()) return std::nullopt;
  if (!it->is_boolean()) return policy_error(path, "must be true or false");
  out = it->get<bool>();
  return std::nullopt;
}

std::optional<Error> read_words(const json& object, const char* key, WordList& out) {
  const auto it = object.find(key);
  if (it == object.end()) return std::nullopt;
  if (!it->is_array()) return policy_error(key, "must be an array of strings");
  std::vector<std::string> entries;
  for (std::size_t i = 0; i < it->size(); ++i) {
    const auto& v = (*it)[i];
    if (!v.is_string() || v.get<std::string>().empty())
      return policy_error(std::string(key) + "[" + std::to_string(i) + "]", "must be a non-empty string");
    entries.push_back(v.get<std::string>());
  }
  out = WordList(std::move(entries));
  return std::nullopt;
}

// Only the named keys are allowed: a misspelt key would otherwise silently
// leave a rule at its default.
std::optional<Error> check_keys(const json& object, const std::string& path,
                                std::initializer_list<std::string_view> allowed) {
  for (const auto& [key, value] : object.items()) {
    bool known = false;
    for (auto a : allowed) known = known || a == key;
    if (!known) return policy_error(path.empty() ? key : path + "." + key, "is not a policy field");
  }
  return std::nullopt;
}

std::optional<Error> read_section(const json& doc, const char* key, const json*& out) {
  out = nullptr;
  const auto it = doc.find(key);
  if (it == doc.end()) return std::nullopt;
  if (!it->is_object()) return policy_error(key, "must be an object");
  out = &*it;
  return std::nullopt;
}

}  // namespace

std::array<double, kSpamReasonCount> SpamPolicy::default_weights() {
  std::array<double, kSpamReasonCount> w{};
  for (std::size_t i = 0; i < kSpamReasonCount; ++i) w[i] = detail::kReasons[i].default_weight;
  return w;
}

Result<SpamPolicy> parse_spam_policy(std::string_view json_text) {
  const json doc = json::parse(json_text, nullptr, false);
  if (doc.is_discarded()) return Error{"invalid_policy", "spam policy: not valid JSON"};
  if (!doc.is_object()) return Error{"invalid_policy", "spam policy: must be a JSON object"};
  SpamPolicy p;
  const json* links = nullptr;
  const json* flood = nullptr;
  const json* duplicates = nullptr;
  const json* weights = nullptr;
  std::optional<Error> e;
  if ((e = check_keys(doc, "", {"hold_score", "reject_score", "links", "moderation_words", "banned_words", "flood",
                                "duplicates", "max_chars", "weights"})) ||
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
    for (const auto& [code, value] : weights->items()) {
      std::size_t index = kSpamReasonCount;
      for (std::size_t i = 0; i < kSpamReasonCount; ++i)
        if (detail::kReasons[i].code == code) index = i;
      if (index == kSpamReasonCount) return policy_error("weights." + code, "is not a reason code");
      if (!value.is_number() || value.get<double>() < 0 || value.get<double>() > 1)
        return policy_error("weights." + code, "must be a number from 0 to 1");
      p.weights[index] = value.get<double>();
    }
  }
  return p;
}

std::string spam_policy_to_json(const SpamPolicy& p) {
  json weights = json::object();
  for (std::size_t i = 0; i < kSpamReasonCount; ++i) weights[std::string(detail::kReasons[i].code)] = p.weights[i];
  // nlohmann writes the shortest decimal that reads back as the same double (0.3, not 0.29999999999999999).
  return json{{"hold_score", p.hold_score},
              {"reject_score", p.reject_score},
              {"links", {{"hold_at", p.link_hold_at}, {"first_time_hold", p.first_time_link_hold}}},
              {"moderation_words", p.moderation_words.entries()},
              {"banned_words", p.banned_words.entries()},
              {"flood", {{"interval_s", p.flood_interval_s}, {"burst", p.flood_burst}}},
              {"duplicates",
               {{"window_s", p.duplicate_window_s},
                {"near_similarity", p.near_duplicate_similarity},
                {"near_min_chars", p.near_duplicate_min_chars},
                {"thread_repeat_min_chars", p.thread_repeat_min_chars}}},
              {"max_chars", p.max_chars},
              {"weights", weights}}
      .dump();
}

}  // namespace soundoff
