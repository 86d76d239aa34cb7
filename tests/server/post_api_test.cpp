// POST /api/threads/{thread}/comments over real HTTP: 201, per-field 400s,
// 413, 415, 429, hostile bodies.
#include <gtest/gtest.h>

#include "server/server_harness.h"

namespace soundoff::test {
namespace {

using nlohmann::json;

const std::string kPath = "/api/threads/article-1/comments";

class PostApi : public ::testing::Test {
 protected:
  PostApi() : server_(test_config(dir_)) {}
  json page() { return body_json(server_.client()->Get(kPath + "?per_page=1000&max_depth=0")); }
  TempDir dir_;
  InProcessServer server_;
};

TEST_F(PostApi, NewCommentIs201WithIdAndStatusAndAppearsOnThePage) {
  auto client = server_.client();
  auto res = post_json(*client, kPath, R"({"author":"Ann","email":"ann@example.org","body":"First!"})");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 201);
  const json created = body_json(res);
  ASSERT_TRUE(created["id"].is_string());
  EXPECT_EQ(created["status"], "published");
  EXPECT_EQ(res->get_header_value("Location"), kPath + "?around=" + created["id"].get<std::string>());
  const json p = page();
  ASSERT_EQ(p["total"], 1);
  EXPECT_EQ(p["items"][0]["id"], created["id"]);
  EXPECT_EQ(p["items"][0]["author"], "Ann");
  EXPECT_EQ(p["items"][0]["body"], "First!");
  EXPECT_EQ(p.dump().find("ann@example.org"), std::string::npos) << "email must never reach readers";
}

TEST_F(PostApi, ReplyNestsUnderItsParentGivenAsStringOrNumber) {
  auto client = server_.client();
  const json root = body_json(post_json(*client, kPath, R"({"author":"A","body":"root"})"));
  const std::string id = root["id"];
  auto as_string = post_json(*client, kPath, R"({"author":"B","body":"reply","parent":")" + id + "\"}");
  auto as_number = post_json(*client, kPath, R"({"author":"C","body":"reply 2","parent":)" + id + "}");
  ASSERT_TRUE(as_string);
  ASSERT_TRUE(as_number);
  EXPECT_EQ(as_string->status, 201);
  EXPECT_EQ(as_number->status, 201);
  const json p = page();
  ASSERT_EQ(p["items"].size(), 1u);
  ASSERT_EQ(p["items"][0]["children"].size(), 2u);
  EXPECT_EQ(p["items"][0]["children"][0]["parent"], id);
}

TEST_F(PostApi, InvalidFieldsAre400WithOneErrorPerField) {
  auto client = server_.client();
  auto res = post_json(*client, kPath, R"({"author":"   ","body":42,"email":"not-an-address","parent":"999"})");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 400);
  const json e = body_json(res);
  EXPECT_EQ(e["code"], "invalid_comment");
  EXPECT_EQ(e["fields"]["author"]["code"], "empty");
  EXPECT_EQ(e["fields"]["body"]["code"], "wrong_type");
  EXPECT_EQ(e["fields"]["email"]["code"], "invalid_email");
  EXPECT_EQ(e["fields"]["parent"]["code"], "not_found");
  EXPECT_EQ(page()["total"], 0) << "nothing is stored for a rejected comment";
}

TEST_F(PostApi, MissingAndWronglyTypedFieldsAreNamed) {
  auto client = server_.client();
  const struct {
    const char* body;
    const char* field;
    const char* code;
  } cases[] = {
      {R"({"body":"x"})", "author", "missing"},
      {R"({"author":"x"})", "body", "missing"},
      {R"({"author":["x"],"body":"x"})", "author", "wrong_type"},
      {R"({"author":"x","body":{"t":1}})", "body", "wrong_type"},
      {R"({"author":"x","body":"x","parent":true})", "parent", "wrong_type"},
      {R"({"author":"x","body":"x","parent":-3})", "parent", "wrong_type"},
      {R"({"author":"x","body":"x","email":5})", "email", "wrong_type"},
      {R"({"author":"a\u0000b","body":"x"})", "author", "control_character"},
      {R"({"author":"a\r\nSet-Cookie: x=1","body":"x"})", "author", "control_character"},
      {R"({"author":"x","body":"bell\u0007"})", "body", "control_character"},
  };
  for (const auto& c : cases) {
    auto res = post_json(*client, kPath, c.body);
    ASSERT_TRUE(res) << c.body;
    EXPECT_EQ(res->status, 400) << c.body;
    EXPECT_EQ(body_json(res)["fields"][c.field]["code"], c.code) << c.body << " -> " << res->body;
  }
}

