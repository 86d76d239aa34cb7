// GET /api/threads/{thread}/comments over real HTTP: the CLI's page shape,
// query parameters, ETag/304, unknown threads.
#include <gtest/gtest.h>

#include "server/server_harness.h"
#include "soundoff/document.h"
#include "soundoff/page_json.h"
#include "soundoff/thread_views.h"
#include "support/fixtures.h"

namespace soundoff::test {
namespace {

using nlohmann::json;

class PageApi : public ::testing::Test {
 protected:
  PageApi() : server_(seeded_config()) {}
  server::ServerConfig seeded_config() {
    auto c = test_config(dir_);
    c.seed_file = fixtures_dir() + "/seed-thread.json";
    return c;
  }
  std::string page_path(const std::string& query = "") {
    return "/api/threads/" + kSeedThread + "/comments" + (query.empty() ? "" : "?" + query);
  }
  TempDir dir_;
  InProcessServer server_;
};

TEST_F(PageApi, SeedPageIsByteForByteTheCorePageOfTheSeedDocument) {
  auto views = load_thread(read_fixture("seed-thread.json"));
  ASSERT_TRUE(views.ok());
  for (const char* sort : {"oldest", "newest", "top"}) {
    const ThreadView& view = (*views)->view(*parse_sort(sort));
    PageRequest request;
    request.per_page = 4;
    request.page = 2;
    const auto page = build_page(view, request);
    ASSERT_TRUE(page.ok());
    auto res = server_.client()->Get(page_path(std::string("per_page=4&page=2&sort=") + sort));
    ASSERT_TRUE(res);
    EXPECT_EQ(res->status, 200);
    EXPECT_EQ(res->get_header_value("Content-Type"), "application/json; charset=utf-8");
    EXPECT_EQ(res->body, page_to_json(view, *page)) << sort;
  }
}

TEST_F(PageApi, PageCarriesAnEtagAndAnswers304WhenItIsUnchanged) {
  auto client = server_.client();
  auto first = client->Get(page_path());
  ASSERT_TRUE(first);
  const std::string etag = first->get_header_value("ETag");
  ASSERT_FALSE(etag.empty());
  auto again = client->Get(page_path(), {{"If-None-Match", etag}});
  ASSERT_TRUE(again);
  EXPECT_EQ(again->status, 304);
  EXPECT_TRUE(again->body.empty());
  EXPECT_EQ(again->get_header_value("ETag"), etag);
  auto listed = client->Get(page_path(), {{"If-None-Match", "\"nope\", W/" + etag}});
  ASSERT_TRUE(listed);
  EXPECT_EQ(listed->status, 304);
  auto other = client->Get(page_path(), {{"If-None-Match", "\"0000000000000000\""}});
  ASSERT_TRUE(other);
  EXPECT_EQ(other->status, 200);
}

TEST_F(PageApi, EtagChangesWhenACommentArrives) {
  auto client = server_.client();
  auto before = client->Get(page_path());
  ASSERT_TRUE(before);
  auto posted = post_json(*client, page_path(), R"({"author":"Ann","body":"New here."})");
  ASSERT_TRUE(posted);
  ASSERT_EQ(posted->status, 201);
  auto after = client->Get(page_path(), {{"If-None-Match", before->get_header_value("ETag")}});
  ASSERT_TRUE(after);
  EXPECT_EQ(after->status, 200);
  EXPECT_NE(after->get_header_value("ETag"), before->get_header_value("ETag"));
  EXPECT_EQ(body_json(after)["total"], 16);
}

TEST_F(PageApi, AroundReturnsThePageHoldingTheCommentAndCursorsContinue) {
  auto client = server_.client();
  auto around = client->Get(page_path("per_page=5&around=12"));
  ASSERT_TRUE(around);
  ASSERT_EQ(around->status, 200);
  const json page = body_json(around);
  EXPECT_EQ(page["page"], 3);
  EXPECT_EQ(page["highlight"], "12");

  auto first = body_json(client->Get(page_path("per_page=5")));
  ASSERT_TRUE(first["next_cursor"].is_string());
  auto next = client->Get(page_path("per_page=5&after=" + first["next_cursor"].get<std::string>()));
  ASSERT_TRUE(next);
  ASSERT_EQ(next->status, 200);
  EXPECT_EQ(body_json(next)["items"][0]["id"], "6");
}

TEST_F(PageApi, BadQueryParametersAre400WithTheReason) {
  auto client = server_.client();
  for (const char* query : {"per_page=0", "per_page=abc", "page=-1", "sort=sideways", "page=2&around=3",
                            "after=not-a-cursor", "replies=sideways", "page=999", "max_depth=1e3"}) {
    auto res = client->Get(page_path(query));
    ASSERT_TRUE(res) << query;
    EXPECT_EQ(res->status, 400) << query << ": " << res->body;
    const json error = body_json(res);
    EXPECT_TRUE(error["code"].is_string()) << query;
    EXPECT_TRUE(error["message"].is_string()) << query;
  }
}

TEST_F(PageApi, ParametersFollowCoresPageRulesAndErrorsNameThem) {
  auto client = server_.client();
  const std::pair<const char*, const char*> cases[] = {
      {"perPage=10", "'perPage' is unknown"},
      {"per_page=5&per_page=6", "'per_page' is given more than once"},
      {"per_page=1001", "'per_page' must be between 1 and 1000, not 1001"},
      {"page=0", "'page' must be at least 1"},
      {"after=x&around=3", "at most one of the page options 'page', 'around' and 'after'"},
  };
  for (const auto& [query, message] : cases) {
    auto res = client->Get(page_path(query));
    ASSERT_TRUE(res) << query;
    EXPECT_EQ(res->status, 400) << query;
    const json error = body_json(res);
    EXPECT_EQ(error["code"], "invalid_argument") << query;
    EXPECT_NE(error["message"].get<std::string>().find(message), std::string::npos) << query << ": " << res->body;
  }
}

TEST_F(PageApi, AroundAnUnknownCommentIs404) {
  auto res = server_.client()->Get(page_path("around=987654"));
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 404);
  EXPECT_EQ(body_json(res)["code"], "not_found");
}

TEST_F(PageApi, UnknownThreadIsAnEmptyPageForANewArticle) {
  auto res = server_.client()->Get("/api/threads/brand-new-article/comments");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 200);
  const json page = body_json(res);
  EXPECT_EQ(page["total"], 0);
  EXPECT_TRUE(page["items"].empty());
}

