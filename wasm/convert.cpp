#include "convert.h"

#include <limits>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "soundoff/page_json.h"

namespace soundoff::wasm {

namespace {

using nlohmann::json;

Error invalid(std::string message) { return Error{"invalid_argument", std::move(message)}; }

// One option as read: a string, a non-negative integer, or anything else,
// kept as a description for the error message.
struct OptionValue {
  enum class Kind : std::uint8_t { string, count, other };
  Kind kind = Kind::other;
  std::string text;  // the string, or the description
  std::uint64_t count = 0;
};

// Options are one flat JSON object. Read with nlohmann's SAX interface, not
// its DOM: the document codec already streams, so the DOM parser (and its
// std::map objects) would be linked into the engine for these few bytes alone.
class OptionsReader {
 public:
  std::vector<std::pair<std::string, OptionValue>> options;
  bool is_object = false;

  bool null() { return true; }  // a null option counts as not given, as an undefined one
  bool boolean(bool b) { return scalar({OptionValue::Kind::other, b ? "true" : "false"}); }
  // JSON integers without a minus sign arrive as number_unsigned.
  bool number_integer(json::number_integer_t) { return scalar({OptionValue::Kind::other, "a negative number"}); }
  bool number_unsigned(json::number_unsigned_t n) { return scalar({OptionValue::Kind::count, {}, n}); }
  bool number_float(json::number_float_t, const json::string_t& literal) {
    return scalar({OptionValue::Kind::other, literal});
  }
  bool string(json::string_t& s) { return scalar({OptionValue::Kind::string, s}); }
  bool binary(json::binary_t&) { return scalar({OptionValue::Kind::other, "binary data"}); }
  bool key(json::string_t& k) {
    if (depth_ == 1) key_ = k;
    return true;
  }
  bool start_object(std::size_t) {
    if (++depth_ == 1) is_object = true;
    return nested("an object");
  }
  bool start_array(std::size_t) {
    ++depth_;
    return nested("an array");
  }
  bool end_object() { return --depth_, true; }
  bool end_array() { return --depth_, true; }
  bool parse_error(std::size_t, const std::string&, const nlohmann::detail::exception&) { return false; }

 private:
  bool scalar(OptionValue value) {
    if (depth_ == 1 && is_object) options.emplace_back(key_, std::move(value));
    return true;
  }
  bool nested(const char* what) {
    if (depth_ == 2 && is_object) options.emplace_back(key_, OptionValue{OptionValue::Kind::other, what});
    return true;
  }

  int depth_ = 0;
  std::string key_;
};

// The options object's entries in order, or an error; "" means no options.
Result<std::vector<std::pair<std::string, OptionValue>>> read_options(std::string_view text) {
  OptionsReader reader;
  if (text.empty()) return reader.options;
  if (!json::sax_parse(text.begin(), text.end(), &reader) || !reader.is_object)
    return invalid("options must be an object");
  return std::move(reader.options);
}

std::string describe(const OptionValue& value) {
  switch (value.kind) {
    case OptionValue::Kind::string: return "\"" + value.text + "\"";
    case OptionValue::Kind::count: return std::to_string(value.count);
    case OptionValue::Kind::other: break;
  }
  return value.text;
}

Error unknown_key(const std::string& key, std::string_view allowed) {
  return invalid("unknown option '" + key + "'; expected one of " + std::string(allowed));
}

Result<std::uint32_t> uint_option(const OptionValue& value, const std::string& key) {
  if (value.kind != OptionValue::Kind::count || value.count > std::numeric_limits<std::uint32_t>::max())
    return invalid("option '" + key + "' must be a non-negative integer, not " + describe(value));
  return static_cast<std::uint32_t>(value.count);
}

Result<std::string> string_option(const OptionValue& value, const std::string& key) {
  if (value.kind != OptionValue::Kind::string)
    return invalid("option '" + key + "' must be a string, not " + describe(value));
  return value.text;
}

Result<SortOrder> sort_option(const OptionValue& value) {
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
  auto options = read_options(json_text);
  if (!options) return options.error();
  AssembleOptions out;
  for (const auto& [key, value] : *options) {
    if (key != "thread") return unknown_key(key, "thread");
    auto thread = string_option(value, key);
    if (!thread) return thread.error();
    out.filter_thread = true;
    out.thread = std::move(*thread);
  }
  return out;
}

Result<PageQuery> page_query_from_json(std::string_view json_text) {
  auto options = read_options(json_text);
  if (!options) return options.error();
  PageQuery query;
  PageRequest& r = query.request;
  int modes = 0;
  for (const auto& [key, value] : *options) {
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
  auto options = read_options(json_text);
  if (!options) return options.error();
  PageQuery query;
  for (const auto& [key, value] : *options) {
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
