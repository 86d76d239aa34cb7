#include "soundoff/text_segments.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "soundoff/utf8.h"
#include "support/fixtures.h"

namespace soundoff {
namespace {

using nlohmann::json;

std::vector<TextSegment> segments_of(std::string_view body) {
  auto result = segment_text(body);
  EXPECT_TRUE(result.ok()) << (result.ok() ? "" : result.error().message);
  return result.ok() ? std::move(*result) : std::vector<TextSegment>{};
}

// Concatenating what a renderer shows gives back the body's words: nothing is
// lost or duplicated by segmentation (breaks and quote markers aside).
std::string shown_text(const std::vector<TextSegment>& segments) {
  std::string out;
  for (const auto& s : segments)
    out += s.kind == SegmentKind::line_break || s.kind == SegmentKind::paragraph_break ? "\n" : s.text;
  return out;
}

TEST(TextSegments, EveryFixtureCaseProducesItsSegments) {
  const json fixture = json::parse(test::read_fixture("text-segments.json"), nullptr, false);
  ASSERT_FALSE(fixture.is_discarded());
  ASSERT_GT(fixture["cases"].size(), 10u);
  for (const auto& c : fixture["cases"]) {
    const auto body = c["body"].get<std::string>();
    const json actual = json::parse(text_segments_to_json(segments_of(body)), nullptr, false);
    EXPECT_EQ(test::json_subset_mismatch(c["segments"], actual), "") << c["name"].get<std::string>();
  }
}

TEST(TextSegments, SeedPageMentionNamesMary) {
  const auto segments = segments_of("blockage@Mary is CNN's sole prerogative");
  ASSERT_EQ(segments.size(), 3u);
  EXPECT_EQ(segments[1].kind, SegmentKind::mention);
  EXPECT_EQ(segments[1].target, "Mary");
}

TEST(TextSegments, JavascriptUrlsAreNeverLinks) {
  for (const auto* body : {"javascript:alert(1)", "JaVaScRiPt:alert(1)", "vbscript:x", "data:text/html;base64,xx",
                           "java\tscript:alert(1)", "//evil.example", "http:/evil.example", "https:evil.example"}) {
    for (const auto& s : segments_of(body)) EXPECT_NE(s.kind, SegmentKind::link) << body;
  }
}

TEST(TextSegments, LinksAlwaysStartWithHttpOrHttps) {
  const auto segments = segments_of("a https://x.io b HTTP://y.io c http://z.io/(a)) d");
  int links = 0;
  for (const auto& s : segments) {
    if (s.kind != SegmentKind::link) continue;
    ++links;
    EXPECT_TRUE(s.target.rfind("http://", 0) == 0 || s.target.rfind("https://", 0) == 0 ||
                s.target.rfind("HTTP://", 0) == 0)
        << s.target;
    EXPECT_EQ(s.target, s.text);
  }
  EXPECT_EQ(links, 3);
}

TEST(TextSegments, NoSegmentSplitsACodePoint) {
  // Every boundary candidate sits next to multi-byte characters.
  const std::string pieces[] = {"é", "😉", "中", "@", "@ ", "http://", "a", ".", ")", "(", ">", "\n", " ", "x@y.z", "©"};
  std::string body;
  unsigned state = 12345;
  for (int i = 0; i < 4000; ++i) {
    state = state * 1103515245u + 12345u;
    body += pieces[(state >> 16) % std::size(pieces)];
  }
  const auto segments = segments_of(body);
  ASSERT_FALSE(segments.empty());
  for (const auto& s : segments) {
    EXPECT_TRUE(is_valid_utf8(s.text)) << s.text;
    EXPECT_TRUE(is_valid_utf8(s.target)) << s.target;
  }
}

TEST(TextSegments, InvalidUtf8IsAnErrorNamingTheByte) {
  const auto result = segment_text("ok \xFF then");
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error().code, "invalid_utf8");
  EXPECT_NE(result.error().message.find("byte 3"), std::string::npos) << result.error().message;
}

TEST(TextSegments, NothingIsLostBetweenSegments) {
  const std::string body = "Hi @Mary, see https://x.org/a_(b). Mail me@example.com or blockage@Mary!";
  EXPECT_EQ(shown_text(segments_of(body)), body);
}

TEST(TextSegments, HugeBodiesAreSegmentedWithoutRecursion) {
  // 1 MB of lines, mentions and parentheses: a recursive or quadratic
  // segmenter would overflow the stack or take minutes.
  std::string body;
  for (int i = 0; i < 20000; ++i) body += "> q\n@a http://x.io/((((( ))))) \n\n";
  std::string parens = "http://x.io/" + std::string(200000, ')');
  body += parens;
  const auto segments = segments_of(body);
  ASSERT_FALSE(segments.empty());
  EXPECT_EQ(segments.back().kind, SegmentKind::text);
  EXPECT_EQ(segments[segments.size() - 2].target, "http://x.io/");
}

TEST(TextSegments, JsonEscapesMarkupSoItCanBeInlinedInHtml) {
  const auto json_text = text_segments_to_json(segments_of("<script>alert('x')</script> & \xE2\x80\xA8"));
  EXPECT_EQ(json_text.find('<'), std::string::npos);
  EXPECT_EQ(json_text.find('&'), std::string::npos);
  EXPECT_NE(json_text.find("\\u2028"), std::string::npos);
}

}  // namespace
}  // namespace soundoff
