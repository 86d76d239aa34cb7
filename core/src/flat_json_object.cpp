#include "flat_json_object.h"

#include <utility>

#include "json_reader.h"

namespace soundoff::detail {

namespace {

// A member's value as the option readers see it: strings and non-negative
// integers kept, anything else described for the error message.
FlatJsonValue flat_value(const JsonValue& v) {
  if (v.IsString()) return {FlatJsonValue::Kind::string, std::string(string_of(v))};
  if (v.IsUint64()) return {FlatJsonValue::Kind::count, {}, v.GetUint64()};
  if (v.IsInt64()) return {FlatJsonValue::Kind::other, "a negative number"};
  if (v.IsNumber()) return {FlatJsonValue::Kind::other, "a fractional number"};
  if (v.IsBool()) return {FlatJsonValue::Kind::other, v.GetBool() ? "true" : "false"};
  return {FlatJsonValue::Kind::other, v.IsArray() ? "an array" : "an object"};
}

}  // namespace

// Read through core's one JSON reader (json_reader.h), so options follow the
// same syntax rules as policies and models.
Result<std::vector<FlatJsonMember>> read_flat_json_object(std::string_view text, std::string_view what) {
  std::vector<FlatJsonMember> members;
  if (text.empty()) return members;
  JsonDocument doc;
  if (parse_json(text, doc) || !doc.IsObject())
    return Error{"invalid_argument", std::string(what) + " must be a JSON object"};
  for (const auto& m : doc.GetObject()) {
    if (m.value.IsNull()) continue;
    members.push_back({std::string(string_of(m.name)), flat_value(m.value)});
  }
  return members;
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
