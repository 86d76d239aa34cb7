// Atom feeds over real HTTP, read back by a real feed parser (Debian's
// python3-feedparser) and checked well-formed by xmllint.
#include <gtest/gtest.h>

#include <cstdio>
#include <fstream>

#include "server/atom_feed.h"
#include "server/server_harness.h"

namespace soundoff::test {
namespace {

using nlohmann::json;

// The POST route refuses control characters; xml_text's own test covers them.
const std::string kHostile = "<script>alert('x')</script> & \"quotes\" ]]> <![CDATA[ x &amp; \u202e";

// Output of `command` (stdout), or "" when it cannot run.
std::string run(const std::string& command) {
  std::string out;
  FILE* p = popen(command.c_str(), "r");
  if (p == nullptr) return out;
  char buf[4096];
  std::size_t n;
  while ((n = fread(buf, 1, sizeof buf, p)) > 0) out.append(buf, n);
  pclose(p);
  return out;
}

// The feed as feedparser sees it: {"bozo", "title", "entries": [{"id", "title", "author", "content", "link"}]}.
json parse_feed(const TempDir& dir, const std::string& xml) {
  const std::string file = dir.file("feed.xml");
  std::ofstream(file, std::ios::binary) << xml;
  const std::string script =
      "import feedparser, json, sys\n"
      "d = feedparser.parse(open(sys.argv[1], 'rb').read())\n"
      "print(json.dumps({'bozo': int(d.bozo), 'title': d.feed.get('title'), 'entries': [\n"
      "  {'id': e.get('id'), 'title': e.get('title'), 'author': e.get('author'),\n"
      "   'content': e.content[0].value if e.get('content') else None,\n"
      "   'type': e.content[0].type if e.get('content') else None, 'link': e.get('link')}\n"
      "  for e in d.entries]}))\n";
  std::ofstream(dir.file("parse.py")) << script;
  const std::string out = run("/usr/bin/python3 " + dir.file("parse.py") + " " + file + " 2>&1");
  const json j = json::parse(out, nullptr, false);
  EXPECT_FALSE(j.is_discarded()) << "feedparser (python3-feedparser, scripts/deps.sh) did not run: " << out;
  return j;
}

bool well_formed(const TempDir& dir, const std::string& xml) {
  const std::string file = dir.file("wf.xml");
  std::ofstream(file, std::ios::binary) << xml;
  return run("xmllint --noout " + file + " 2>&1 && echo ok") == "ok\n";
}

class Feeds : public ::testing::Test {
 protected:
  Feeds() : server_(config()) {}
  server::ServerConfig config() {
    auto c = test_config(dir_);
    c.admin_token = "correct-horse-battery-staple-0123456789";
    c.public_url = "https://news.example";
    c.spam_policy.weights.fill(0);  // weight 0 switches a check off: hostile text must reach the feed
    return c;
  }
  json post(const std::string& thread, const std::string& author, const std::string& body) {
    const json j = {{"author", author}, {"body", body}};
    return body_json(post_json(*server_.client(), "/api/threads/" + thread + "/comments", j.dump()));
  }
  TempDir dir_;
  InProcessServer server_;
};

TEST_F(Feeds, ThreadFeedHoldsPublishedCommentsNewestFirstAndParses) {
  post("article-1", "Mary", "first");
  post("article-1", "saywhat", "second");
  post("article-2", "Other", "elsewhere");
  auto res = server_.client()->Get("/feed/threads/article-1.atom");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 200);
  EXPECT_EQ(res->get_header_value("Content-Type"), "application/atom+xml; charset=utf-8");
  EXPECT_TRUE(well_formed(dir_, res->body));
  const json feed = parse_feed(dir_, res->body);
  EXPECT_EQ(feed["bozo"], 0);
  ASSERT_EQ(feed["entries"].size(), 2u);
  EXPECT_EQ(feed["entries"][0]["content"], "second");
  EXPECT_EQ(feed["entries"][0]["author"], "saywhat");
  EXPECT_EQ(feed["entries"][0]["type"], "text/plain");
  EXPECT_EQ(feed["entries"][1]["content"], "first");
  const std::string link = feed["entries"][1]["link"];
  EXPECT_EQ(link.rfind("https://news.example/demo/article-1#comment-", 0), 0u) << link;
}

TEST_F(Feeds, SiteFeedCoversEveryThread) {
  post("article-1", "Mary", "one");
  post("article-2", "Bob", "two");
  auto res = server_.client()->Get("/feed/recent.atom");
  ASSERT_TRUE(res);
  const json feed = parse_feed(dir_, res->body);
  ASSERT_EQ(feed["entries"].size(), 2u);
  EXPECT_EQ(feed["entries"][0]["content"], "two");
  EXPECT_EQ(feed["entries"][1]["content"], "one");
  EXPECT_NE(feed["entries"][0]["id"], feed["entries"][1]["id"]);
}

TEST_F(Feeds, HostileTextStaysTextAndTheFeedStaysWellFormed) {
  post("article-1", "<b>bold</b> & co", kHostile);
  auto res = server_.client()->Get("/feed/threads/article-1.atom");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->body.find("<script>"), std::string::npos);
  EXPECT_EQ(res->body.find("<b>"), std::string::npos);
  EXPECT_TRUE(well_formed(dir_, res->body)) << res->body;
  const json feed = parse_feed(dir_, res->body);
  EXPECT_EQ(feed["bozo"], 0);
  ASSERT_EQ(feed["entries"].size(), 1u);
  EXPECT_EQ(feed["entries"][0]["author"], "<b>bold</b> & co");
  EXPECT_EQ(feed["entries"][0]["content"], kHostile);
}

