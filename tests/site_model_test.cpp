// The site model: learning from moderator decisions, un-learning reversals,
// decay, the min_examples threshold, JSON round trip and the site_model reason.
#include "soundoff/site_model.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <string>

#include "soundoff/spam.h"

namespace soundoff {
namespace {

std::string spam_text(int i) {
  return "Cheap replica watches at luxwatch" + std::to_string(i) + " shop, best replica rolex deals today";
}
std::string ham_text(int i) {
  return "I think the article's point about caching number " + std::to_string(i) +
         " is right, the benchmark matches what we saw";
}

SiteModel trained(int spam, int ham) {
  SiteModel m;
  for (int i = 0; i < spam; ++i) m.learn(spam_text(i), true);
  for (int i = 0; i < ham; ++i) m.learn(ham_text(i), false);
  return m;
}

bool has_reason(const SpamCheck& check, std::string_view code) {
  for (const auto& r : check.reasons)
    if (r.code == code) return true;
  return false;
}

TEST(SiteModel, SaysNothingUntilMinExamplesOfEachClass) {
  SiteModel m = trained(19, 30);
  EXPECT_FALSE(m.active());
  EXPECT_EQ(m.log_odds(spam_text(99)), 0.0);
  m.learn(spam_text(19), true);
  EXPECT_TRUE(m.active());
  EXPECT_GT(m.log_odds(spam_text(99)), 2.0);
  EXPECT_LT(m.log_odds(ham_text(99)), -2.0);
  m.set_min_examples(50);
  EXPECT_FALSE(m.active());
}

TEST(SiteModel, UnlearnReversesLearn) {
  SiteModel m = trained(20, 20);
  const std::string before = m.to_json();
  m.learn("a brand new comment about gardening tomatoes", true);
  EXPECT_NE(m.to_json(), before);
  m.unlearn("a brand new comment about gardening tomatoes", true);
  // decisions counts learnt decisions (it drives decay), the counts are back
  SiteModel expected = trained(20, 20);
  EXPECT_DOUBLE_EQ(m.spam_examples(), expected.spam_examples());
  EXPECT_EQ(m.feature_count(), expected.feature_count());
  for (const auto& [bucket, counts] : expected.features()) {
    const auto* c = m.find_bucket(bucket);
    ASSERT_NE(c, nullptr);
    EXPECT_DOUBLE_EQ(c->spam, counts.spam);
    EXPECT_DOUBLE_EQ(c->ham, counts.ham);
  }
}

TEST(SiteModel, UnlearnNeverGoesBelowZero) {
  SiteModel m;
  m.unlearn(spam_text(1), true);
  EXPECT_EQ(m.spam_examples(), 0.0);
  EXPECT_EQ(m.feature_count(), 0u);
}

TEST(SiteModel, ReversalMovesTheVerdict) {
  SiteModel m = trained(20, 20);
  for (int i = 0; i < 20; ++i) m.learn("Earn money from home with crypto signals group " + std::to_string(i), true);
  const std::string body = "replica rolex at luxwatch shop";
  EXPECT_GT(m.log_odds(body), 2.0);
  // the moderators approve the watch comments they rejected: un-learn the spam, learn ham
  for (int i = 0; i < 20; ++i) {
    m.unlearn(spam_text(i), true);
    m.learn(spam_text(i), false);
  }
  ASSERT_TRUE(m.active());
  EXPECT_LT(m.log_odds(body), -2.0);
}

TEST(SiteModel, CountsDecaySoAMistakeWashesOut) {
  SiteModel m;
  m.learn("gardening tomatoes", true);  // one moderator's mistake
  const std::uint32_t bucket = SiteModel::bucket_of("tomatoes");
  ASSERT_NE(m.find_bucket(bucket), nullptr);
  EXPECT_DOUBLE_EQ(m.find_bucket(bucket)->spam, 1.0);
  for (std::uint64_t i = 1; i < SiteModel::kDecayEvery; ++i) m.learn(ham_text(static_cast<int>(i)), false);
  ASSERT_EQ(m.decisions(), SiteModel::kDecayEvery);
  EXPECT_DOUBLE_EQ(m.find_bucket(bucket)->spam, SiteModel::kDecayFactor);
  for (int i = 0; i < 50 * static_cast<int>(SiteModel::kDecayEvery); ++i) m.learn(ham_text(i), false);
  EXPECT_EQ(m.find_bucket(bucket), nullptr);  // decayed below 0.01 and dropped
  EXPECT_LT(m.spam_examples(), 0.01);
}

TEST(SiteModel, JsonRoundTripAndErrors) {
  const SiteModel m = trained(25, 22);
  auto back = SiteModel::from_json(m.to_json());
  ASSERT_TRUE(back.ok()) << back.error().message;
  EXPECT_EQ(back.value().to_json(), m.to_json());
  EXPECT_DOUBLE_EQ(back.value().log_odds(spam_text(7)), m.log_odds(spam_text(7)));
  auto bad = SiteModel::from_json(R"({"format":"soundoff-site-model","version":1,"decisions":1,
    "spam_examples":1,"ham_examples":1,"features":{"x":[1,0]}})");
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.error().code, "invalid_model");
  EXPECT_NE(bad.error().message.find("features key \"x\""), std::string::npos) << bad.error().message;
  auto negative = SiteModel::from_json(R"({"format":"soundoff-site-model","version":1,"decisions":1,
    "spam_examples":-1,"ham_examples":1,"features":{}})");
  ASSERT_FALSE(negative.ok());
  EXPECT_NE(negative.error().message.find("spam_examples"), std::string::npos);
}

