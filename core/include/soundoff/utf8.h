// UTF-8 validation: user text that is not valid UTF-8 is rejected, never
// repaired silently.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace soundoff {

// Byte offset of the first invalid sequence (overlong forms, surrogates and
// code points above U+10FFFF are invalid), or npos when `text` is valid.
std::size_t find_invalid_utf8(std::string_view text);

// Decodes the sequence at text[offset] into `cp`. Returns its length in
// bytes, or 0 when it is invalid (the same rules as find_invalid_utf8).
std::size_t decode_utf8(std::string_view text, std::size_t offset, char32_t& cp);

// Appends the UTF-8 encoding of `cp`; a surrogate, a value above U+10FFFF
// or NUL is written as U+FFFD so the output stays valid text.
void append_utf8(std::string& out, char32_t cp);

// At most `max_bytes` of `text` as valid UTF-8, for quoting user input in a
// message: cut at a character boundary, each invalid byte shown as U+FFFD.
std::string utf8_excerpt(std::string_view text, std::size_t max_bytes);

inline bool is_valid_utf8(std::string_view text) { return find_invalid_utf8(text) == std::string_view::npos; }

}  // namespace soundoff
