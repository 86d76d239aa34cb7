// Reports and votes over real HTTP: once per client, the hiding threshold,
// unknown ids.
#include <gtest/gtest.h>

#include "server/server_harness.h"

namespace soundoff::test {
namespace {

using nlohmann::json;

const std::string kPath = "/api/threads/article-2/comments";

class ActionApi : public ::testing::Test {
 protected:
  ActionApi() : server_(config()) {}
  server::ServerConfig config() {
    auto c = test_config(dir_);
    // Tests play several readers by sending X-Forwarded-For through a "proxy".
    c.trusted_proxies = {"127.0.0.1"};
    c.report_threshold = 2;
    c.admin_token = "s3cret-0123456789abcdef0123456789ab";
    return c;
  }
  std::string post(const std::string& body) {
    return body_json(post_json(*server_.client(), kPath, R"({"author":"A","body":")" + body + "\"}"))["id"];
  }
  httplib::Result act(const std::string& id, const std::string& action, const std::string& reader,
                      const std::string& body = "{}") {
    return post_json(*server_.client(), "/api/comments/" + id + "/" + action, body, {{"X-Forwarded-For", reader}});
  }
  json page() { return body_json(server_.client()->Get(kPath + "?per_page=1000")); }
  TempDir dir_;
  InProcessServer server_;
};

TEST_F(ActionApi, AReaderCanReportACommentOnce) {
  const std::string id = post("spammy");
  auto first = act(id, "report", "10.0.0.1");
  ASSERT_TRUE(first);
  EXPECT_EQ(first->status, 200);
  EXPECT_EQ(body_json(first)["reports"], 1);
  EXPECT_EQ(body_json(first)["status"], "published");
  auto again = act(id, "report", "10.0.0.1");
  ASSERT_TRUE(again);
  EXPECT_EQ(again->status, 409);
  EXPECT_EQ(body_json(again)["code"], "already_reported");
  EXPECT_EQ(page()["total"], 1);
}

TEST_F(ActionApi, ReachingTheReportThresholdHidesTheCommentPendingReview) {
  const std::string id = post("awful");
  post("fine");
  ASSERT_EQ(act(id, "report", "10.0.0.1")->status, 200);
  auto second = act(id, "report", "10.0.0.2");
  ASSERT_TRUE(second);
  EXPECT_EQ(second->status, 200);
  EXPECT_EQ(body_json(second)["status"], "pending");
  const json p = page();
  EXPECT_EQ(p["total"], 1);
  EXPECT_EQ(p["items"][0]["body"], "fine");
  auto queue =
      server_.client()->Get("/api/moderation/queue", {{"Authorization", "Bearer s3cret-0123456789abcdef0123456789ab"}});
  ASSERT_TRUE(queue);
  const json held = body_json(queue)["comments"];
  ASSERT_EQ(held.size(), 1u);
  EXPECT_EQ(held[0]["id"], id);
  EXPECT_EQ(held[0]["reasons"], json::array({"reported"}));
  EXPECT_EQ(held[0]["reports"], 2);
  // Hidden comments cannot be reported further.
  EXPECT_EQ(act(id, "report", "10.0.0.3")->status, 404);
}

// Approval resets the count (issue 15): otherwise one more report undoes a moderator's decision.
TEST_F(ActionApi, ACommentApprovedAfterReportsNeedsTheWholeThresholdAgain) {
  const std::string id = post("disputed");
  ASSERT_EQ(act(id, "report", "10.0.0.1")->status, 200);
  ASSERT_EQ(act(id, "report", "10.0.0.2")->status, 200);
  auto approve = post_json(*server_.client(), "/api/comments/" + id + "/approve", "",
                           {{"Authorization", "Bearer s3cret-0123456789abcdef0123456789ab"}});
  ASSERT_TRUE(approve);
  ASSERT_EQ(approve->status, 200);
  EXPECT_EQ(page()["total"], 1);
  auto third = act(id, "report", "10.0.0.3");
  ASSERT_TRUE(third);
  EXPECT_EQ(body_json(third)["status"], "published");
  EXPECT_EQ(body_json(third)["reports"], 1);
  EXPECT_EQ(page()["total"], 1);
  auto fourth = act(id, "report", "10.0.0.4");
  ASSERT_TRUE(fourth);
  EXPECT_EQ(body_json(fourth)["status"], "pending");
  EXPECT_EQ(page()["total"], 0) << "the cached page follows the database";
}

TEST_F(ActionApi, VotesCountOncePerVoterAndMoveTheScore) {
  const std::string id = post("good point");
  auto up = act(id, "vote", "10.0.0.1", R"({"value":1})");
  ASSERT_TRUE(up);
  EXPECT_EQ(up->status, 200);
  EXPECT_EQ(body_json(up)["up"], 1);
  auto down = act(id, "vote", "10.0.0.2", R"({"value":-1})");
  auto up2 = act(id, "vote", "10.0.0.3", R"({"value":1})");
  ASSERT_TRUE(down && up2);
  EXPECT_EQ(body_json(up2)["score"], 1);
  auto twice = act(id, "vote", "10.0.0.1", R"({"value":-1})");
  ASSERT_TRUE(twice);
  EXPECT_EQ(twice->status, 409);
  EXPECT_EQ(body_json(twice)["code"], "already_voted");
  const json c = page()["items"][0];
  EXPECT_EQ(c["up"], 2);
  EXPECT_EQ(c["down"], 1);
  EXPECT_EQ(c["score"], 1);
}

TEST_F(ActionApi, VoteValueMustBePlusOrMinusOne) {
  const std::string id = post("x");
  for (const char* body :
       {R"({"value":2})", R"({"value":0})", R"({"value":"1"})", R"({"value":1.0})", R"({})", R"({"value":null})"}) {
    auto res = act(id, "vote", "10.0.0.9", body);
    ASSERT_TRUE(res) << body;
    EXPECT_EQ(res->status, 400) << body;
    EXPECT_EQ(body_json(res)["code"], "invalid_vote") << body;
  }
  auto not_json = server_.client()->Post(("/api/comments/" + id + "/vote").c_str(), "value=1", "text/plain");
  ASSERT_TRUE(not_json);
  EXPECT_EQ(not_json->status, 415);
  auto broken = act(id, "vote", "10.0.0.9", "{value:1}");
  ASSERT_TRUE(broken);
  EXPECT_EQ(broken->status, 400);
  EXPECT_EQ(page()["items"][0]["up"], 0);
}

TEST_F(ActionApi, UnknownCommentIdsAre404) {
  for (const char* id : {"999999", "abc", "0", "007", "-1", "1e3", "99999999999999999999999"}) {
    auto report = act(id, "report", "10.0.0.1");
    auto vote = act(id, "vote", "10.0.0.1", R"({"value":1})");
    ASSERT_TRUE(report && vote) << id;
    EXPECT_EQ(report->status, 404) << id;
    EXPECT_EQ(vote->status, 404) << id;
  }
}

TEST(ActionApiLimits, ReportsAndVotesAreRateLimitedPerIp) {
  TempDir dir;
  auto config = test_config(dir);
  config.action_limit = {1, 2};
  InProcessServer server(config);
  auto client = server.client();
  const std::string id = body_json(post_json(*client, kPath, R"({"author":"A","body":"x"})"))["id"];
  EXPECT_EQ(post_json(*client, "/api/comments/" + id + "/vote", R"({"value":1})")->status, 200);
  EXPECT_EQ(post_json(*client, "/api/comments/" + id + "/report", "{}")->status, 200);
  auto refused = post_json(*client, "/api/comments/" + id + "/report", "{}");
  ASSERT_TRUE(refused);
  EXPECT_EQ(refused->status, 429);
  EXPECT_FALSE(refused->get_header_value("Retry-After").empty());
}

}  // namespace
}  // namespace soundoff::test