TEST_F(PageApi, ThreadKeysOutsideTheAllowedAlphabetAre400) {
  auto client = server_.client();
  for (const char* path : {"/api/threads/%3Cscript%3E/comments", "/api/threads/a%20b/comments",
                           "/api/threads/%27%3B%20DROP%20TABLE%20comments%3B--/comments"}) {
    auto res = client->Get(path);
    ASSERT_TRUE(res) << path;
    EXPECT_EQ(res->status, 400) << path;
    EXPECT_EQ(body_json(res)["code"], "invalid_thread") << path;
  }
  const std::string long_key(201, 'a');
  auto res = client->Get("/api/threads/" + long_key + "/comments");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 400);
}

TEST_F(PageApi, CountsAreVisibleCommentsPerThread) {
  auto client = server_.client();
  auto one = client->Get("/api/threads/" + kSeedThread + "/count");
  ASSERT_TRUE(one);
  EXPECT_EQ(one->status, 200);
  EXPECT_EQ(body_json(one)["count"], 15);
  auto many = post_json(*client, "/api/counts", R"({"threads":[")" + kSeedThread + R"(", "empty-one"]})");
  ASSERT_TRUE(many);
  EXPECT_EQ(many->status, 200);
  const json counts = body_json(many)["counts"];
  EXPECT_EQ(counts[kSeedThread], 15);
  EXPECT_EQ(counts["empty-one"], 0);
}

TEST_F(PageApi, CountsRejectMalformedRequests) {
  auto client = server_.client();
  const std::string too_many = [] {
    json threads = json::array();
    for (int i = 0; i < 201; ++i) threads.push_back("t" + std::to_string(i));
    return json{{"threads", threads}}.dump();
  }();
  for (const std::string& body :
       {std::string(R"({"threads":"x"})"), std::string(R"({"threads":[1]})"), std::string(R"({"threads":["a b"]})"),
        std::string("{}"), std::string("[]"), too_many}) {
    auto res = post_json(*client, "/api/counts", body);
    ASSERT_TRUE(res);
    EXPECT_EQ(res->status, 400) << body.substr(0, 60);
  }
  auto bad_key = client->Get("/api/threads/a%20b/count");
  ASSERT_TRUE(bad_key);
  EXPECT_EQ(bad_key->status, 400);
  auto not_json = client->Post("/api/counts", "threads=a", "application/x-www-form-urlencoded");
  ASSERT_TRUE(not_json);
  EXPECT_EQ(not_json->status, 415);
}

}  // namespace
}  // namespace soundoff::test
