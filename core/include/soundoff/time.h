// ISO-8601 timestamps <-> Unix milliseconds, without the C library's locale
// and time-zone machinery (identical natively and in wasm).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace soundoff {

// Parses `YYYY-MM-DDTHH:MM[:SS[.fff]](Z|±HH:MM|±HHMM)` (a space may replace
// the `T`; a missing offset means UTC). Returns std::nullopt for anything
// else, including out-of-range fields such as month 13 or 25:00.
std::optional<std::int64_t> parse_iso8601_ms(std::string_view text);

// Formats as `YYYY-MM-DDTHH:MM:SSZ`, with `.fff` when the milliseconds are not 0.
std::string format_iso8601(std::int64_t unix_ms);

}  // namespace soundoff
