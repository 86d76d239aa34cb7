// Percent-decoding of request paths and query strings (RFC 3986). Framing
// is Beast's; this only turns an already framed target into text.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace soundoff::server {

// Decodes %XX escapes (and '+' as a space when `plus_is_space`, as in query
// strings). nullopt for a '%' not followed by two hex digits.
std::optional<std::string> percent_decode(std::string_view text, bool plus_is_space);

// True when `text` holds a NUL or another control byte (below 0x20, or 0x7f):
// never part of a path we serve, and how header and log injection starts.
bool has_control_bytes(std::string_view text);

// "a=1&b=x%20y" as decoded pairs, in order; nullopt on a bad escape.
std::optional<std::vector<std::pair<std::string, std::string>>> parse_query(std::string_view query);

}  // namespace soundoff::server
