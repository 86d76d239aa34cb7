// Server-rendered comment pages over real HTTP: the embeddable page and the
// demo article's first page, for readers without JavaScript and crawlers.
#include <gtest/gtest.h>

#include "server/server_harness.h"

namespace soundoff::test {
namespace {

using nlohmann::json;

std::size_t count(const std::string& text, const std::string& needle) {
  std::size_t n = 0;
  for (auto at = text.find(needle); at != std::string::npos; at = text.find(needle, at + needle.size())) ++n;
  return n;
}

// The start tags and end tags of `tag` pair up (the renderer writes no optional end tags).
void expect_balanced(const std::string& html, const std::string& tag) {
  EXPECT_EQ(count(html, "<" + tag + " ") + count(html, "<" + tag + ">"), count(html, "</" + tag + ">")) << tag;
}

class HtmlPages : public ::testing::Test {
 protected:
  HtmlPages() : server_(config()) {}
  server::ServerConfig config() {
    auto c = test_config(dir_);
    c.spam_policy.weights.fill(0);  // hostile text must reach the page
    return c;
  }
  std::string post(const std::string& thread, const std::string& author, const std::string& body,
                   const std::string& parent = "") {
    json j = {{"author", author}, {"body", body}};
    if (!parent.empty()) j["parent"] = parent;
    const json r = body_json(post_json(*server_.client(), "/api/threads/" + thread + "/comments", j.dump()));
    EXPECT_TRUE(r.contains("id")) << r.dump();
    return r.value("id", std::string());
  }
  httplib::Result get(const std::string& path) { return server_.client()->Get(path); }
  TempDir dir_;
  InProcessServer server_;
};

TEST_F(HtmlPages, EmbedPageShowsEscapedCommentsWithNestedRepliesAndSafeLinks) {
  const std::string first =
      post("article-1", "<b>Eve</b>", "<script>alert(1)</script> see https://example.com/x?a=1&b=2 \"now\"");
  const std::string reply = post("article-1", "saywhat", "> quoted\n\nanswer", first);
  const auto res = get("/embed/threads/article-1");
  ASSERT_TRUE(res);
  ASSERT_EQ(res->status, 200) << res->body;
  EXPECT_EQ(res->get_header_value("Content-Type"), "text/html; charset=utf-8");
  EXPECT_NE(res->get_header_value("Content-Security-Policy").find("default-src 'none'"), std::string::npos);
  const std::string& html = res->body;
  EXPECT_EQ(html.find("<script"), std::string::npos) << "user text became markup";
  EXPECT_EQ(html.find("<b>"), std::string::npos);
  EXPECT_NE(html.find("&lt;script&gt;alert(1)&lt;/script&gt;"), std::string::npos);
  EXPECT_NE(html.find("<h3 class=\"so-author\">&lt;b&gt;Eve&lt;/b&gt;</h3>"), std::string::npos);
  EXPECT_NE(html.find("<a href=\"https://example.com/x?a=1&amp;b=2\" rel=\"nofollow ugc noopener\""),
            std::string::npos);
  EXPECT_NE(html.find("&quot;now&quot;"), std::string::npos);
  EXPECT_NE(html.find("soundoff (2 Responses)"), std::string::npos);
  // The reply sits in its parent's reply list, after the parent's article.
  const auto parent_at = html.find("id=\"comment-" + first + "\"");
  const auto children_at = html.find("<ol class=\"so-children\">");
  const auto reply_at = html.find("id=\"comment-" + reply + "\"");
  ASSERT_NE(parent_at, std::string::npos);
  ASSERT_NE(reply_at, std::string::npos);
  EXPECT_LT(parent_at, children_at);
  EXPECT_LT(children_at, reply_at);
  EXPECT_NE(html.find("<blockquote>quoted</blockquote><p>answer</p>"), std::string::npos);
  for (const char* tag : {"ol", "li", "article", "p", "a", "div", "section", "header"}) expect_balanced(html, tag);
}

TEST_F(HtmlPages, PageLinksAreRealLinksThatReachEveryPage) {
  for (int i = 1; i <= 3; ++i) post("paged", "reader" + std::to_string(i), "comment number " + std::to_string(i));
  const auto first = get("/embed/threads/paged?per_page=1");
  ASSERT_TRUE(first);
  ASSERT_EQ(first->status, 200);
  EXPECT_NE(first->body.find("comment number 1"), std::string::npos);
  EXPECT_EQ(first->body.find("comment number 2"), std::string::npos);
  EXPECT_NE(first->body.find("<a class=\"so-page\" href=\"?page=2\">2</a>"), std::string::npos) << first->body;
  EXPECT_NE(first->body.find("rel=\"next\""), std::string::npos);
  const auto third = get("/embed/threads/paged?per_page=1&page=3&sort=oldest");
  ASSERT_TRUE(third);
  EXPECT_NE(third->body.find("comment number 3"), std::string::npos);
  EXPECT_NE(third->body.find("<span class=\"so-current\" aria-current=\"page\">3</span>"), std::string::npos);
  const auto newest = get("/embed/threads/paged?per_page=1&sort=newest");
  ASSERT_TRUE(newest);
  EXPECT_NE(newest->body.find("comment number 3"), std::string::npos);
  EXPECT_NE(newest->body.find("href=\"?page=2&amp;sort=newest\""), std::string::npos);
}

TEST_F(HtmlPages, BadQueriesAndKeysGetTheJsonApisErrors) {
  post("article-1", "Mary", "hello");
  const auto unknown = get("/embed/threads/article-1?bogus=1");
  ASSERT_TRUE(unknown);
  EXPECT_EQ(unknown->status, 400);
  EXPECT_NE(body_json(unknown).value("message", "").find("bogus"), std::string::npos) << unknown->body;
  const auto beyond = get("/embed/threads/article-1?page=9");
  ASSERT_TRUE(beyond);
  EXPECT_EQ(beyond->status, 400);
  const auto bad_key = get("/embed/threads/bad%20key");
  ASSERT_TRUE(bad_key);
  EXPECT_EQ(bad_key->status, 400);
  const auto empty = get("/embed/threads/nobody-wrote-here");
  ASSERT_TRUE(empty);
  EXPECT_EQ(empty->status, 200);
  EXPECT_NE(empty->body.find("soundoff (0 Responses)"), std::string::npos);
}

TEST_F(HtmlPages, DemoArticleCarriesTheFirstPageInsideTheWidgetElement) {
  const std::string id = post("article-1", "Mary", "first comment <i>here</i>");
  const auto res = get("/demo/article-1");
  ASSERT_TRUE(res);
  ASSERT_EQ(res->status, 200);
  const std::string& html = res->body;
  const auto host = html.find("<div id=\"soundoff\"><div class=\"soundoff-ssr\" data-soundoff-ssr");
  const auto comment = html.find("id=\"comment-" + id + "\"");
  const auto script = html.find("<script src=\"/soundoff.js\"");
  ASSERT_NE(host, std::string::npos) << html;
  EXPECT_LT(host, comment);
  EXPECT_LT(comment, script) << "the comments must paint before the script loads";
  EXPECT_NE(html.find("<link rel=\"stylesheet\" href=\"/soundoff-ssr.css\">"), std::string::npos);
  EXPECT_NE(html.find("first comment &lt;i&gt;here&lt;/i&gt;"), std::string::npos);
  // The article URL takes any query: a page that does not exist shows page 1 rather than failing.
  const auto odd = get("/demo/article-1?page=42&utm_source=x");
  ASSERT_TRUE(odd);
  EXPECT_EQ(odd->status, 200);
  EXPECT_NE(odd->body.find("id=\"comment-" + id + "\""), std::string::npos);
}

}  // namespace
}  // namespace soundoff::test