TEST(SiteModel, CheckSpamHoldsWithSiteModelReason) {
  Comment c;
  c.id = "n1";
  c.author = "someone";
  c.body = "replica rolex deals at luxwatch shop today";
  const SpamPolicy policy;
  SpamContext plain;
  const SpamCheck without = check_spam(c, plain, policy);
  EXPECT_FALSE(has_reason(without, "site_model"));

  SiteModel m = trained(20, 20);
  SpamContext ctx;
  ctx.site_model = &m;
  const SpamCheck with = check_spam(c, ctx, policy);
  EXPECT_TRUE(has_reason(with, "site_model"));
  EXPECT_EQ(with.verdict, Verdict::hold);

  Comment ham;
  ham.id = "n2";
  ham.author = "someone";
  ham.body = ham_text(500);
  EXPECT_FALSE(has_reason(check_spam(ham, ctx, policy), "site_model"));

  m.set_min_examples(21);  // below the threshold the site model is silent
  EXPECT_FALSE(has_reason(check_spam(c, ctx, policy), "site_model"));
}

}  // namespace
}  // namespace soundoff

namespace soundoff {
namespace {

// What a database keeping the model as rows updates: exactly the buckets learn() adds to.
TEST(SiteModel, FeatureBucketsAreTheBucketsLearnAddsTo) {
  const std::string body = spam_text(7) + " http://luxwatch.example/deal";
  const auto buckets = SiteModel::feature_buckets(body);
  ASSERT_FALSE(buckets.empty());
  EXPECT_TRUE(std::is_sorted(buckets.begin(), buckets.end()));
  EXPECT_EQ(std::adjacent_find(buckets.begin(), buckets.end()), buckets.end()) << "each bucket once";
  SiteModel m;
  m.learn(body, true);
  EXPECT_EQ(m.feature_count(), buckets.size());
  for (const auto b : buckets) {
    const auto* counts = m.find_bucket(b);
    ASSERT_NE(counts, nullptr) << b;
    EXPECT_EQ(counts->spam, 1.0);
    EXPECT_EQ(counts->ham, 0.0);
  }
  EXPECT_TRUE(SiteModel::feature_buckets("").empty());
}

}  // namespace
}  // namespace soundoff
