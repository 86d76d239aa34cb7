// A flat JSON object (options, requests) read into its members, with
// core's one JSON reader (json_reader.h): the options
// of page requests and of the wasm engine's calls are parsed the same way.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "soundoff/result.h"

namespace soundoff::detail {

// One member's value: a string, a non-negative integer, or anything else
// (kept as a description for error messages: "a negative number", "an array").
struct FlatJsonValue {
  enum class Kind : std::uint8_t { string, count, other };
  Kind kind = Kind::other;
  std::string text;  // the string, or the description
  std::uint64_t count = 0;
};

struct FlatJsonMember {
  std::string key;
  FlatJsonValue value;
};

// The object's members in order, duplicates included; members whose value is
// null are left out (null means "not given", as undefined does in JS). ""
// gives no members. Error invalid_argument "<what> must be a JSON object"
// for anything else that is not one well-formed JSON object.
Result<std::vector<FlatJsonMember>> read_flat_json_object(std::string_view text, std::string_view what);

// The value as an error message quotes it: "\"two\"", "17", "an array".
std::string describe_json_value(const FlatJsonValue& value);

}  // namespace soundoff::detail
