// UTF-8 validation: user text that is not valid UTF-8 is rejected, never
// repaired silently.
#pragma once

#include <cstddef>
#include <string_view>

namespace soundoff {

// Byte offset of the first invalid sequence (overlong forms, surrogates and
// code points above U+10FFFF are invalid), or npos when `text` is valid.
std::size_t find_invalid_utf8(std::string_view text);

inline bool is_valid_utf8(std::string_view text) {
  return find_invalid_utf8(text) == std::string_view::npos;
}

}  // namespace soundoff
