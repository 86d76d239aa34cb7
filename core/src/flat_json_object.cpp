#include "flat_json_object.h"

#include <rapidjson/memorystream.h>
#include <rapidjson/reader.h>

#include <utility>

namespace soundoff::detail {

namespace {

// SAX handler keeping the top-level members; nested values are recorded by
// their kind only and their contents skipped.
class FlatObjectHandler {
 public:
  using Ch = char;
  std::vector<FlatJsonMember> members;
  bool is_object = false;

  bool Null() { return true; }
  bool Bool(bool b) { return scalar({FlatJsonValue::Kind::other, b ? "true" : "false"}); }
  bool Int(int n) { return n < 0 ? negative() : Uint64(static_cast<unsigned>(n)); }
  bool Int64(std::int64_t n) { return n < 0 ? negative() : Uint64(static_cast<std::uint64_t>(n)); }
  bool Uint(unsigned n) { return Uint64(n); }
  bool Uint64(std::uint64_t n) { return scalar({FlatJsonValue::Kind::count, {}, n}); }
  bool Double(double) { return scalar({FlatJsonValue::Kind::other, "a fractional number"}); }
  bool RawNumber(const char*, rapidjson::SizeType, bool) { return true; }  // not enabled
  bool String(const char* s, rapidjson::SizeType length, bool) {
    return scalar({FlatJsonValue::Kind::string, std::string(s, length)});
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
  bool negative() { return scalar({FlatJsonValue::Kind::other, "a negative number"}); }
  bool scalar(FlatJsonValue value) {
    if (depth_ == 1 && is_object) members.push_back({key_, std::move(value)});
    return true;
  }
  bool nested(const char* what) {
    if (depth_ == 2 && is_object) members.push_back({key_, FlatJsonValue{FlatJsonValue::Kind::other, what}});
    return true;
  }

  int depth_ = 0;
  std::string key_;
};

}  // namespace

Result<std::vector<FlatJsonMember>> read_flat_json_object(std::string_view text, std::string_view what) {
  FlatObjectHandler handler;
  if (text.empty()) return std::move(handler.members);
  rapidjson::MemoryStream stream(text.data(), text.size());
  rapidjson::Reader reader;
  // Iterative: nesting depth costs no stack. Tell() catches trailing bytes.
  if (reader.Parse<rapidjson::kParseIterativeFlag>(stream, handler).IsError() || stream.Tell() != text.size() ||
      !handler.is_object)
    return Error{"invalid_argument", std::string(what) + " must be a JSON object"};
  return std::move(handler.members);
}

std::string describe_json_value(const FlatJsonValue& value) {
  switch (value.kind) {
    case FlatJsonValue::Kind::string:
      return "\"" + value.text + "\"";
    case FlatJsonValue::Kind::count:
      return std::to_string(value.count);
    case FlatJsonValue::Kind::other:
      break;
  }
  return value.text;
}

}  // namespace soundoff::detail