TEST_F(PostApi, OverlongFieldsAre400) {
  auto client = server_.client();
  const json long_body = {{"author", "x"}, {"body", std::string(10001, 'b')}};
  auto res = post_json(*client, kPath, long_body.dump());
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 400);
  EXPECT_EQ(body_json(res)["fields"]["body"]["code"], "too_long");
  const json long_author = {{"author", std::string(101, 'a')}, {"body", "x"}};
  res = post_json(*client, kPath, long_author.dump());
  ASSERT_TRUE(res);
  EXPECT_EQ(body_json(res)["fields"]["author"]["code"], "too_long");
}

TEST_F(PostApi, ParentMustBeAShownCommentOfTheSameThread) {
  auto client = server_.client();
  const json other = body_json(post_json(*client, "/api/threads/other/comments", R"({"author":"A","body":"x"})"));
  auto res =
      post_json(*client, kPath, R"({"author":"B","body":"y","parent":")" + other["id"].get<std::string>() + "\"}");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 400);
  EXPECT_EQ(body_json(res)["fields"]["parent"]["code"], "not_found");
}

TEST_F(PostApi, InvalidJsonAndNonObjectsAre400) {
  auto client = server_.client();
  for (const std::string& body :
       {std::string("{"), std::string("not json"), std::string(""), std::string(R"(["author","body"])"),
        std::string("\"text\""), std::string("null"), std::string(R"({"author":"x","body":"x"} trailing)")}) {
    auto res = post_json(*client, kPath, body);
    ASSERT_TRUE(res) << body;
    EXPECT_EQ(res->status, 400) << body;
    EXPECT_EQ(body_json(res)["code"], "invalid_json") << body;
  }
}

TEST_F(PostApi, InvalidUtf8Is400AndNothingIsStored) {
  auto client = server_.client();
  for (const std::string& bad :
       {std::string("\xff\xfe"), std::string("\xc0\xaf"), std::string("\xed\xa0\x80"), std::string("abc\xe2\x82")}) {
    auto res = post_json(*client, kPath, "{\"author\":\"x\",\"body\":\"" + bad + "\"}");
    ASSERT_TRUE(res);
    EXPECT_EQ(res->status, 400);
  }
  EXPECT_EQ(page()["total"], 0);
}

TEST_F(PostApi, WrongContentTypeIs415) {
  auto client = server_.client();
  for (const char* type : {"text/plain", "application/x-www-form-urlencoded", "application/jsonx"}) {
    auto res = client->Post(kPath.c_str(), R"({"author":"x","body":"x"})", type);
    ASSERT_TRUE(res) << type;
    EXPECT_EQ(res->status, 415) << type;
    EXPECT_EQ(body_json(res)["code"], "unsupported_media_type");
  }
  auto with_charset = client->Post(kPath.c_str(), R"({"author":"x","body":"x"})", "Application/JSON; charset=utf-8");
  ASSERT_TRUE(with_charset);
  EXPECT_EQ(with_charset->status, 201);
}

TEST_F(PostApi, OneMegabyteBodyIs413) {
  const std::string huge = R"({"author":"x","body":")" + std::string(1 << 20, 'a') + "\"}";
  auto res = post_json(*server_.client(), kPath, huge);
  ASSERT_TRUE(res) << "the server must answer, not drop the connection";
  EXPECT_EQ(res->status, 413);
  EXPECT_EQ(body_json(res)["code"], "too_large");
  EXPECT_EQ(page()["total"], 0);
}

TEST_F(PostApi, SqlLookingTextIsStoredVerbatim) {
  auto client = server_.client();
  const std::string nasty = "Robert'); DROP TABLE comments;-- \" OR 1=1 /* <script>alert(1)</script> \\ %s";
  const json body = {{"author", "x' OR '1'='1"}, {"body", nasty}};
  auto res = post_json(*client, kPath, body.dump());
  ASSERT_TRUE(res);
  ASSERT_EQ(res->status, 201);
  const json p = page();
  ASSERT_EQ(p["total"], 1);
  EXPECT_EQ(p["items"][0]["body"], nasty);
  EXPECT_EQ(p["items"][0]["author"], "x' OR '1'='1");
  // The raw JSON escapes markup so the page is also safe inside <script>.
  EXPECT_EQ(server_.client()->Get(kPath)->body.find("<script>"), std::string::npos);
}

