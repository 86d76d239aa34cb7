// Reading fields of JSON exports (Isso, Remark42) with nlohmann's
// non-throwing API: every accessor checks the type before reading.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "soundoff/result.h"

namespace soundoff::import::detail {

// Parses `text`; on a syntax error returns the same Error (code invalid_json,
// with the byte position) that the comment-document parser gives.
Result<nlohmann::json> parse_json(std::string_view text);

// An id given as a string or an integer, as text; std::nullopt when the field
// is absent or null; `wrong` set when it has another type.
std::optional<std::string> id_field(const nlohmann::json& record, const char* name, bool& wrong);
// A string field, "" when absent or null; `wrong` set when not a string.
std::string string_field(const nlohmann::json& record, const char* name, bool& wrong);

}  // namespace soundoff::import::detail
