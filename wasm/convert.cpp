#include "convert.h"

#include <limits>

#include <nlohmann/json.hpp>

#include "soundoff/page_json.h"

namespace soundoff::wasm {

namespace {

using nlohmann::json;

Error invalid(std::string message) { return Error{"invalid_argument", std::move(message)}; }

// The options object, or an error; an empty string means "no options".
Result<json> options_object(std::string_view text) {
  if (text.empty()) return json::object();
  json options = json::parse(text, nullptr, false);
  if (options.is_discarded() || !options.is_object()) return invalid("options must be an object");
  return options;
}

Error unknown_key(const std::string& key, std::string_view allowed) {
  return invalid("unknown option '" + key + "'; expected one of " + std::string(allowed));
}

Result<std::uint32_t> uint_option(const json& value, const std::string& key) {
  // nlohmann stores non-negative JSON integers as unsigned, negative ones as
  // signed and anything with a fraction or exponent as float.
  if (!value.is_number_unsigned() || value.get<std::uint64_t>() > std::numeric_limits<std::uint32_t>::max())
    return invalid("option '" + key + "' must be a non-negative integer, not " + value.dump());
  return static_cast<std::uint32_t>(value.get<std::uint64_t>());
}

Result<std::string> string_option(const json& value, const std::string& key) {
  if (!value.is_string()) return invalid("option '" + key + "' must be a string, not " + value.dump());
  return value.get<std::string>();
}

Result<SortOrder> sort_option(const json& value) {
  auto name = string_option(value, "sort");
  if (!name) return name.error();
  auto sort = parse_sort(*name);
  if (!sort)
    return invalid("unknown sort '" + *name + "'; use oldest, newest, top, best, controversial or active");
  return *sort;
}

}  // namespace

std::string ok_envelope(std::string_view value_json) {
  std::string out;
  out.reserve(value_json.size() + 20);
  out += R"({"ok":true,"value":)";
  out += value_json;
  out += '}';
  return out;
}

std::string error_envelope(const Error& error) {
  return R"({"ok":false,"error":)" + error_to_json(error) + "}";
}

Result<AssembleOptions> ingest_options_from_json(std::string_view json_text) {
  auto options = options_object(json_text);
  if (!options) return options.error();
  AssembleOptions out;
  for (const auto& [key, value] : options->items()) {
    if (key != "thread") return unknown_key(key, "thread");
    auto thread = string_option(value, key);
    if (!thread) return thread.error();
    out.filter_thread = true;
    out.thread = std::move(*thread);
  }
  return out;
}

Result<PageQuery> page_query_from_json(std::string_view json_text) {
  auto options = options_object(json_text);
  if (!options) return options.error();
  PageQuery query;
  PageRequest& r = query.request;
  int modes = 0;
  for (const auto& [key, value] : options->items()) {
    if (key == "sort") {
      auto sort = sort_option(value);
      if (!sort) return sort.error();
      query.sort = *sort;
    } else if (key == "page" || key == "perPage" || key == "maxDepth" || key == "maxReplies") {
      auto number = uint_option(value, key);
      if (!number) return number.error();
      (key == "page" ? r.page : key == "perPage" ? r.per_page : key == "maxDepth" ? r.max_depth : r.max_replies) =
          *number;
      modes += key == "page";
    } else if (key == "replies") {
      auto order = string_option(value, key);
      if (!order) return order.error();
      if (*order != "oldest" && *order != "newest")
        return invalid("option 'replies' must be \"oldest\" or \"newest\", not \"" + *order + "\"");
      r.replies_newest_first = *order == "newest";
    } else if (key == "around" || key == "after") {
      auto text = string_option(value, key);
      if (!text) return text.error();
      (key == "around" ? r.around : r.after) = std::move(*text);
      ++modes;
    } else {
      return unknown_key(key, "sort, page, perPage, maxDepth, maxReplies, replies, around, after");
    }
  }
  if (modes > 1) return invalid("give at most one of 'page', 'around' and 'after'");
  return query;
}

Result<PageQuery> page_of_query_from_json(std::string_view json_text) {
  auto options = options_object(json_text);
  if (!options) return options.error();
  PageQuery query;
  for (const auto& [key, value] : options->items()) {
    if (key == "sort") {
      auto sort = sort_option(value);
      if (!sort) return sort.error();
      query.sort = *sort;
    } else if (key == "perPage") {
      auto number = uint_option(value, key);
      if (!number) return number.error();
      query.request.per_page = *number;
    } else {
      return unknown_key(key, "sort, perPage");
    }
  }
  return query;
}

}  // namespace soundoff::wasm
