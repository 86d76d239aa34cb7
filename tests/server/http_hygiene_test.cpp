// What every response must get right: CORS only for configured origins,
// no header injection, JSON errors for unknown routes, the demo page and the
// widget files.
#include <gtest/gtest.h>

#include <fstream>
#include <set>

#include "server/server_harness.h"
#include "support/fixtures.h"

namespace soundoff::test {
namespace {

using nlohmann::json;

class HttpHygiene : public ::testing::Test {
 protected:
  HttpHygiene() : server_(config()) {}
  server::ServerConfig config() {
    auto c = test_config(dir_);
    c.cors_origins = {"https://news.example"};
    const std::string web = dir_.file("web");
    std::filesystem::create_directory(web);
    std::ofstream(web + "/soundoff.js") << "console.log('widget');\n";
    std::ofstream(web + "/soundoff-engine.0123456789abcdef.wasm") << std::string("\0asm\1\0\0\0", 8);
    std::ofstream(web + "/soundoff-engine.0123456789abcdeg.wasm") << std::string("\0asm\1\0\0\0", 8);
    c.static_dir = web;
    return c;
  }
  TempDir dir_;
  InProcessServer server_;
};

TEST_F(HttpHygiene, ContentHashedFilesAreImmutableAndOthersAreAskedForAgain) {
  auto client = server_.client();
  auto wasm = client->Get("/soundoff-engine.0123456789abcdef.wasm");
  ASSERT_TRUE(wasm);
  EXPECT_EQ(wasm->status, 200);
  EXPECT_EQ(wasm->get_header_value("Content-Type"), "application/wasm");
  EXPECT_EQ(wasm->get_header_value("Cache-Control"), "public, max-age=31536000, immutable");
  EXPECT_EQ(wasm->body.substr(0, 4), std::string("\0asm", 4));
  // Not a hash: 'g' is no hex digit. A widget script keeps its name across versions.
  for (const char* path : {"/soundoff-engine.0123456789abcdeg.wasm", "/soundoff.js"}) {
    auto other = client->Get(path);
    ASSERT_TRUE(other);
    EXPECT_EQ(other->status, 200) << path;
    EXPECT_EQ(other->get_header_value("Cache-Control"), "public, max-age=300") << path;
  }
}

TEST_F(HttpHygiene, ConfiguredOriginGetsCorsHeadersAndOthersDoNot) {
  auto client = server_.client();
  auto allowed = client->Get("/api/threads/t/comments", {{"Origin", "https://news.example"}});
  ASSERT_TRUE(allowed);
  EXPECT_EQ(allowed->get_header_value("Access-Control-Allow-Origin"), "https://news.example");
  EXPECT_EQ(allowed->get_header_value("Vary"), "Origin");
  for (const char* origin : {"https://evil.example", "https://news.example.evil", "null", "*"}) {
    auto other = client->Get("/api/threads/t/comments", {{"Origin", origin}});
    ASSERT_TRUE(other);
    EXPECT_FALSE(other->has_header("Access-Control-Allow-Origin")) << origin;
  }
}

TEST_F(HttpHygiene, PreflightIsAnsweredOnlyForConfiguredOrigins) {
  auto client = server_.client();
  httplib::Headers allowed = {{"Origin", "https://news.example"}, {"Access-Control-Request-Method", "POST"}};
  auto ok = client->Options("/api/threads/t/comments", allowed);
  ASSERT_TRUE(ok);
  EXPECT_EQ(ok->status, 204);
  EXPECT_NE(ok->get_header_value("Access-Control-Allow-Methods").find("POST"), std::string::npos);
  EXPECT_NE(ok->get_header_value("Access-Control-Allow-Headers").find("Content-Type"), std::string::npos);
  auto refused = client->Options("/api/threads/t/comments", {{"Origin", "https://evil.example"}});
  ASSERT_TRUE(refused);
  EXPECT_EQ(refused->status, 403);
  EXPECT_FALSE(refused->has_header("Access-Control-Allow-Origin"));
}

TEST_F(HttpHygiene, CrlfInThePathOrOriginNeverBecomesAResponseHeader) {
  const std::string response = raw_http(server_.port(),
                                        "GET /api/threads/a%0d%0aX-Injected:%20yes/comments HTTP/1.1\r\n"
                                        "Host: 127.0.0.1\r\nConnection: close\r\n\r\n");
  ASSERT_FALSE(response.empty());
  EXPECT_EQ(response.rfind("HTTP/1.1 400", 0), 0u) << response.substr(0, 80);
  EXPECT_EQ(response.find("\r\nX-Injected"), std::string::npos);

  const std::string origin =
      raw_http(server_.port(),
               "GET /api/threads/t/comments HTTP/1.1\r\nHost: 127.0.0.1\r\n"
               "Origin: https://news.example%0d%0aSet-Cookie:%20a=b\r\nConnection: close\r\n\r\n");
  EXPECT_EQ(origin.rfind("HTTP/1.1 200", 0), 0u);
  EXPECT_EQ(origin.find("Set-Cookie"), std::string::npos);
  EXPECT_EQ(origin.find("Access-Control-Allow-Origin"), std::string::npos);
}

TEST_F(HttpHygiene, MalformedRequestLinesGetAnErrorNotACrash) {
  for (const std::string& request :
       {std::string("GARBAGE\r\n\r\n"), std::string("GET\r\n\r\n"),
        std::string("GET /api/threads/t/comments HTTP/9.9\r\n\r\n"),
        std::string("POST /api/counts HTTP/1.1\r\nContent-Length: -5\r\n\r\n"), std::string(20000, 'A') + "\r\n\r\n"}) {
    raw_http(server_.port(), request, 1000);  // some get no answer until the read timeout: do not wait for it
  }
  auto res = server_.client()->Get("/api/threads/t/count");
  ASSERT_TRUE(res) << "the server survives hostile request lines";
  EXPECT_EQ(res->status, 200);
}

TEST_F(HttpHygiene, UnknownRoutesAndMethodsAreJsonErrors) {
  auto client = server_.client();
  auto missing = client->Get("/api/nope");
  ASSERT_TRUE(missing);
  EXPECT_EQ(missing->status, 404);
  EXPECT_EQ(body_json(missing)["code"], "not_found");
  auto wrong_method = client->Delete("/api/threads/t/comments");
  ASSERT_TRUE(wrong_method);
  EXPECT_GE(wrong_method->status, 400);
  EXPECT_TRUE(body_json(wrong_method)["code"].is_string());
}

TEST_F(HttpHygiene, DemoPageHasTheArticleAndTheWidgetTag) {
  auto res = server_.client()->Get("/demo");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 200);
  EXPECT_EQ(res->get_header_value("Content-Type"), "text/html; charset=utf-8");
  EXPECT_NE(res->body.find("<h1>Russia calls for talks in Moscow on Syria</h1>"), std::string::npos);
  EXPECT_NE(res->body.find("September 9th, 2013"), std::string::npos);
  EXPECT_NE(res->body.find(R"(<script src="/soundoff.js" data-soundoff-api="" )"
                           R"(data-soundoff-thread="russia-calls-for-talks-in-moscow-on-syria"></script>)"),
            std::string::npos);
  auto other = server_.client()->Get("/demo/another-article");
  ASSERT_TRUE(other);
  EXPECT_NE(other->body.find(R"(data-soundoff-thread="another-article")"), std::string::npos);
  auto hostile = server_.client()->Get("/demo/%22%3E%3Cscript%3E");
  ASSERT_TRUE(hostile);
  EXPECT_EQ(hostile->status, 400);
}

TEST_F(HttpHygiene, WidgetFilesAreServedFromTheStaticDirectory) {
  auto res = server_.client()->Get("/soundoff.js");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 200);
  EXPECT_EQ(res->body, "console.log('widget');\n");
  EXPECT_NE(res->get_header_value("Content-Type").find("javascript"), std::string::npos);
  auto escape = server_.client()->Get("/../comments.db");
  ASSERT_TRUE(escape);
  EXPECT_NE(escape->status, 200) << "files outside the static directory are never served";
}

}  // namespace
}  // namespace soundoff::test

