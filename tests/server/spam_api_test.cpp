// The core spam check deciding new comments over real HTTP: held comments go
// to the moderation queue with reason codes, rejected ones are marked spam,
// legitimate bursts are published. Uses the documented default policy.
#include <gtest/gtest.h>

#include <fstream>

#include "server/server_harness.h"
#include "soundoff/document.h"
#include "support/fixtures.h"

namespace soundoff::test {
namespace {

using nlohmann::json;

const std::string kPath = "/api/threads/spam-article/comments";
const httplib::Headers kAdmin = {{"Authorization", "Bearer sesame-0123456789abcdef0123456789abcdef"}};

class SpamApi : public ::testing::Test {
 protected:
  SpamApi() : server_(config()) {}
  server::ServerConfig config() {
    auto c = test_config(dir_);
    c.admin_token = "sesame-0123456789abcdef0123456789abcdef";
    c.trusted_proxies = {"127.0.0.1"};  // so each test author can come from its own address
    c.spam_policy = SpamPolicy{};       // the defaults, flood rule included
    auto banned = parse_spam_policy(R"({"banned_words": ["viagra"]})");
    c.spam_policy.banned_words = banned->banned_words;
    return c;
  }
  json post(const std::string& author, const std::string& body) {
    const json j = {{"author", author}, {"body", body}};
    const std::string ip = "198.51." + std::to_string(author.size()) + "." + std::to_string(author[0]);
    auto res = post_json(*server_.client(), kPath, j.dump(), {{"X-Forwarded-For", ip}});
    EXPECT_TRUE(res && res->status == 201) << (res ? res->body : "no response");
    return body_json(res);
  }
  json queue() { return body_json(server_.client()->Get("/api/moderation/queue", kAdmin))["comments"]; }
  std::vector<std::string> queued_reasons(const std::string& id) {
    for (const auto& c : queue())
      if (c["id"] == id) return c["reasons"].get<std::vector<std::string>>();
    return {};
  }
  TempDir dir_;
  InProcessServer server_;
};

bool has_code(const std::vector<std::string>& reasons, const std::string& code) {
  for (const auto& r : reasons)
    if (r.rfind(code + ":", 0) == 0) return true;
  return false;
}

TEST_F(SpamApi, ThePolicyIsPublishedForPreChecksWithoutItsWordLists) {
  auto res = server_.client()->Get("/api/spam-policy");
  ASSERT_TRUE(res && res->status == 200);
  const auto policy = parse_spam_policy(res->body);
  ASSERT_TRUE(policy.ok()) << res->body;
  EXPECT_EQ(policy->link_hold_at, 2u);
  EXPECT_EQ(policy->flood_burst, 5u);
  EXPECT_TRUE(policy->banned_words.empty()) << "the server's banned words stay private";
  EXPECT_EQ(res->body.find("viagra"), std::string::npos);
}

TEST_F(SpamApi, TwoLinksAreHeldWithTheLinkLimitReason) {
  const json c = post("Ann", "see http://a.example/one and http://b.example/two for the full story");
  EXPECT_EQ(c["status"], "pending");
  EXPECT_TRUE(has_code(queued_reasons(c["id"]), "link_limit"));
  EXPECT_EQ(body_json(server_.client()->Get(kPath))["total"], 0);
}

TEST_F(SpamApi, BannedWordsInDisguiseAreMarkedSpamAndNeverShown) {
  const json c = post("Bob", "cheap v1@gra here");
  EXPECT_EQ(c["status"], "spam");
  EXPECT_EQ(body_json(server_.client()->Get(kPath))["total"], 0);
}

// The seed page's hard cases through the API. The API stamps comments with
// the server's clock, so the replay is instant: Mary's five comments in a row
// fit the burst allowance (core tests replay her real minutes, including the
// later ones), and Rascal Rabble's respelled repeat is held.
TEST_F(SpamApi, SeedThreadMarysBurstIsPublishedAndRascalsRepeatIsHeld) {
  auto document = parse_document(read_fixture("seed-thread.json"));
  ASSERT_TRUE(document.ok());
  std::map<std::string, std::string> status_of;
  for (const auto& c : document->comments) {
    const bool wanted =
        c.id == "3" || c.id == "4" || c.id == "5" || c.id == "6" || c.id == "7" || c.id == "9" || c.id == "11";
    if (wanted) status_of[c.id] = post(c.author, c.body)["status"];
  }
  for (const char* mary : {"3", "4", "5", "6", "7"}) EXPECT_EQ(status_of[mary], "published") << mary;
  EXPECT_EQ(status_of["9"], "published");
  EXPECT_EQ(status_of["11"], "pending");  // the near-duplicate with one word respelled
  const json q = queue();
  ASSERT_EQ(q.size(), 1u);
  EXPECT_TRUE(has_code(q[0]["reasons"].get<std::vector<std::string>>(), "near_duplicate"));
}

TEST(SpamConfig, APolicyInTheConfigFileIsReadAndABadOneNamesTheField) {
  TempDir dir;
  {
    std::ofstream(dir.file("good.json")) << R"({"spam_policy": {"links": {"hold_at": 3}, "banned_words": ["casino"]}})";
    std::ofstream(dir.file("bad.json")) << R"({"spam_policy": {"links": {"hold_at": "two"}}})";
  }
  auto good = server::load_config_file(dir.file("good.json"), server::ServerConfig{});
  ASSERT_TRUE(good.ok()) << good.error().message;
  EXPECT_EQ(good->spam_policy.link_hold_at, 3u);
  auto bad = server::load_config_file(dir.file("bad.json"), server::ServerConfig{});
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.error().code, "invalid_config");
  EXPECT_NE(bad.error().message.find("links.hold_at"), std::string::npos);
}

}  // namespace
}  // namespace soundoff::test
