#include "json_writer.h"

#include <array>
#include <cmath>
#include <cstdio>

namespace soundoff::detail {

namespace {

// Bytes that are written as an escape: JSON's own, the HTML-significant
// <, > and & (output may sit inside a <script> element), DEL, and 0xE2, the
// lead byte of U+2028/U+2029 (checked in full where it occurs).
constexpr auto kNeedsCare = [] {
  std::array<bool, 256> table{};
  for (int c = 0; c < 0x20; ++c) table[c] = true;
  for (unsigned char c : {'"', '\\', '<', '>', '&', '\x7F', '\xE2'}) table[c] = true;
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
    if (c == 0xE2 && !(i + 2 < s.size() && static_cast<unsigned char>(s[i + 1]) == 0x80 &&
                       (static_cast<unsigned char>(s[i + 2]) == 0xA8 || static_cast<unsigned char>(s[i + 2]) == 0xA9)))
      continue;  // another character from U+2000..U+2FFF: kept as it is
    out.append(s.data() + run, i - run);
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      case '<': out += "\\u003c"; break;
      case '>': out += "\\u003e"; break;
      case '&': out += "\\u0026"; break;
      case 0xE2:
        out += static_cast<unsigned char>(s[i + 2]) == 0xA8 ? "\\u2028" : "\\u2029";
        i += 2;
        break;
      default: {  // other control characters and DEL
        const char escape[] = {'\\', 'u', '0', '0', kHex[c >> 4], kHex[c & 0xF]};
        out.append(escape, sizeof escape);
      }
    }
    run = i + 1;
  }
  out.append(s.data() + run, s.size() - run);
  out.push_back('"');
}

JsonWriter& JsonWriter::fixed3(double v) {
  comma();
  const auto thousandths = static_cast<std::uint64_t>(std::llround(std::isfinite(v) && v > 0 ? v * 1000.0 : 0.0));
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
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%.17g", v);
  out_ += buffer;
  return *this;
}

}  // namespace soundoff::detail
