// Page requests as JSON: the wasm engine and the fixtures use this shape.
#include <nlohmann/json.hpp>

#include "soundoff/page_json.h"

namespace soundoff {

using nlohmann::json;

namespace {

Error bad(const std::string& key, const std::string& why) {
  return Error{"invalid_argument", "page option '" + key + "' " + why};
}

bool read_count(const json& v, std::uint32_t& out) {
  if (!v.is_number_integer() || v.get<std::int64_t>() < 0 || v.get<std::int64_t>() > 0xFFFFFFFFLL) return false;
  out = static_cast<std::uint32_t>(v.get<std::int64_t>());
  return true;
}

}  // namespace

Result<PageQuery> parse_page_query(std::string_view json_text) {
  PageQuery q;
  if (json_text.empty()) return q;
  const json root = json::parse(json_text.begin(), json_text.end(), nullptr, false);
  if (root.is_discarded() || !root.is_object())
    return Error{"invalid_argument", "page options must be a JSON object"};
  for (const auto& [key, v] : root.items()) {
    if (v.is_null()) continue;
    if (key == "sort") {
      const auto s = v.is_string() ? parse_sort(v.get<std::string>()) : std::nullopt;
      if (!s) return bad(key, "must be one of oldest, newest, top, best, controversial, active");
      q.sort = *s;
    } else if (key == "page" || key == "per_page" || key == "max_depth" || key == "max_replies") {
      auto& field = key == "page"       ? q.request.page
                    : key == "per_page" ? q.request.per_page
                    : key == "max_depth" ? q.request.max_depth
                                         : q.request.max_replies;
      if (!read_count(v, field)) return bad(key, "must be a whole number");
    } else if (key == "replies") {
      if (!v.is_string() || (v.get<std::string>() != "oldest" && v.get<std::string>() != "newest"))
        return bad(key, "must be \"oldest\" or \"newest\"");
      q.request.replies_newest_first = v.get<std::string>() == "newest";
    } else if (key == "around" || key == "after") {
      std::string text;
      if (v.is_string()) {
        text = v.get<std::string>();
      } else if (v.is_number_integer()) {
        text = v.dump();
      } else {
        return bad(key, "must be a string");
      }
      (key == "around" ? q.request.around : q.request.after) = std::move(text);
    } else {
      return bad(key, "is unknown; known: sort, page, per_page, max_depth, max_replies, replies, around, after");
    }
  }
  return q;
}

}  // namespace soundoff
