// Bans over real HTTP on both backends: each kind (author by name key,
// email, network /24 and /64, exact address), on comments, votes and
// reports; expiry; shadow bans that look published but are stored as spam;
// lifting; listing; bad input.
#include <thread>

#include "server/desk_support.h"
#include "soundoff/time.h"

namespace soundoff::test {
namespace {

using nlohmann::json;

const std::string kThread = "/api/threads/article-9/comments";

std::int64_t wall_ms() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::system_clock::now().time_since_epoch())
      .count();
}

class DeskBans : public ::testing::Test {
 protected:
  DeskBans() : desk_([](server::ServerConfig& c) { c.trusted_proxies = {"127.0.0.1"}; }) {
    desk_.seed({desk_comment("article-9", "Published before any ban", Status::published)});
    desk_.start();
  }
  // A comment from `address` (X-Forwarded-For, through the trusted proxy 127.0.0.1).
  httplib::Result comment(const std::string& author, const std::string& email = "",
                          const std::string& address = "198.51.100.20") {
    json j = {{"author", author}, {"body", "Hello from " + author}};
    if (!email.empty()) j["email"] = email;
    return desk_.post(kThread, j, {{"X-Forwarded-For", address}});
  }
  int comment_status(const std::string& author, const std::string& email = "",
                     const std::string& address = "198.51.100.20") {
    auto res = comment(author, email, address);
    return res ? res->status : 0;
  }
  json ban(const json& body) {
    auto res = desk_.post("/api/admin/bans", body);
    EXPECT_TRUE(res);
    EXPECT_EQ(res ? res->status : 0, 201) << (res ? res->body : "");
    return body_json(res);
  }
  DeskServer desk_;
};

TEST_F(DeskBans, AnAuthorBanMatchesTheNameKey) {
  const json b = ban({{"kind", "author"}, {"value", "Rascal Rabble"}, {"reason", "abuse"}});
  EXPECT_EQ(b["value"], "rascalrabble");
  EXPECT_EQ(b["kind"], "author");
  EXPECT_EQ(b["by"], "token");
  EXPECT_TRUE(b["expires"].is_null());
  auto refused = comment("rascal_rabble!");
  ASSERT_TRUE(refused);
  EXPECT_EQ(refused->status, 403);
  EXPECT_EQ(body_json(refused), (json{{"code", "banned"}, {"message", "you may not comment here"}}));
  EXPECT_EQ(comment_status("Someone Else"), 201);
}

TEST_F(DeskBans, AnEmailBanIgnoresCase) {
  ban({{"kind", "email"}, {"value", "Troll@Example.ORG"}});
  EXPECT_EQ(comment_status("A", "troll@example.org"), 403);
  EXPECT_EQ(comment_status("A", "TROLL@EXAMPLE.org"), 403);
  EXPECT_EQ(comment_status("A", "friend@example.org"), 201);
  EXPECT_EQ(comment_status("A"), 201);
}

TEST_F(DeskBans, NetworkBansCoverTheIpv4Slash24AndTheIpv6Slash64) {
  EXPECT_EQ(ban({{"kind", "network"}, {"value", "198.51.100.77"}})["value"], "198.51.100.0/24");
  EXPECT_EQ(ban({{"kind", "network"}, {"value", "2001:db8:1:2::5"}})["value"], "2001:db8:1:2::/64");
  EXPECT_EQ(comment_status("A", "", "198.51.100.20"), 403);
  EXPECT_EQ(comment_status("A", "", "198.51.101.20"), 201);
  EXPECT_EQ(comment_status("A", "", "2001:db8:1:2:ffff::1"), 403);
  EXPECT_EQ(comment_status("A", "", "2001:db8:1:3::1"), 201);
}

TEST_F(DeskBans, AnAddressBanIsThatAddressOnly) {
  EXPECT_EQ(ban({{"kind", "address"}, {"value", "2001:DB8::0:7"}})["value"], "2001:db8::7");
  ban({{"kind", "address"}, {"value", "198.51.100.20"}});
  EXPECT_EQ(comment_status("A", "", "198.51.100.20"), 403);
  EXPECT_EQ(comment_status("A", "", "198.51.100.21"), 201);
  EXPECT_EQ(comment_status("A", "", "2001:db8::7"), 403);
  EXPECT_EQ(comment_status("A", "", "2001:db8::8"), 201);
}

TEST_F(DeskBans, VotesAndReportsAreCheckedToo) {
  ban({{"kind", "network"}, {"value", "198.51.100.0/24"}, {"shadow", true}});
  const httplib::Headers banned = {{"X-Forwarded-For", "198.51.100.9"}};
  for (const std::string path : {"/api/comments/1/vote", "/api/comments/1/report"}) {
    auto res = desk_.post(path, {{"value", 1}}, banned);
    ASSERT_TRUE(res);
    EXPECT_EQ(res->status, 403) << path;
    EXPECT_EQ(body_json(res)["code"], "banned");
    EXPECT_EQ(body_json(res)["message"], "you may not vote or report here");
    auto other = desk_.post(path, {{"value", 1}}, {{"X-Forwarded-For", "192.0.2.9"}});
    ASSERT_TRUE(other);
    EXPECT_EQ(other->status, 200) << path;
  }
}

TEST_F(DeskBans, AShadowBanLooksPublishedButReadersNeverSeeIt) {
  ban({{"kind", "author"}, {"value", "Sneaky"}, {"shadow", true}});
  auto res = comment("sneaky");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 201);
  const json created = body_json(res);
  EXPECT_EQ(created["status"], "published");
  const json page = desk_.page("article-9");
  EXPECT_EQ(page["total"], 1) << "only the comment from before the ban";
  const json spam = desk_.get_json("/api/admin/queue/spam")["comments"];
  ASSERT_EQ(spam.size(), 1u);
  EXPECT_EQ(spam[0]["id"], created["id"]);
  EXPECT_EQ(spam[0]["reasons"], json::array({"shadow_ban"}));
  EXPECT_EQ(desk_.ids("/api/admin/queue/spam?reason=shadow_ban").size(), 1u);
}

