#include "server/registry_text.h"

#include "soundoff/utf8.h"

namespace soundoff::server {

std::optional<std::string> registry_text_problem(const std::string& value, std::size_t max_bytes) {
  bool control = false;
  for (const char c : value) control = control || static_cast<unsigned char>(c) < 0x20 || c == 0x7f;
  if (is_valid_utf8(value) && !control && value.size() <= max_bytes) return std::nullopt;
  return "must be UTF-8 text without control characters, at most " + std::to_string(max_bytes) + " bytes";
}

}  // namespace soundoff::server
