// libFuzzer: any bytes as a comment body. Segments must cover only valid
// UTF-8, links must be http(s), and the JSON must read back.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <nlohmann/json.hpp>
#include <string_view>

#include "soundoff/text_segments.h"
#include "soundoff/utf8.h"

namespace {
bool has_http_scheme(const std::string& url) {
  std::string head = url.substr(0, 8);
  for (auto& c : head) c = static_cast<char>(c >= 'A' && c <= 'Z' ? c + 32 : c);
  return head.rfind("http://", 0) == 0 || head.rfind("https://", 0) == 0;
}
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view body(reinterpret_cast<const char*>(data), size);
  auto segments = soundoff::segment_text(body);
  if (!segments) return 0;  // invalid UTF-8 is refused, not repaired
  for (const auto& s : *segments) {
    if (!soundoff::is_valid_utf8(s.text)) std::abort();
    if (s.kind == soundoff::SegmentKind::link && !has_http_scheme(s.target)) std::abort();
  }
  if (nlohmann::json::parse(soundoff::text_segments_to_json(*segments), nullptr, false).is_discarded()) std::abort();
  return 0;
}
