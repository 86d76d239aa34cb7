#include "soundoff/irc_log.h"

#include <gtest/gtest.h>

#include <random>
#include <string>

namespace soundoff {
namespace {

TEST(IrcLog, ReadsMessagesActionsAndSystemLines) {
  const auto log = parse_irc_log(
      "[09:57] <Futurama140> could you tell me\n"
      "[10:00]  * ActionParsnip gives quibbler a spoon\n"
      "=== mrak_ is now known as mrak\n"
      "[10:01] <eepberries> subodh: no\n");
  ASSERT_EQ(log.comments.size(), 4u);
  EXPECT_TRUE(log.errors.empty());
  EXPECT_EQ(log.kinds[0], IrcLineKind::message);
  EXPECT_EQ(log.comments[0].id, "0");
  EXPECT_EQ(log.comments[0].author, "Futurama140");
  EXPECT_EQ(log.comments[0].body, "could you tell me");
  EXPECT_EQ(log.comments[0].created_ms, (9 * 60 + 57) * 60'000);
  EXPECT_EQ(log.kinds[1], IrcLineKind::action);
  EXPECT_EQ(log.comments[1].author, "ActionParsnip");
  EXPECT_EQ(log.comments[1].body, "gives quibbler a spoon");
  EXPECT_EQ(log.kinds[2], IrcLineKind::system);
  EXPECT_EQ(log.comments[2].author, "");
  EXPECT_EQ(log.comments[2].created_ms, 600 * 60'000);  // a system line takes the last time seen
  EXPECT_EQ(log.comments[3].id, "3");
  EXPECT_EQ(log.comments[3].body, "subodh: no");
}

TEST(IrcLog, MalformedLinesKeepTheirPlaceAndGetAnErrorEach) {
  const auto log = parse_irc_log(
      "[10:00] <ann> hi\n"
      "[25:99] <bob> bad time\n"
      "[10:01] <carl hi\n"
      "[10:01] <> hi\n"
      "just text\n"
      "\n"
      "[10:02] -notice:#ubuntu- spam\n"
      "[10:03] <dave> bad \xFF byte\n"
      "[10:04] <ann> end");
  ASSERT_EQ(log.comments.size(), 9u);
  ASSERT_EQ(log.errors.size(), 7u);
  EXPECT_EQ(log.errors[0].line, 1u);
  EXPECT_NE(log.errors[0].message.find("line 2"), std::string::npos);
  EXPECT_NE(log.errors[0].message.find("[25:99]"), std::string::npos);
  EXPECT_NE(log.errors[1].message.find("no closing"), std::string::npos);
  EXPECT_NE(log.errors[2].message.find("empty"), std::string::npos);
  EXPECT_NE(log.errors[3].message.find("expected"), std::string::npos);
  EXPECT_NE(log.errors[4].message.find("line 6: the line is empty"), std::string::npos);
  EXPECT_NE(log.errors[5].message.find("<nick> text"), std::string::npos);
  EXPECT_NE(log.errors[6].message.find("invalid UTF-8"), std::string::npos);
  for (std::size_t i = 1; i < 8; ++i) {
    EXPECT_EQ(log.kinds[i], IrcLineKind::malformed) << i;
    EXPECT_EQ(log.comments[i].author, "") << i;
  }
  EXPECT_EQ(log.comments[8].author, "ann");
  EXPECT_EQ(log.comments[8].id, "8");
}

TEST(IrcLog, CarriageReturnsAndTheFinalNewlineAreNotLines) {
  const auto log = parse_irc_log("[10:00] <ann> hi\r\n[10:01] <bob> yo\r\n");
  ASSERT_EQ(log.comments.size(), 2u);
  EXPECT_EQ(log.comments[0].body, "hi");
  EXPECT_TRUE(log.errors.empty());
}

TEST(IrcLog, ClockGoingBackwardsPastMidnightAddsADay) {
  const auto log = parse_irc_log("[23:59] <ann> late\n[00:01] <bob> early\n[00:00] <ann> same minute-ish\n");
  EXPECT_EQ(log.comments[1].created_ms, (24 * 60 + 1) * 60'000);
  EXPECT_EQ(log.comments[2].created_ms, (24 * 60) * 60'000);  // a minute back is not a new day
}

TEST(IrcLog, ArbitraryBytesNeverCrash) {
  std::mt19937 rng(7);
  const std::string alphabet = "[]<>*=: \n\r0123456789abc@\xC3\xA9\xFF";
  for (int round = 0; round < 300; ++round) {
    std::string text;
    const int len = static_cast<int>(rng() % 200);
    for (int i = 0; i < len; ++i) text.push_back(alphabet[rng() % alphabet.size()]);
    const auto log = parse_irc_log(text);
    EXPECT_EQ(log.comments.size(), log.kinds.size());
    for (std::size_t i = 0; i < log.comments.size(); ++i) EXPECT_EQ(log.comments[i].id, std::to_string(i));
  }
}

}  // namespace
}  // namespace soundoff
