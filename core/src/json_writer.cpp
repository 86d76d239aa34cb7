#include "json_writer.h"

#include <rapidjson/internal/dtoa.h>

#include <array>
#include <cmath>

#include "soundoff/utf8.h"

namespace soundoff::detail {

namespace {

// Bytes that need a look: JSON's own escapes, the HTML-significant <, > and &
// (output may sit inside a <script> element), DEL, and every byte of a multi-byte
// sequence (checked as UTF-8, and U+2028/U+2029 escaped).
constexpr auto kNeedsCare = [] {
  std::array<bool, 256> table{};
  for (int c = 0; c < 0x20; ++c) table[c] = true;
  for (int c = 0x7F; c < 0x100; ++c) table[c] = true;
  for (unsigned char c : {'"', '\\', '<', '>', '&'}) table[c] = true;
  return table;
}();

}  // namespace

void append_json_string(std::string& out, std::string_view s) {
  static constexpr char kHex[] = "0123456789abcdef";
  out.push_back('"');
  std::size_t run = 0;  // start of the bytes not yet written: copied in one append, not byte by byte
  for (std::size_t i = 0; i < s.size(); ++i) {
    const auto c = static_cast<unsigned char>(s[i]);
    if (!kNeedsCare[c]) continue;
    std::size_t length = 1;
    char32_t cp = c;
    if (c >= 0x80) {
      length = decode_utf8(s, i, cp);
      if (length > 1 && cp != 0x2028 && cp != 0x2029) {
        i += length - 1;  // valid text: kept as it is
        continue;
      }
    }
    out.append(s.data() + run, i - run);
    switch (cp) {
      case '"':
        out += "\\\"";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\r':
        out += "\\r";
        break;
      case '\t':
        out += "\\t";
        break;
      case '<':
        out += "\\u003c";
        break;
      case '>':
        out += "\\u003e";
        break;
      case '&':
        out += "\\u0026";
        break;
      case 0x2028:
        out += "\\u2028";
        break;
      case 0x2029:
        out += "\\u2029";
        break;
      default:
        if (c >= 0x80) {
          // Not UTF-8 (length 0): JSON text must be, so the byte becomes U+FFFD, as utf8_excerpt shows it.
          out += "\\ufffd";
          length = 1;
        } else {  // other control characters and DEL
          const char escape[] = {'\\', 'u', '0', '0', kHex[c >> 4], kHex[c & 0xF]};
          out.append(escape, sizeof escape);
        }
    }
    i += (length == 0 ? 1 : length) - 1;
    run = i + 1;
  }
  out.append(s.data() + run, s.size() - run);
  out.push_back('"');
}

std::uint64_t rounded_thousandths(double v) {
  return static_cast<std::uint64_t>(std::llround(std::isfinite(v) && v > 0 ? v * 1000.0 : 0.0));
}

JsonWriter& JsonWriter::fixed3(double v) {
  comma();
  const auto thousandths = rounded_thousandths(v);
  out_ += std::to_string(thousandths / 1000);
  const char decimals[] = {'.', static_cast<char>('0' + thousandths / 100 % 10),
                           static_cast<char>('0' + thousandths / 10 % 10), static_cast<char>('0' + thousandths % 10)};
  out_.append(decimals, sizeof decimals);
  return *this;
}

JsonWriter& JsonWriter::value(double v) {
  comma();
  if (!std::isfinite(v)) {
    out_ += "null";
    return *this;
  }
  // The shortest decimal that reads back as the same double (0.3, not 0.29999999999999999), without printf.
  char buffer[32];
  out_.append(buffer, rapidjson::internal::dtoa(v, buffer));
  return *this;
}

}  // namespace soundoff::detail
