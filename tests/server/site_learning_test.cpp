// Learning from the site's moderators over real HTTP (docs/spam.md): rejecting
// comments as spam teaches the site model, so a new comment like them is
// held with reason site_model; approving them instead flips it; judging a
// comment again never counts it twice; `soundoff spam train` rebuilds the
// same model from the database; export/import and `serve --site-model`
// carry a model; on PostgreSQL another instance picks up what one learnt.
#include <gtest/gtest.h>
#include <sys/wait.h>

#include <chrono>
#include <cstdio>
#include <fstream>
#include <thread>

#include "server/server_harness.h"
#include "server/site_model_rows.h"
#include "server/storage.h"
#include "server/storage_copy.h"

namespace soundoff::test {
namespace {

using nlohmann::json;
using Clock = std::chrono::steady_clock;

const std::string kToken = "site-learning-0123456789abcdef0123456789";
const httplib::Headers kAdmin = {{"Authorization", "Bearer " + kToken}};

// What this site's moderators call spam (nothing the shipped rules know),
// and what they approve.
std::string bakery(int i) {
  return "Our village bakery sells warm sourdough loaves and cinnamon buns every Saturday, batch " + std::to_string(i) +
         " ready by the old town square";
}
std::string discussion(int i) {
  return "The point about allocator fragmentation in section " + std::to_string(i) +
         " matches what our profiling showed last winter";
}

server::ServerConfig learning_config(const TempDir& dir, const std::string& db_name = "site.db") {
  auto c = test_config(dir);
  c.db_path = test_database(dir, db_name);
  c.admin_token = kToken;
  c.trusted_proxies = {"127.0.0.1"};
  // Only what the site learnt decides: the shipped filter is switched off.
  auto policy = parse_spam_policy(R"({"weights": {"content_model": 0}})");
  EXPECT_TRUE(policy) << policy.error().message;
  c.spam_policy = *policy;
  return c;
}

// Seeds `n` pending comments of each kind into thread "seed"; returns their ids.
std::pair<std::vector<std::string>, std::vector<std::string>> seed(const std::string& db, int n) {
  auto store = server::open_storage(db, {"normal"});
  EXPECT_TRUE(store) << store.error().message;
  std::vector<std::string> spam, ham;
  for (int i = 0; i < 2 * n; ++i) {
    server::NewComment c;
    c.thread = "seed";
    c.author = "Writer" + std::to_string(i);
    c.body = i % 2 ? discussion(i) : bakery(i);
    c.ip = "203.0.113." + std::to_string(i % 250);
    c.created_ms = 1764669600000 + i;
    c.status = Status::pending;
    auto stored = (*store)->insert(c);
    EXPECT_TRUE(stored) << stored.error().message;
    (i % 2 ? ham : spam).push_back(stored->id);
  }
  return {spam, ham};
}

class SiteLearning : public ::testing::Test {
 protected:
  void start(server::ServerConfig config) {
    db_ = config.db_path;
    server_ = std::make_unique<InProcessServer>(std::move(config));
  }
  // Judges `ids` through the desk's bulk route; every one must succeed.
  void judge(const InProcessServer& via, const std::string& action, const std::vector<std::string>& ids) {
    for (std::size_t from = 0; from < ids.size(); from += 100) {
      const std::vector<std::string> part(ids.begin() + static_cast<std::ptrdiff_t>(from),
                                          ids.begin() + static_cast<std::ptrdiff_t>(std::min(ids.size(), from + 100)));
      auto res =
          post_json(*via.client(), "/api/admin/comments/bulk", json{{"action", action}, {"ids", part}}.dump(), kAdmin);
      ASSERT_TRUE(res && res->status == 200) << (res ? res->body : "no response");
      // Kept in a variable: a range-for over a member of a temporary would read freed memory.
      const json answer = body_json(res);
      for (const auto& r : answer["results"]) ASSERT_TRUE(r["ok"].get<bool>()) << r.dump();
    }
  }
  void judge(const std::string& action, const std::vector<std::string>& ids) { judge(*server_, action, ids); }
  // POSTs a new comment from a fresh author and address to a thread of its
  // own (no near-duplicates); returns (status, reason codes).
  std::pair<std::string, std::vector<std::string>> post(const InProcessServer& via, const std::string& body) {
    ++posts_;
    const json j = {{"author", "Newcomer" + std::to_string(posts_)}, {"body", body}};
    auto res = post_json(*via.client(), "/api/threads/fresh-" + std::to_string(posts_) + "/comments", j.dump(),
                         {{"X-Forwarded-For", "198.51.100." + std::to_string(posts_ % 250)}});
    EXPECT_TRUE(res && res->status == 201) << (res ? res->body : "no response");
    const json c = body_json(res);
    std::vector<std::string> codes;
    if (c.contains("id")) {
      auto store = server::open_storage(db_, {"normal"});
      const auto held = (*store)->desk_comment(c["id"].get<std::string>());
      if (held && *held)
        for (const auto& r : (*held)->reasons) codes.push_back(r.substr(0, r.find(':')));
    }
    return {c.value("status", ""), codes};
  }
  std::pair<std::string, std::vector<std::string>> post(const std::string& body) { return post(*server_, body); }
  SiteModel stored_model() {
    auto store = server::open_storage(db_, {"normal"});
    auto model = (*store)->load_site_model();
    EXPECT_TRUE(model) << model.error().message;
    return model ? *model : SiteModel{};
  }
  static bool has(const std::vector<std::string>& codes, const std::string& code) {
    return std::find(codes.begin(), codes.end(), code) != codes.end();
  }

