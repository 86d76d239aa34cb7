#include "convert.h"

#include <limits>
#include <utility>
#include <vector>

#include <rapidjson/memorystream.h>
#include <rapidjson/reader.h>

#include "soundoff/page_json.h"

namespace soundoff::wasm {

namespace {

Error invalid(std::string message) { return Error{"invalid_argument", std::move(message)}; }

// One option as read: a string, a non-negative integer, or anything else,
// kept as a description for the error message.
struct OptionValue {
  enum class Kind : std::uint8_t { string, count, other };
  Kind kind = Kind::other;
  std::string text;  // the string, or the description
  std::uint64_t count = 0;
};

// Options are one flat JSON object, read with RapidJSON's SAX reader (the
// document codec's reader): nlohmann stays out of the engine entirely.
class OptionsReader {
 public:
  using Ch = char;
  std::vector<std::pair<std::string, OptionValue>> options;
  bool is_object = false;

  bool Null() { return true; }  // a null option counts as not given, as an undefined one
  bool Bool(bool b) { return scalar({OptionValue::Kind::other, b ? "true" : "false"}); }
  bool Int(int n) { return n < 0 ? negative() : Uint64(static_cast<unsigned>(n)); }
  bool Int64(std::int64_t n) { return n < 0 ? negative() : Uint64(static_cast<std::uint64_t>(n)); }
  bool Uint(unsigned n) { return Uint64(n); }
  bool Uint64(std::uint64_t n) { return scalar({OptionValue::Kind::count, {}, n}); }
  bool Double(double) { return scalar({OptionValue::Kind::other, "a fractional number"}); }
  bool RawNumber(const char*, rapidjson::SizeType, bool) { return true; }  // not enabled
  bool String(const char* s, rapidjson::SizeType length, bool) {
    return scalar({OptionValue::Kind::string, std::string(s, length)});
  }
  bool Key(const char* s, rapidjson::SizeType length, bool) {
    if (depth_ == 1) key_.assign(s, length);
    return true;
  }
  bool StartObject() {
    if (++depth_ == 1) is_object = true;
    return nested("an object");
  }
  bool StartArray() {
    ++depth_;
    return nested("an array");
  }
  bool EndObject(rapidjson::SizeType) { return --depth_, true; }
  bool EndArray(rapidjson::SizeType) { return --depth_, true; }

 private:
  bool negative() { return scalar({OptionValue::Kind::other, "a negative number"}); }
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
  rapidjson::MemoryStream stream(text.data(), text.size());
  rapidjson::Reader parser;
  if (parser.Parse<rapidjson::kParseIterativeFlag>(stream, reader).IsError() || stream.Tell() != text.size() ||
      !reader.is_object)
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
