#include <gtest/gtest.h>

#include <algorithm>
#include <vector>

#include "soundoff/comment.h"
#include "soundoff/utf8.h"

namespace soundoff {
namespace {

TEST(CommentModel, StatusNamesRoundTrip) {
  for (auto s : {Status::published, Status::pending, Status::spam, Status::deleted})
    EXPECT_EQ(parse_status(status_name(s)), s);
  EXPECT_FALSE(parse_status("Published").has_value());
  EXPECT_FALSE(parse_status("approved").has_value());
}

TEST(CommentModel, NumericIdsCompareAsNumbersBeforeOtherIds) {
  EXPECT_LT(compare_ids("9", "10"), 0);
  EXPECT_GT(compare_ids("10", "9"), 0);
  EXPECT_LT(compare_ids("10", "1a"), 0);
  EXPECT_LT(compare_ids("c10", "c9"), 0);  // non-numeric ids compare bytewise
  EXPECT_NE(compare_ids("007", "7"), 0);
  EXPECT_EQ(compare_ids("x", "x"), 0);
}

TEST(CommentModel, IdOrderIsAStrictWeakOrder) {
  std::vector<std::string> ids = {"10", "9", "1a", "007", "7", "a", "", "0", "00", "c9", "c10"};
  std::sort(ids.begin(), ids.end(), [](const auto& a, const auto& b) { return compare_ids(a, b) < 0; });
  for (std::size_t i = 0; i < ids.size(); ++i)
    for (std::size_t j = i + 1; j < ids.size(); ++j)
      EXPECT_LT(compare_ids(ids[i], ids[j]), 0) << ids[i] << " " << ids[j];
}

TEST(Utf8, FindsTheFirstInvalidByte) {
  EXPECT_TRUE(is_valid_utf8("banasy\xC2\xA9 \xF0\x9F\x98\x89"));
  EXPECT_EQ(find_invalid_utf8("ab\xFF"), 2u);
  EXPECT_EQ(find_invalid_utf8("\xC0\xAF"), 0u);          // overlong '/'
  EXPECT_EQ(find_invalid_utf8("x\xED\xA0\x80"), 1u);     // lone surrogate
  EXPECT_EQ(find_invalid_utf8("\xF4\x90\x80\x80"), 0u);  // above U+10FFFF
  EXPECT_EQ(find_invalid_utf8("\xE2\x82"), 0u);          // truncated
}

// ASCII is read eight bytes at a time: a bad byte, or a good multi-byte
// character, anywhere in or after such a run is still found (or accepted).
TEST(Utf8, FindsAnInvalidByteAtEveryPositionOfALongAsciiRun) {
  for (std::size_t at = 0; at < 40; ++at) {
    std::string text(41, 'a');
    text[at] = '\xFF';
    EXPECT_EQ(find_invalid_utf8(text), at) << at;
    text[at] = '\xC3';  // a truncated sequence: its continuation is an 'a'
    EXPECT_EQ(find_invalid_utf8(text), at) << at;
    text.replace(at, 1, "\xC3\xA9");  // é
    EXPECT_TRUE(is_valid_utf8(text)) << at;
    text.push_back('\xE2');  // truncated at the very end
    EXPECT_EQ(find_invalid_utf8(text), text.size() - 1) << at;
  }
}

}  // namespace
}  // namespace soundoff