namespace soundoff::test {
namespace {

TEST(AccessLogFile, EveryRequestIsOneJsonLineWithStatusAndClient) {
  TempDir dir;
  auto config = test_config(dir);
  config.access_log = dir.file("access.log");
  {
    InProcessServer server(config);
    auto client = server.client();
    client->Get("/api/threads/t/comments");
    client->Get("/api/threads/a%0aforged/comments?x=%0a");
    post_json(*client, "/api/threads/t/comments", R"({"author":"a","body":"b"})");
  }
  const auto text = read_file(dir.file("access.log"));
  ASSERT_TRUE(text.has_value());
  std::vector<nlohmann::json> lines;
  std::size_t start = 0;
  for (auto end = text->find('\n'); end != std::string::npos; start = end + 1, end = text->find('\n', start))
    lines.push_back(nlohmann::json::parse(text->substr(start, end - start), nullptr, false));
  ASSERT_EQ(lines.size(), 3u) << *text;
  for (const auto& line : lines) {
    ASSERT_FALSE(line.is_discarded());
    EXPECT_EQ(line["client"], "127.0.0.1");
    EXPECT_TRUE(line["ms"].is_number());
  }
  // Each request is logged after its response went out, so lines of
  // back-to-back requests may swap: compare them as a set.
  std::multiset<std::string> seen;
  for (const auto& line : lines) seen.insert(line["method"].get<std::string>() + " " + line["status"].dump());
  EXPECT_EQ(seen, (std::multiset<std::string>{"GET 200", "GET 400", "POST 201"}));
}

}  // namespace
}  // namespace soundoff::test
