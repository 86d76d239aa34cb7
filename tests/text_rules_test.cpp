#include "soundoff/text_rules.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <string>

#include "name_matching.h"  // detail::name_key, what reply resolution compares by
#include "soundoff/reply_resolution.h"
#include "soundoff/spam.h"
#include "support/fixtures.h"

namespace soundoff {
namespace {

using nlohmann::json;

json text_rules_fixture() {
  json fixture = json::parse(test::read_fixture("text-rules.json"), nullptr, false);
  EXPECT_FALSE(fixture.is_discarded());
  return fixture;
}

TEST(TextRules, EveryFixtureNameHasItsKey) {
  const json fixture = text_rules_fixture();
  ASSERT_GT(fixture["name_keys"].size(), 10u);
  for (const auto& c : fixture["name_keys"]) {
    const auto name = c["name"].get<std::string>();
    EXPECT_EQ(name_key(name), c["key"].get<std::string>()) << name;
    EXPECT_EQ(name_key(name), detail::name_key(name)) << "reply resolution compares names by another key: " << name;
  }
}

TEST(TextRules, EveryFixtureBodyHasItsCounts) {
  const json fixture = text_rules_fixture();
  ASSERT_GT(fixture["text_counts"].size(), 5u);
  for (const auto& c : fixture["text_counts"]) {
    const auto body = c["body"].get<std::string>();
    const TextCounts counts = count_text(body);
    EXPECT_EQ(counts.chars, c["chars"].get<std::size_t>()) << body;
    EXPECT_EQ(counts.links, c["links"].get<std::size_t>()) << body;
  }
}

TEST(TextRules, EveryFixtureEmailIsJudgedAsListed) {
  const json fixture = text_rules_fixture();
  ASSERT_GT(fixture["emails"].size(), 3u);
  for (const auto& c : fixture["emails"]) {
    const auto email = c["email"].get<std::string>();
    EXPECT_EQ(is_plausible_email(email), c["plausible"].get<bool>()) << email;
  }
}

// The counts are the spam check's own: one character over the limit is `too_long`, exactly at it is not.
TEST(TextRules, CharacterCountIsWhatTooLongComparesWithTheLimit) {
  SpamPolicy policy;
  policy.max_chars = 10;
  const auto reasons_of = [&](const std::string& body) {
    Comment c;
    c.body = body;
    std::string codes;
    for (const auto& r : check_spam(c, SpamContext{}, policy).reasons) codes += std::string(r.code) + " ";
    return codes;
  };
  const std::string at_limit =
      "ab\xE2\x80\x8B cd&amp;efghi";  // 10 visible: the zero-width space and the entity count 0 and 1
  ASSERT_EQ(count_text(at_limit).chars, 10u);
  EXPECT_EQ(reasons_of(at_limit).find("too_long"), std::string::npos);
  const std::string over = at_limit + "\xF0\x9F\x98\x89";  // one emoji more
  ASSERT_EQ(count_text(over).chars, 11u);
  EXPECT_NE(reasons_of(over).find("too_long"), std::string::npos);
}

TEST(TextRules, LinkCountIsWhatTheLinkRuleCounts) {
  SpamPolicy policy;
  policy.link_hold_at = 2;
  Comment c;
  c.body = "visit example.com and http://b.example";
  ASSERT_EQ(count_text(c.body).links, 2u);
  bool held_for_links = false;
  for (const auto& r : check_spam(c, SpamContext{}, policy).reasons)
    held_for_links |= std::string(r.code) == "link_limit";
  EXPECT_TRUE(held_for_links);
}

}  // namespace
}  // namespace soundoff