  TempDir dir_;
  std::string db_;
  std::unique_ptr<InProcessServer> server_;
  int posts_ = 0;
};

TEST(SiteModelRows, BucketsRoundTripAsTextAndBadEntriesAreSkipped) {
  const std::vector<std::uint32_t> buckets = {0, 7, 4242, SiteModel::kBuckets - 1};
  EXPECT_EQ(server::buckets_text(buckets), "0 7 4242 262143");
  EXPECT_EQ(server::parse_buckets(server::buckets_text(buckets)), buckets);
  EXPECT_EQ(server::parse_buckets("3 x 262144 -1 9"), (std::vector<std::uint32_t>{3, 9}));
  EXPECT_TRUE(server::parse_buckets("").empty());
}

TEST(SiteModelRows, APlanLearnsOnceAndAReversalTakesBackWhatWasLearnt) {
  EXPECT_FALSE(server::plan_learning("", "", "text", Status::deleted)) << "deleting teaches nothing";
  EXPECT_FALSE(server::plan_learning("spam", "1 2", "text", Status::spam)) << "already learnt as spam";
  const auto first = server::plan_learning("", "", bakery(1), Status::spam);
  ASSERT_TRUE(first);
  EXPECT_TRUE(first->new_decision);
  EXPECT_EQ(first->learned_as, "spam");
  ASSERT_EQ(first->steps.size(), 1u);
  EXPECT_EQ(first->steps[0].buckets, SiteModel::feature_buckets(bakery(1)));
  // Edited since: the reversal un-learns the remembered buckets, not the new body's.
  const auto reversal = server::plan_learning("spam", "5 6", discussion(2), Status::published);
  ASSERT_TRUE(reversal);
  EXPECT_FALSE(reversal->new_decision);
  ASSERT_EQ(reversal->steps.size(), 2u);
  EXPECT_EQ(reversal->steps[0].buckets, (std::vector<std::uint32_t>{5, 6}));
  EXPECT_TRUE(reversal->steps[0].spam);
  EXPECT_EQ(reversal->steps[0].amount, -1.0);
  EXPECT_FALSE(reversal->steps[1].spam);
  EXPECT_EQ(reversal->learned_as, "ham");
}

TEST_F(SiteLearning, RejectingSimilarSpamHoldsTheNextOneAndApprovingThemFlipsIt) {
  const std::string db = test_database(dir_, "site.db");
  const auto [spam, ham] = seed(db, 25);
  start(learning_config(dir_));
  const auto before = post(bakery(1000));
  EXPECT_EQ(before.first, "published") << "nothing learnt yet: the site model says nothing";
  EXPECT_FALSE(has(before.second, "site_model"));

  judge("reject", spam);
  judge("approve", ham);
  const auto held = post(bakery(1001));
  EXPECT_EQ(held.first, "pending");
  EXPECT_TRUE(has(held.second, "site_model")) << "reasons: " << json(held.second).dump();
  EXPECT_EQ(post(discussion(1002)).first, "published") << "what moderators approve still passes";

  // The moderators change their minds: the bakery posts were welcome after all.
  judge("approve", spam);
  const SiteModel model = stored_model();
  EXPECT_EQ(model.decisions(), 50u) << "a reversal moves counts; it is no new decision";
  EXPECT_NEAR(model.spam_examples(), 0.0, 1e-9);
  EXPECT_NEAR(model.ham_examples(), 50.0, 1e-9);
  const auto flipped = post(bakery(1003));
  EXPECT_EQ(flipped.first, "published");
  EXPECT_FALSE(has(flipped.second, "site_model"));
}

TEST_F(SiteLearning, JudgingACommentAgainNeverCountsItTwice) {
  const std::string db = test_database(dir_, "site.db");
  const auto [spam, ham] = seed(db, 10);
  start(learning_config(dir_));
  judge("reject", spam);
  judge("approve", ham);
  const std::string once = stored_model().to_json();
  judge("reject", spam);
  judge("approve", ham);
  EXPECT_EQ(stored_model().to_json(), once) << "the same judgement again changed the model";
  // Away and back: reject -> approve -> reject ends where it started.
  judge("approve", {spam[0]});
  EXPECT_NE(stored_model().to_json(), once);
  judge("reject", {spam[0]});
  EXPECT_EQ(stored_model().to_json(), once);
  // Deleting teaches nothing.
  judge("delete", {ham[0]});
  EXPECT_EQ(stored_model().to_json(), once);
}

TEST_F(SiteLearning, TrainFromTheDatabaseEqualsWhatWasLearntIncrementally) {
  const std::string db = test_database(dir_, "site.db");
  const auto [spam, ham] = seed(db, 60);  // 120 decisions: one decay step on the way
  start(learning_config(dir_));
  for (std::size_t i = 0; i < spam.size(); ++i) {
    judge("reject", {spam[i]});
    judge("approve", {ham[i]});
  }
  const SiteModel incremental = stored_model();
  ASSERT_EQ(incremental.decisions(), 120u);
  ASSERT_LT(incremental.spam_examples(), 60.0) << "the 100th decision decayed the counts";
  server_.reset();
  const auto trained = run_cli({"spam", "train", "--db", db});
  ASSERT_EQ(trained.first, 0);
  EXPECT_EQ(stored_model().to_json(), incremental.to_json());
  // The same, computed here from the bodies in judgement order.
  SiteModel replay;
  for (std::size_t i = 0; i < spam.size(); ++i) {
    replay.learn(bakery(static_cast<int>(2 * i)), true);
    replay.learn(discussion(static_cast<int>(2 * i + 1)), false);
  }
  EXPECT_EQ(replay.to_json(), incremental.to_json());
}

TEST_F(SiteLearning, AnExportedModelImportsAndServesElsewhere) {
  const std::string db = test_database(dir_, "site.db");
  const auto [spam, ham] = seed(db, 25);
  start(learning_config(dir_));
  judge("reject", spam);
  judge("approve", ham);
  server_.reset();
  const auto exported = run_cli({"spam", "export-model", "--db", db});
  ASSERT_EQ(exported.first, 0);
  const auto parsed = SiteModel::from_json(exported.second);
  ASSERT_TRUE(parsed) << parsed.error().message;
  EXPECT_EQ(parsed->decisions(), 50u);
  const std::string file = dir_.file("model.json");
  std::ofstream(file) << exported.second;

  const std::string other = test_database(dir_, "other.db");
  ASSERT_EQ(run_cli({"spam", "import-model", "--db", other, file}).first, 0);
  EXPECT_EQ(run_cli({"spam", "export-model", "--db", other}).second, exported.second);
  EXPECT_EQ(run_cli({"spam", "import-model", "--db", other, dir_.file("missing.json")}).first, 2);

  // The CLI checks with it: the same comment is held with the model and passes without it.
  const std::string csv = dir_.file("one.csv");
  std::ofstream(csv) << "COMMENT_ID,AUTHOR,CONTENT\nc1,Ann,\"" << bakery(4000) << "\"\n";
  EXPECT_EQ(run_cli({"spam", "check", "--format", "youtube-csv", "--model", "none", csv}).second.substr(0, 28),
            "COMMENT_ID,CLASS,SCORE\nc1,0,");
  EXPECT_EQ(run_cli({"spam", "check", "--format", "youtube-csv", "--model", "none", "--site-model", file, csv})
                .second.substr(0, 28),
            "COMMENT_ID,CLASS,SCORE\nc1,1,");
  EXPECT_EQ(run_cli({"spam", "--format", "youtube-csv", "--site-model", dir_.file("missing.json"), csv}).first, 2);

  // serve --site-model on a database that has learnt nothing: held from the first POST.
  auto config = learning_config(dir_, "third.db");
  config.site_model_file = file;
  start(config);
  const auto held = post(bakery(2000));
  EXPECT_EQ(held.first, "pending");
  EXPECT_TRUE(has(held.second, "site_model"));
}

TEST_F(SiteLearning, MigrateCopiesTheModelAndWhatEachCommentTaughtIt) {
  const std::string db = test_database(dir_, "site.db");
  const auto [spam, ham] = seed(db, 25);
  start(learning_config(dir_));
  judge("reject", spam);
  judge("approve", ham);
  server_.reset();
  const std::string learnt = stored_model().to_json();
  auto from = server::open_storage(db);
  auto to = server::open_storage(test_database(dir_, "copy.db"));
  ASSERT_TRUE(from && to);
  auto copied = server::copy_storage(**from, **to);
  ASSERT_TRUE(copied) << copied.error().message;
  auto model = (*to)->load_site_model();
  ASSERT_TRUE(model);
  EXPECT_EQ(model->to_json(), learnt);
  // The markers came along: reversing a judgement on the copy moves its counts, it does not add to them.
  from->reset();
  to->reset();
  auto config = learning_config(dir_, "copy.db");
  start(config);
  judge("approve", {spam[0]});
  const SiteModel moved = stored_model();
  EXPECT_EQ(moved.decisions(), 50u);
  EXPECT_NEAR(moved.spam_examples(), 24.0, 1e-9);
  EXPECT_NEAR(moved.ham_examples(), 26.0, 1e-9);
}

TEST_F(SiteLearning, AnUnreadableModelFileRefusesToStartWithItsName) {
  std::ofstream(dir_.file("bad.json")) << R"({"format": "soundoff-site-model", "version": 2})";
  auto config = learning_config(dir_);
  config.site_model_file = dir_.file("bad.json");
  auto server = server::CommentServer::create(config);
  ASSERT_FALSE(server);
  EXPECT_NE(server.error().message.find("bad.json"), std::string::npos) << server.error().message;
  EXPECT_NE(server.error().message.find("version"), std::string::npos) << server.error().message;
}

TEST_F(SiteLearning, AnotherInstanceUsesWhatOneLearnt) {
  if (!testing_postgres()) GTEST_SKIP() << "several instances need a shared database: this runs on PostgreSQL";
  const std::string db = test_database(dir_, "site.db");
  const auto [spam, ham] = seed(db, 25);
  start(learning_config(dir_));
  InProcessServer other(learning_config(dir_));
  EXPECT_EQ(post(other, bakery(3000)).first, "published") << "the other instance has loaded the empty model";
  judge("reject", spam);
  judge("approve", ham);
  bool held = false;
  const auto start_time = Clock::now();
  while (!held && Clock::now() - start_time < std::chrono::seconds(2)) {
    held = has(post(other, bakery(3001 + posts_)).second, "site_model");
    if (!held) std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  EXPECT_TRUE(held) << "the other instance still checks with the old model two seconds later";
}

TEST_F(SiteLearning, TwoInstancesJudgingAtOnceLoseNoCount) {
  if (!testing_postgres()) GTEST_SKIP() << "several instances need a shared database: this runs on PostgreSQL";
  const std::string db = test_database(dir_, "site.db");
  // Not a structured binding: clang 14 cannot capture those in a lambda.
  const auto seeded = seed(db, 40);  // 80 decisions: no decay step, so the order does not matter
  const auto& spam = seeded.first;
  const auto& ham = seeded.second;
  start(learning_config(dir_));
  InProcessServer other(learning_config(dir_));
  std::thread a([&] {
    for (const auto& id : spam) judge("reject", {id});
  });
  std::thread b([&] {
    for (const auto& id : ham) judge(other, "approve", {id});
  });
  a.join();
  b.join();
  const SiteModel model = stored_model();
  EXPECT_EQ(model.decisions(), 80u);
  EXPECT_EQ(model.spam_examples(), 40.0);
  EXPECT_EQ(model.ham_examples(), 40.0);
  SiteModel replay;
  for (std::size_t i = 0; i < spam.size(); ++i) {
    replay.learn(bakery(static_cast<int>(2 * i)), true);
    replay.learn(discussion(static_cast<int>(2 * i + 1)), false);
  }
  EXPECT_EQ(model.to_json(), replay.to_json()) << "a count was lost or doubled between the instances";
}

}  // namespace
}  // namespace soundoff::test
