// The moderation console's page at /admin: served by `soundoff serve` with a
// CSP that allows no inline script or style and no eval, and it loads the
// console's script and stylesheet from the static directory.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "server/server_harness.h"
#include "support/fixtures.h"

namespace soundoff::test {
namespace {

class DeskConsolePage : public ::testing::Test {
 protected:
  DeskConsolePage() : server_(config()) {}
  server::ServerConfig config() {
    auto c = test_config(dir_);
    const std::string web = dir_.file("web");
    std::filesystem::create_directory(web);
    std::ofstream(web + "/admin.js") << "console.log('console');\n";
    std::ofstream(web + "/admin.css") << "body{color:red}\n";
    c.static_dir = web;
    return c;
  }
  TempDir dir_;
  InProcessServer server_;
};

TEST_F(DeskConsolePage, AdminIsServedWithAStrictCsp) {
  for (const char* path : {"/admin", "/admin/"}) {
    auto res = server_.client()->Get(path);
    ASSERT_TRUE(res) << path;
    EXPECT_EQ(res->status, 200) << path;
    EXPECT_EQ(res->get_header_value("Content-Type"), "text/html; charset=utf-8");
    const std::string csp = res->get_header_value("Content-Security-Policy");
    EXPECT_NE(csp.find("default-src 'none'"), std::string::npos) << csp;
    EXPECT_NE(csp.find("script-src 'self';"), std::string::npos) << csp;
    EXPECT_NE(csp.find("style-src 'self';"), std::string::npos) << csp;
    EXPECT_NE(csp.find("frame-ancestors 'none'"), std::string::npos) << csp;
    EXPECT_EQ(csp.find("unsafe"), std::string::npos) << "no unsafe-inline, unsafe-eval or wasm-unsafe-eval: " << csp;
    EXPECT_EQ(res->get_header_value("X-Frame-Options"), "DENY");
    EXPECT_EQ(res->get_header_value("Cache-Control"), "no-store");
    EXPECT_NE(res->body.find(R"(<script src="/admin.js" defer></script>)"), std::string::npos);
    EXPECT_NE(res->body.find(R"(<link rel="stylesheet" href="/admin.css">)"), std::string::npos);
    EXPECT_EQ(res->body.find("<style"), std::string::npos) << "no inline style: the CSP would block it";
    EXPECT_EQ(res->body.find("style="), std::string::npos);
    EXPECT_EQ(res->body.find("<script>"), std::string::npos) << "no inline script";
  }
}

TEST_F(DeskConsolePage, TheConsoleFilesComeFromTheStaticDirectory) {
  auto js = server_.client()->Get("/admin.js");
  ASSERT_TRUE(js);
  EXPECT_EQ(js->status, 200);
  EXPECT_EQ(js->body, "console.log('console');\n");
  auto css = server_.client()->Get("/admin.css");
  ASSERT_TRUE(css);
  EXPECT_EQ(css->status, 200);
  EXPECT_EQ(css->get_header_value("Content-Type"), "text/css; charset=utf-8");
}

TEST_F(DeskConsolePage, OtherMethodsAndDeeperPathsAreNotThePage) {
  auto post = server_.client()->Post("/admin", "{}", "application/json");
  ASSERT_TRUE(post);
  EXPECT_EQ(post->status, 405);
  auto deeper = server_.client()->Get("/admin/queue");
  ASSERT_TRUE(deeper);
  EXPECT_EQ(deeper->status, 404);
}

}  // namespace
}  // namespace soundoff::test