TEST_F(Feeds, HeldAndRejectedCommentsAreNotInFeeds) {
  const std::string id = post("article-1", "Mary", "visible for now")["id"];
  post("article-1", "Bob", "stays");
  const httplib::Headers admin = {{"Authorization", "Bearer correct-horse-battery-staple-0123456789"}};
  ASSERT_EQ(post_json(*server_.client(), "/api/comments/" + id + "/reject", "{}", admin)->status, 200);
  for (const std::string path : {"/feed/threads/article-1.atom", "/feed/recent.atom"}) {
    const json feed = parse_feed(dir_, server_.client()->Get(path)->body);
    ASSERT_EQ(feed["entries"].size(), 1u) << path;
    EXPECT_EQ(feed["entries"][0]["content"], "stays");
  }
}

TEST_F(Feeds, UnchangedFeedAnswers304ToItsETag) {
  post("article-1", "Mary", "one");
  auto first = server_.client()->Get("/feed/threads/article-1.atom");
  const std::string etag = first->get_header_value("ETag");
  ASSERT_FALSE(etag.empty());
  auto again = server_.client()->Get("/feed/threads/article-1.atom", {{"If-None-Match", etag}});
  EXPECT_EQ(again->status, 304);
  EXPECT_TRUE(again->body.empty());
  post("article-1", "Bob", "two");
  auto changed = server_.client()->Get("/feed/threads/article-1.atom", {{"If-None-Match", etag}});
  EXPECT_EQ(changed->status, 200);
  EXPECT_NE(changed->get_header_value("ETag"), etag);
}

TEST_F(Feeds, EmptyAndInvalidThreads) {
  auto empty = server_.client()->Get("/feed/threads/nobody-here.atom");
  ASSERT_TRUE(empty);
  EXPECT_EQ(empty->status, 200);
  EXPECT_EQ(parse_feed(dir_, empty->body)["entries"].size(), 0u);
  auto bad = server_.client()->Get("/feed/threads/bad%20key.atom");
  EXPECT_EQ(bad->status, 400);
}

TEST_F(Feeds, DemoPageAdvertisesItsThreadFeed) {
  auto res = server_.client()->Get("/demo/article-1");
  ASSERT_TRUE(res);
  EXPECT_NE(res->body.find("<link rel=\"alternate\" type=\"application/atom+xml\""), std::string::npos);
  EXPECT_NE(res->body.find("href=\"/feed/threads/article-1.atom\""), std::string::npos);
}

TEST(AtomText, InvalidUtf8BecomesReplacementAndXmlSpecialsAreEscaped) {
  EXPECT_EQ(server::xml_text("a\xFF<b>&\"\x0B\t"), "a\xEF\xBF\xBD&lt;b&gt;&amp;&quot;\t");
  EXPECT_EQ(server::xml_text("\xEF\xBF\xBE"), "") << "U+FFFE is not an XML character";
}

}  // namespace
}  // namespace soundoff::test
