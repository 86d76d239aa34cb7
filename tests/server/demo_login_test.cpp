// The demo page's "log in as a reader" switch (server/demo_login.h) over
// loopback: only with identity.demo_login; the token it mints signs a post
// in as that name (staff when asked); bad names are 400s naming the rule.
#include <gtest/gtest.h>

#include "server/server_harness.h"
#include "server/sso_token.h"

namespace soundoff::test {
namespace {

using nlohmann::json;

const std::string kPath = "/api/threads/demo-login/comments";

class DemoLogin : public ::testing::Test {
 protected:
  void start(bool demo_login) {
    auto c = test_config(dir_);
    c.spam_policy = SpamPolicy{};
    c.identity.mode = "optional";
    c.identity.algorithm = "HS256";
    c.identity.secret = "demo-secret-0123456789abcdef0123456789abcdef";
    c.identity.staff_roles = {"staff"};
    c.identity.demo_login = demo_login;
    server_ = std::make_unique<InProcessServer>(c);
  }
  httplib::Result login(const json& body) { return post_json(*server_->client(), "/demo/login", body.dump()); }
  TempDir dir_;
  std::unique_ptr<InProcessServer> server_;
};

TEST_F(DemoLogin, WithoutTheSwitchThereIsNoRouteAndNoFormOnTheDemoPage) {
  start(false);
  const auto res = login({{"name", "Mary"}});
  ASSERT_TRUE(res);
  EXPECT_TRUE(res->status == 404 || res->status == 405) << res->status;  // /demo/{thread} is GET only
  const auto page = server_->client()->Get("/demo/an-article");
  ASSERT_TRUE(page && page->status == 200);
  EXPECT_EQ(page->body.find("id=\"demo-login\""), std::string::npos);
  EXPECT_EQ(page->body.find("/demo-login.js"), std::string::npos);
}

TEST_F(DemoLogin, TheMintedTokenSignsAPostInAsThatNameAndReservesIt) {
  start(true);
  const auto page = server_->client()->Get("/demo/an-article");
  ASSERT_TRUE(page);
  EXPECT_NE(page->body.find("<form id=\"demo-login\""), std::string::npos);
  EXPECT_NE(page->body.find("<script src=\"/demo-login.js\" defer>"), std::string::npos);

  const auto minted = login({{"name", "Mary Reader"}});
  ASSERT_TRUE(minted && minted->status == 200) << (minted ? minted->body : "no response");
  const json answer = body_json(minted);
  const std::string token = answer["token"];
  EXPECT_GT(answer["expires"].get<std::int64_t>(), 0);
  const auto post = post_json(*server_->client(), kPath, R"({"author": "Somebody", "body": "Signed in."})",
                              {{"X-Soundoff-User", token}});
  ASSERT_TRUE(post && post->status == 201) << (post ? post->body : "no response");
  EXPECT_EQ(body_json(post)["author"], "Mary Reader");
  // The name is the demo account's now: an anonymous post under it is refused.
  const auto borrowed = post_json(*server_->client(), kPath, R"({"author": "mary reader", "body": "Me too."})");
  ASSERT_TRUE(borrowed);
  EXPECT_EQ(borrowed->status, 409);
  // The same name signs in as the same account again, so it may post under its name.
  const auto again = login({{"name", "MARY READER"}});
  ASSERT_TRUE(again && again->status == 200);
}

TEST_F(DemoLogin, StaffIsTheFirstStaffRoleAndBadInputIsRefusedByName) {
  start(true);
  const auto staff = login({{"name", "Editor"}, {"staff", true}});
  ASSERT_TRUE(staff && staff->status == 200);
  // The token is a real one: the same verifier a site's tokens pass says it is staff.
  server::IdentityConfig c;
  c.mode = "optional";
  c.algorithm = "HS256";
  c.secret = "demo-secret-0123456789abcdef0123456789abcdef";
  c.staff_roles = {"staff"};
  const auto verifier = server::SsoVerifier::create(c);
  ASSERT_TRUE(verifier.ok());
  const auto account = (*verifier)->verify(body_json(staff)["token"].get<std::string>(), std::time(nullptr));
  ASSERT_TRUE(account.ok()) << account.error().message;
  EXPECT_TRUE(account->staff);
  EXPECT_EQ(account->name, "Editor");

  for (const json& bad : {json{{"name", ""}}, json{{"name", "Evil\nName"}}, json{{"name", std::string(101, 'x')}},
                          json{{"name", 5}}, json{{"name", "A"}, {"staff", "yes"}}, json::object()}) {
    const auto res = login(bad);
    ASSERT_TRUE(res);
    EXPECT_EQ(res->status, 400) << bad.dump();
  }
  const auto form = server_->client()->Post("/demo/login", "name=Mary", "application/x-www-form-urlencoded");
  ASSERT_TRUE(form);
  EXPECT_EQ(form->status, 415);
}

}  // namespace
}  // namespace soundoff::test