TEST_F(DeskBans, APlainBanWinsOverAShadowBan) {
  ban({{"kind", "author"}, {"value", "Both"}, {"shadow", true}});
  ban({{"kind", "email"}, {"value", "both@example.org"}});
  EXPECT_EQ(comment_status("Both", "both@example.org"), 403);
  EXPECT_EQ(comment_status("Both", "other@example.org"), 201);
}

TEST_F(DeskBans, ExpiredBansDoNotApplyAndAreListedAfterActiveOnes) {
  const json old = ban({{"kind", "author"}, {"value", "Past"}, {"expires", "2020-01-01T00:00:00Z"}});
  EXPECT_EQ(old["expires"], "2020-01-01T00:00:00Z");
  EXPECT_EQ(comment_status("Past"), 201);
  const std::string soon = format_iso8601(wall_ms() + 1500);
  ban({{"kind", "author"}, {"value", "Soon"}, {"expires", soon}});
  const json active = ban({{"kind", "author"}, {"value", "Forever"}});
  EXPECT_EQ(comment_status("Soon"), 403);
  const json list = desk_.get_json("/api/admin/bans");
  ASSERT_EQ(list["bans"].size(), 3u);
  EXPECT_EQ(list["bans"][0]["id"], active["id"]);
  EXPECT_EQ(list["bans"][2]["id"], old["id"]);
  std::this_thread::sleep_for(std::chrono::milliseconds(1700));
  EXPECT_EQ(comment_status("Soon"), 201) << "a ban that expires while loaded stops applying";
  EXPECT_EQ(comment_status("Forever"), 403);
}

TEST_F(DeskBans, BansPageWithACursor) {
  for (int i = 0; i < 5; ++i) ban({{"kind", "author"}, {"value", "Name " + std::to_string(i)}});
  ban({{"kind", "author"}, {"value", "Gone"}, {"expires", "2020-01-01T00:00:00Z"}});
  std::vector<std::string> seen;
  std::string cursor;
  for (int guard = 0; guard < 10; ++guard) {
    const json page = desk_.get_json("/api/admin/bans?limit=2" + (cursor.empty() ? "" : "&cursor=" + cursor));
    for (const auto& b : page["bans"]) seen.push_back(b["value"]);
    if (page["next_cursor"].is_null()) break;
    cursor = page["next_cursor"];
  }
  EXPECT_EQ(seen, (std::vector<std::string>{"name4", "name3", "name2", "name1", "name0", "gone"}));
  auto bad = desk_.get("/api/admin/bans?cursor=zzz");
  ASSERT_TRUE(bad);
  EXPECT_EQ(bad->status, 400);
  EXPECT_EQ(desk_.get("/api/admin/bans?colour=red")->status, 400);
}

TEST_F(DeskBans, LiftingABanLetsThePosterBack) {
  const json b = ban({{"kind", "author"}, {"value", "Forgiven"}});
  EXPECT_EQ(comment_status("Forgiven"), 403);
  auto lifted = desk_.post("/api/admin/bans/" + b["id"].get<std::string>() + "/delete", json::object());
  ASSERT_TRUE(lifted);
  EXPECT_EQ(lifted->status, 200);
  EXPECT_EQ(comment_status("Forgiven"), 201);
  EXPECT_EQ(desk_.post("/api/admin/bans/" + b["id"].get<std::string>() + "/delete", json::object())->status, 404);
  EXPECT_EQ(desk_.post("/api/admin/bans/nope/delete", json::object())->status, 404);
  EXPECT_TRUE(desk_.get_json("/api/admin/bans")["bans"].empty());
}

TEST_F(DeskBans, BadBansAre400AndNeedAModerator) {
  for (const json& body :
       {json{{"kind", "planet"}, {"value", "x"}}, json{{"kind", "author"}, {"value", "!!!"}},
        json{{"kind", "email"}, {"value", "not-an-email"}}, json{{"kind", "network"}, {"value", "198.51.0.0/16"}},
        json{{"kind", "address"}, {"value", "198.51.100.0/24"}}, json{{"kind", "author"}},
        json{{"kind", "author"}, {"value", "A"}, {"expires", "tomorrow"}},
        json{{"kind", "author"}, {"value", "A"}, {"shadow", "yes"}}}) {
    auto res = desk_.post("/api/admin/bans", body);
    ASSERT_TRUE(res);
    EXPECT_EQ(res->status, 400) << body.dump();
    EXPECT_EQ(body_json(res)["code"], "invalid_ban") << body.dump();
  }
  auto anonymous = desk_.post("/api/admin/bans", {{"kind", "author"}, {"value", "A"}}, {});
  ASSERT_TRUE(anonymous);
  EXPECT_EQ(anonymous->status, 401);
  EXPECT_TRUE(desk_.get_json("/api/admin/bans")["bans"].empty());
}

TEST(DeskBansPersist, BansSurviveARestart) {
  DeskServer desk;
  desk.start();
  ASSERT_EQ(desk.post("/api/admin/bans", {{"kind", "author"}, {"value", "Stays"}})->status, 201);
  desk.start();  // a new server on the same database
  auto res = desk.post("/api/threads/t/comments", {{"author", "Stays"}, {"body", "hello"}}, {});
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 403);
}

}  // namespace
}  // namespace soundoff::test
