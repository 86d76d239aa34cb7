#include "soundoff/token_filter.h"

#include <gtest/gtest.h>

#include "support/fixtures.h"

namespace soundoff {
namespace {

TokenFilter small_site() {
  TokenFilter f;
  for (int i = 0; i < 4; ++i) {
    f.train("cheap pills online, best prices, order today", true);
    f.train("win a free prize, claim your reward today", true);
    f.train("I think the senator's argument misses the point about the budget", false);
    f.train("The budget vote was closer than the article suggests", false);
  }
  return f;
}

TEST(TokenFilter, LearnsFromModerationDecisions) {
  const TokenFilter f = small_site();
  EXPECT_EQ(f.spam_messages(), 8u);
  EXPECT_EQ(f.ham_messages(), 8u);
  std::vector<TokenEvidence> evidence;
  EXPECT_GT(f.spam_probability("cheap prize pills, order today", &evidence), 0.9);
  ASSERT_FALSE(evidence.empty());
  EXPECT_GT(evidence[0].probability, 0.5);
  EXPECT_LT(f.spam_probability("the budget argument in the article"), 0.1);
}

TEST(TokenFilter, KnowsNothingBeforeSeeingBothKinds) {
  TokenFilter f;
  EXPECT_DOUBLE_EQ(f.spam_probability("anything"), 0.5);
  f.train("spam spam spam", true);
  EXPECT_DOUBLE_EQ(f.spam_probability("spam"), 0.5);
}

TEST(TokenFilter, UntrainReversesTrain) {
  TokenFilter f = small_site();
  const std::string before = f.to_json();
  f.train("a brand new unusual message", true);
  EXPECT_NE(f.to_json(), before);
  f.untrain("a brand new unusual message", true);
  EXPECT_EQ(f.to_json(), before);
  TokenFilter empty;
  empty.untrain("never trained", false);  // counts do not go below zero
  EXPECT_EQ(empty.ham_messages(), 0u);
  EXPECT_EQ(empty.token_count(), 0u);
}

TEST(TokenFilter, LinksBecomeHostTokensNotWords) {
  TokenFilter f;
  f.train("great video http://www.spam-site.com/offer?x=1", true);
  EXPECT_NE(f.find("host:spam-site.com"), nullptr);
  EXPECT_EQ(f.find("http"), nullptr);
  EXPECT_EQ(f.find("www"), nullptr);
  EXPECT_EQ(f.find("com"), nullptr);
}

TEST(TokenFilter, JsonRoundTripsAndBadModelsAreErrors) {
  const TokenFilter f = small_site();
  auto back = TokenFilter::from_json(f.to_json());
  ASSERT_TRUE(back.ok()) << back.error().message;
  EXPECT_EQ(back->to_json(), f.to_json());
  EXPECT_DOUBLE_EQ(back->spam_probability("cheap pills"), f.spam_probability("cheap pills"));
  for (const char* bad : {"nope", "{}", R"({"format":"soundoff-token-filter","version":2})",
                          R"({"format":"soundoff-token-filter","version":1,"spam_messages":1,"ham_messages":1,
                              "tokens":{"x":[1]}})"}) {
    const auto r = TokenFilter::from_json(bad);
    ASSERT_FALSE(r.ok()) << bad;
    EXPECT_EQ(r.error().code, "invalid_model");
  }
}

TEST(TokenFilter, PruneForgetsRareTokens) {
  TokenFilter f = small_site();
  f.train("hapax", false);
  f.prune(2);
  EXPECT_EQ(f.find("hapax"), nullptr);
  EXPECT_NE(f.find("budget"), nullptr);
}

TEST(TokenFilter, LearnsWordPairsAsHashedTokens) {
  TokenFilter f;
  for (int i = 0; i < 3; ++i) {
    f.train("keep posting such articles", true);
    f.train("posting keep the numbers", false);  // the same words, the other order
  }
  std::size_t pairs = 0;
  const auto json = f.to_json();
  for (std::size_t at = json.find("\"~"); at != std::string::npos; at = json.find("\"~", at + 1)) ++pairs;
  EXPECT_EQ(pairs, 6u) << json;  // 3 pairs in each comment, no pair shared
  // Word counts alone cannot tell the two orders apart; the pair can.
  EXPECT_GT(f.spam_probability("keep posting"), 0.5);
  EXPECT_LT(f.spam_probability("posting keep"), 0.5);
  // Pairs survive the JSON round trip like words do.
  auto back = TokenFilter::from_json(json);
  ASSERT_TRUE(back.ok());
  EXPECT_DOUBLE_EQ(back->spam_probability("keep posting"), f.spam_probability("keep posting"));
}

TEST(TokenFilter, UnseenPairsAreSkippedAndPairsArePrunedSeparately) {
  TokenFilter f = small_site();
  // A comment of unseen words: words are rated "unknown", pairs are not rated at all.
  std::vector<TokenEvidence> evidence;
  f.spam_probability("zebra quantum", &evidence);
  EXPECT_TRUE(evidence.empty());
  TokenFilter g = small_site();  // small_site's tokens are seen 4 or 8 times
  g.prune(1, 9);
  EXPECT_NE(g.find("budget"), nullptr);
  EXPECT_NE(g.to_json().find("\"budget\""), std::string::npos);
  EXPECT_EQ(g.to_json().find("\"~"), std::string::npos) << "pairs seen 8 times or fewer are dropped at 9";
  g = small_site();
  g.prune(9, 1);
  EXPECT_EQ(g.find("budget"), nullptr);
  EXPECT_NE(g.to_json().find("\"~"), std::string::npos);
}

TEST(TokenFilter, TheShippedModelKnowsTheArticleSpamFamiliesAndTheirHardHam) {
  const TokenFilter& f = default_token_filter();
  EXPECT_NE(f.to_json().find("\"~"), std::string::npos) << "the shipped model has word pairs";
  // Praise is also what readers write (the fixtures' hard ham): seo_backlink, not the filter, decides those.
  EXPECT_GT(f.spam_probability("watch full movie hd free online"), 0.5);
  EXPECT_GT(f.spam_probability("call printer support toll free number"), 0.5);
  EXPECT_LT(f.spam_probability("the official documentation explains the borrow checker"), 0.5);
}

TEST(TokenFilter, TheShippedModelSaysHowItWasBuiltAndNeverSawTheHoldout) {
  const auto inc = test::read_file(test::fixtures_dir() + "/../../core/src/default_spam_model.inc");
  ASSERT_TRUE(inc.has_value());
  const auto header = inc->substr(0, inc->find("R\"model("));
  EXPECT_NE(header.find("scripts/build-spam-model --prune"), std::string::npos) << header;
  EXPECT_NE(header.find("data sha256 "), std::string::npos) << header;
  EXPECT_NE(header.find("spam-families-train.csv"), std::string::npos) << header;
  EXPECT_EQ(header.find("holdout"), std::string::npos) << "the family holdout is for evaluation only";
}

TEST(TokenFilter, TheShippedModelLoadsAndSeparatesObviousCases) {
  const TokenFilter& f = default_token_filter();
  ASSERT_GT(f.spam_messages(), 0u) << "core/src/default_spam_model.inc is empty: run scripts/build-spam-model";
  EXPECT_GT(f.spam_probability("check out my channel and subscribe please"), 0.9);
  EXPECT_LT(f.spam_probability("this song reminds me of my childhood, love it"), 0.5);
}

}  // namespace
}  // namespace soundoff
