// Moderation over real HTTP: the Bearer token, the queue, approve, reject,
// delete.
#include <gtest/gtest.h>

#include "server/server_harness.h"

namespace soundoff::test {
namespace {

using nlohmann::json;

const std::string kPath = "/api/threads/article-3/comments";
const httplib::Headers kAdmin = {{"Authorization", "Bearer correct-horse-battery-staple-0123456789"}};

class ModerationApi : public ::testing::Test {
 protected:
  ModerationApi() : server_(config()) {}
  server::ServerConfig config() {
    auto c = test_config(dir_);
    c.admin_token = "correct-horse-battery-staple-0123456789";
    c.hold_all = true;  // premoderation: every comment lands in the queue
    return c;
  }
  json post(const std::string& body, const std::string& parent = "") {
    json j = {{"author", "A"}, {"body", body}, {"email", "a@example.org"}};
    if (!parent.empty()) j["parent"] = parent;
    return body_json(post_json(*server_.client(), kPath, j.dump()));
  }
  httplib::Result decide(const std::string& id, const std::string& action, const httplib::Headers& h = kAdmin) {
    return post_json(*server_.client(), "/api/comments/" + id + "/" + action, "", h);
  }
  json page() { return body_json(server_.client()->Get(kPath + "?per_page=1000")); }
  json queue() { return body_json(server_.client()->Get("/api/moderation/queue", kAdmin))["comments"]; }
  TempDir dir_;
  InProcessServer server_;
};

TEST_F(ModerationApi, HeldCommentsWaitInTheQueueWithBodyAndReasons) {
  const json created = post("please approve me");
  EXPECT_EQ(created["status"], "pending");
  EXPECT_FALSE(created.contains("reasons")) << "why it was held is for moderators only";
  EXPECT_EQ(page()["total"], 0);
  const json q = queue();
  ASSERT_EQ(q.size(), 1u);
  EXPECT_EQ(q[0]["id"], created["id"]);
  EXPECT_EQ(q[0]["body"], "please approve me");
  EXPECT_EQ(q[0]["email"], "a@example.org");
  EXPECT_EQ(q[0]["thread"], "article-3");
  ASSERT_TRUE(q[0]["reasons"].is_array());
  ASSERT_FALSE(q[0]["reasons"].empty());
  EXPECT_EQ(q[0]["reasons"].back(), "premoderation: every new comment waits for a moderator");
}

TEST_F(ModerationApi, ApprovePublishesAndEmptiesTheQueue) {
  const std::string id = post("ok")["id"];
  auto res = decide(id, "approve");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 200);
  EXPECT_EQ(body_json(res)["status"], "published");
  EXPECT_EQ(page()["total"], 1);
  EXPECT_TRUE(queue().empty());
}

TEST_F(ModerationApi, RejectMarksSpamAndKeepsItHidden) {
  const std::string id = post("buy now")["id"];
  auto res = decide(id, "reject");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 200);
  EXPECT_EQ(body_json(res)["status"], "spam");
  EXPECT_EQ(page()["total"], 0);
  ASSERT_EQ(queue().size(), 1u);
  EXPECT_EQ(queue()[0]["status"], "spam");
}

TEST_F(ModerationApi, DeletingAParentLeavesATombstoneForItsReplies) {
  const std::string parent = post("parent")["id"];
  ASSERT_EQ(decide(parent, "approve")->status, 200);
  const std::string reply = post("reply", parent)["id"];
  ASSERT_EQ(decide(reply, "approve")->status, 200);
  auto res = decide(parent, "delete");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 200);
  const json p = page();
  EXPECT_EQ(p["total"], 1);
  ASSERT_EQ(p["items"].size(), 1u);
  EXPECT_EQ(p["items"][0]["tombstone"], true);
  EXPECT_TRUE(p["items"][0]["body"].is_null());
  EXPECT_EQ(p["items"][0]["children"][0]["id"], reply);
}

TEST_F(ModerationApi, MissingTokenIs401AndWrongTokenIs403) {
  const std::string id = post("x")["id"];
  auto client = server_.client();
  auto none = client->Get("/api/moderation/queue");
  ASSERT_TRUE(none);
  EXPECT_EQ(none->status, 401);
  EXPECT_NE(none->get_header_value("WWW-Authenticate").find("Bearer"), std::string::npos);
  for (const httplib::Headers& h :
       {httplib::Headers{{"Authorization", "Bearer wrong"}},
        httplib::Headers{{"Authorization", "Bearer correct-horse-battery-staple-012345678"}},
        httplib::Headers{{"Authorization", "Bearer correct-horse-battery-staple-0123456789x"}}}) {
    auto res = client->Get("/api/moderation/queue", h);
    ASSERT_TRUE(res);
    EXPECT_EQ(res->status, 403);
    EXPECT_EQ(decide(id, "approve", h)->status, 403);
  }
  for (const httplib::Headers& h :
       {httplib::Headers{{"Authorization", "Basic Y29ycmVjdC1ob3JzZQ=="}},
        httplib::Headers{{"Authorization", "correct-horse"}}, httplib::Headers{{"Authorization", "Bearer "}}}) {
    EXPECT_EQ(client->Get("/api/moderation/queue", h)->status, 401);
    EXPECT_EQ(decide(id, "delete", h)->status, 401);
  }
  EXPECT_EQ(page()["total"], 0) << "nothing was approved";
  EXPECT_EQ(queue().size(), 1u);
}

TEST_F(ModerationApi, DecisionsOnUnknownIdsAre404) {
  for (const char* action : {"approve", "reject", "delete"}) {
    auto res = decide("424242", action);
    ASSERT_TRUE(res);
    EXPECT_EQ(res->status, 404) << action;
  }
}

TEST(ModerationDisabled, WithoutAConfiguredTokenEveryTokenIs403) {
  TempDir dir;
  auto config = test_config(dir);
  config.admin_token.clear();
  InProcessServer server(config);
  auto res = server.client()->Get("/api/moderation/queue", {{"Authorization", "Bearer "}});
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 401);
  res = server.client()->Get("/api/moderation/queue", {{"Authorization", "Bearer anything"}});
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 403);
  EXPECT_EQ(body_json(res)["code"], "moderation_disabled");
}

}  // namespace
}  // namespace soundoff::test
