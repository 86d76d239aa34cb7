#include "import/html_text.h"

#include <gtest/gtest.h>

namespace soundoff::import::detail {
namespace {

TEST(HtmlText, ParagraphsBecomeBlankLinesAndBreaksNewLines) {
  EXPECT_EQ(html_to_text("<p>one</p><p>two<br>three<br/>four</p>"), "one\n\ntwo\nthree\nfour");
}

TEST(HtmlText, LinkKeepsItsTargetWhenTheTextDoesNotShowIt) {
  EXPECT_EQ(html_to_text("see <a href=\"https://e.org/x\" rel=\"nofollow\">this</a>."), "see this (https://e.org/x).");
  EXPECT_EQ(html_to_text("<a href=\"https://e.org/x\">https://e.org/x</a>"), "https://e.org/x");
  // Shortened link texts ("http://host/pa...") are replaced by the full target.
  EXPECT_EQ(html_to_text("<a href='http://e.org/path/long'>http://e.org/pa...</a>"), "http://e.org/path/long");
  // Non-web targets are not repeated.
  EXPECT_EQ(html_to_text("<a href=\"javascript:alert(1)\">x</a>"), "x");
}

TEST(HtmlText, EntitiesAreDecodedAndUnknownOnesKept) {
  EXPECT_EQ(html_to_text("a &amp; b &lt;c&gt; &#34;q&#34; &#x263A; &laquo;x&raquo; &bogus; &#xD800;"),
            "a & b <c> \"q\" \u263A \u00ABx\u00BB &bogus; \uFFFD");
  EXPECT_EQ(decode_entities("What&#8217;s &nbsp;"), "What\u2019s \u00A0");
}

TEST(HtmlText, ScriptStyleAndCommentsAreDropped) {
  EXPECT_EQ(html_to_text("a<script>alert('<p>')</script>b<style>p{}</style>c<!-- note -->d"), "abcd");
}

TEST(HtmlText, LoneAngleBracketsAndUnclosedTagsStayText) {
  EXPECT_EQ(html_to_text("1 < 2 and 3 <4"), "1 < 2 and 3 <4");
  EXPECT_EQ(html_to_text("x <b"), "x <b");
}

TEST(HtmlText, UnclosedTagsAndAmpersandsInBulkConvertInOnePass) {
  // Both would rescan the rest of the input per character if the scanner were
  // quadratic; at 1 MB that is minutes, so finishing at all is the check.
  std::string tags;
  for (int i = 0; i < 250000; ++i) tags += "<a \"";
  EXPECT_EQ(html_to_text(tags), tags);
  const std::string ampersands(1u << 20, '&');
  EXPECT_EQ(html_to_text(ampersands), ampersands);
}

TEST(HtmlText, PlainTextKeepsItsLineBreaksAndLosesOuterWhitespace) {
  EXPECT_EQ(html_to_text("\n   line one\nline two\n\n\n\nline three  \n"), "line one\nline two\n\nline three");
  EXPECT_EQ(html_to_text("x\xC2\xA0</p>"), "x");
}

}  // namespace
}  // namespace soundoff::import::detail