TEST_F(PostApi, UnicodeTextRoundTrips) {
  const json body = {{"author", "Zoë 🦊"}, {"body", "línea 1\nline 2 \u2028 ok"}};
  auto res = post_json(*server_.client(), kPath, body.dump());
  ASSERT_TRUE(res);
  ASSERT_EQ(res->status, 201);
  EXPECT_EQ(page()["items"][0]["author"], "Zoë 🦊");
  EXPECT_EQ(page()["items"][0]["body"], "línea 1\nline 2 \u2028 ok");
}

TEST(PostApiLimits, ExceedingThePerIpLimitIs429WithRetryAfter) {
  TempDir dir;
  auto config = test_config(dir);
  config.comment_limit = {2, 2};  // two at once, then one every 30 s
  InProcessServer server(config);
  auto client = server.client();
  for (int i = 0; i < 2; ++i) {
    auto ok = post_json(*client, kPath, R"({"author":"x","body":"n)" + std::to_string(i) + "\"}");
    ASSERT_TRUE(ok);
    EXPECT_EQ(ok->status, 201);
  }
  auto refused = post_json(*client, kPath, R"({"author":"x","body":"third"})");
  ASSERT_TRUE(refused);
  EXPECT_EQ(refused->status, 429);
  EXPECT_EQ(body_json(refused)["code"], "rate_limited");
  const int retry = std::atoi(refused->get_header_value("Retry-After").c_str());
  EXPECT_GE(retry, 1);
  EXPECT_LE(retry, 30);
}

TEST(PostApiLimits, NoRateLimitLetsEveryRequestThrough) {
  TempDir dir;
  auto config = test_config(dir);
  config.comment_limit = {1, 1};
  config.rate_limits_enabled = false;
  InProcessServer server(config);
  auto client = server.client();
  for (int i = 0; i < 20; ++i) {
    auto ok = post_json(*client, kPath, R"({"author":"x","body":"n)" + std::to_string(i) + "\"}");
    ASSERT_TRUE(ok);
    ASSERT_EQ(ok->status, 201);
  }
}

TEST(PostApiLimits, ForwardedForIsBelievedOnlyFromConfiguredProxies) {
  TempDir dir;
  auto config = test_config(dir);
  config.comment_limit = {1, 1};
  // Untrusted: every spoofed X-Forwarded-For still counts as 127.0.0.1.
  {
    InProcessServer server(config);
    auto client = server.client();
    auto first = post_json(*client, kPath, R"({"author":"x","body":"a"})", {{"X-Forwarded-For", "10.0.0.1"}});
    auto second = post_json(*client, kPath, R"({"author":"x","body":"b"})", {{"X-Forwarded-For", "10.0.0.2"}});
    ASSERT_TRUE(first && second);
    EXPECT_EQ(first->status, 201);
    EXPECT_EQ(second->status, 429);
  }
  // Trusted proxy: each forwarded client has its own bucket.
  config.db_path = test_database(dir, "second.db");
  config.trusted_proxies = {"127.0.0.1"};
  InProcessServer server(config);
  auto client = server.client();
  auto a = post_json(*client, kPath, R"({"author":"x","body":"a"})", {{"X-Forwarded-For", "10.0.0.1"}});
  auto b = post_json(*client, kPath, R"({"author":"x","body":"b"})", {{"X-Forwarded-For", "10.0.0.2"}});
  auto a_again = post_json(*client, kPath, R"({"author":"x","body":"c"})", {{"X-Forwarded-For", "10.0.0.1"}});
  // A client cannot hide behind a forged entry left of the real one.
  auto forged = post_json(*client, kPath, R"({"author":"x","body":"d"})", {{"X-Forwarded-For", "1.2.3.4, 10.0.0.1"}});
  ASSERT_TRUE(a && b && a_again && forged);
  EXPECT_EQ(a->status, 201);
  EXPECT_EQ(b->status, 201);
  EXPECT_EQ(a_again->status, 429);
  EXPECT_EQ(forged->status, 429);
}

}  // namespace
}  // namespace soundoff::test

namespace soundoff::test {
namespace {
// A client announcing a 200 MB document gets 413 from the size in its
// headers: cpp-httplib discards such a body as it arrives instead of
// buffering it (here the client stops sending, so the answer comes when the
// server's 5 s read timeout ends the discarding).
TEST_F(PostApi, A200MegabyteDocumentIsRefusedBeforeItsBodyIsRead) {
  const std::string request = "POST " + kPath +
                              " HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                              "Content-Length: 209715200\r\nConnection: close\r\n\r\n{\"author\":\"x\",\"body\":\"";
  const std::string response = raw_http(server_.port(), request, 15000);
  EXPECT_EQ(response.rfind("HTTP/1.1 413", 0), 0u) << response.substr(0, 200);
}
}  // namespace
}  // namespace soundoff::test
