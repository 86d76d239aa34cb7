#include "import/importers.h"
#include "import_test_support.h"
#include "soundoff/time.h"

namespace soundoff {
namespace {

using import::IssueKind;
using test::find_comment;
using test::find_thread;

TEST(DisqusImport, IssoFixtureKeepsEveryPostInItsThread) {
  SOUNDOFF_REQUIRE_FIXTURE(xml, "isso-disqus.xml");
  auto result = import::import_disqus(*xml);
  ASSERT_TRUE(result.ok()) << result.error().message;
  EXPECT_EQ(result->comment_count(), 6u);
  ASSERT_EQ(result->threads.size(), 3u);

  // <id> (disqus_identifier) names the thread when set; title and link come along.
  const auto* hello = find_thread(*result, "some-id");
  ASSERT_NE(hello, nullptr);
  EXPECT_EQ(hello->title, "Hello, World!");
  EXPECT_EQ(hello->url, "http://example.org/");
  EXPECT_EQ(hello->comments.size(), 4u);
  // A thread without <id> is keyed by its <link>.
  const auto* by_link = find_thread(*result, "http://localhost:4000/blog/2013/02/12/redacted/index.html");
  ASSERT_NE(by_link, nullptr);
  ASSERT_EQ(by_link->comments.size(), 1u);
  EXPECT_EQ(by_link->comments[0].body, "Message from thread with empty title and id");
}

TEST(DisqusImport, RepliesKeepTheirParentsAndDeletedPostsBecomeTombstones) {
  SOUNDOFF_REQUIRE_FIXTURE(xml, "isso-disqus.xml");
  auto result = import::import_disqus(*xml);
  ASSERT_TRUE(result.ok()) << result.error().message;
  const auto* hello = find_thread(*result, "some-id");
  ASSERT_NE(hello, nullptr);
  EXPECT_EQ(test::count_replies(*hello), 2u);
  EXPECT_TRUE(test::parents_resolve(*hello));
  const auto* reply = find_comment(*hello, "5");
  ASSERT_NE(reply, nullptr);
  EXPECT_EQ(reply->parent, "4");
  EXPECT_EQ(reply->body, "Hello, World.");  // <p> markup is gone
  EXPECT_EQ(reply->author, "user");
  EXPECT_EQ(reply->created_ms, *parse_iso8601_ms("2013-10-11T06:51:33Z"));
  const auto* deleted = find_comment(*hello, "9");
  ASSERT_NE(deleted, nullptr);
  EXPECT_EQ(deleted->status, Status::deleted);
  EXPECT_EQ(find_comment(*hello, "11")->parent, "9");  // the reply to it stays attached
  EXPECT_EQ(test::count_status(*result, Status::published), 5u);
}

TEST(DisqusImport, OriginalIdsAreKeptAsExternalIds) {
  SOUNDOFF_REQUIRE_FIXTURE(xml, "isso-disqus.xml");
  auto result = import::import_disqus(*xml);
  ASSERT_TRUE(result.ok()) << result.error().message;
  for (const auto& t : result->threads)
    for (const auto& c : t.comments) EXPECT_EQ(c.external_id, c.id);
  EXPECT_NE(find_comment(*find_thread(*result, "some-id"), "4"), nullptr);
}

TEST(DisqusImport, PostOfAThreadMissingFromTheExportIsKeptApartAndReported) {
  SOUNDOFF_REQUIRE_FIXTURE(xml, "isso-disqus.xml");
  auto result = import::import_disqus(*xml);
  ASSERT_TRUE(result.ok()) << result.error().message;
  const auto* lost = find_thread(*result, "disqus-thread-1337");
  ASSERT_NE(lost, nullptr);
  ASSERT_EQ(lost->comments.size(), 1u);
  EXPECT_EQ(lost->comments[0].id, "6");
  ASSERT_EQ(result->issues.size(), 1u);
  EXPECT_EQ(result->issues[0].kind, IssueKind::adjusted);
  EXPECT_EQ(result->issues[0].code, "unknown_thread");
  EXPECT_NE(result->issues[0].message.find("1337"), std::string::npos);
}

TEST(DisqusImport, MalformedExportIsRejectedByDefaultNamingLineAndReason) {
  SOUNDOFF_REQUIRE_FIXTURE(xml, "remark42-disqus.xml");
  auto result = import::import_disqus(*xml);
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error().code, "invalid_xml");
  EXPECT_NE(result.error().message.find("line 147, column 24"), std::string::npos) << result.error().message;
  EXPECT_NE(result.error().message.find("attribute"), std::string::npos) << result.error().message;
}

TEST(DisqusImport, MalformedExportImportsLenientlyAndReportsEverySkippedRecord) {
  SOUNDOFF_REQUIRE_FIXTURE(xml, "remark42-disqus.xml");
  import::ImportOptions options;
  options.lenient = true;
  auto result = import::import_disqus(*xml, options);
  ASSERT_TRUE(result.ok()) << result.error().message;
  EXPECT_EQ(result->comment_count(), 4u);
  ASSERT_EQ(result->threads.size(), 2u);
  const auto* podcast = find_thread(*result, "http://www.radio-t.com/p/2011/03/05/podcast-229/");
  ASSERT_NE(podcast, nullptr);
  EXPECT_EQ(podcast->url, "https://radio-t.com/p/2011/03/05/podcast-229/");
  EXPECT_EQ(podcast->title, "Радио-Т: Радио-Т 229");
  ASSERT_NE(find_comment(*podcast, "299986073"), nullptr);
  EXPECT_EQ(find_comment(*podcast, "299986073")->status, Status::spam);
  // The thread without <id> is keyed by its link.
  EXPECT_NE(find_thread(*result, "http://radio-t.umputun.com/2011/03/229_8880.html"), nullptr);

  // Skipped: the syntax error, the post without dsq:id, and every bad field of the broken post.
  std::vector<std::pair<std::string, std::string>> rejected;  // record prefix, field
  for (const auto& issue : result->issues) {
    EXPECT_EQ(issue.kind, IssueKind::rejected) << issue.message;
    rejected.emplace_back(issue.record.substr(0, issue.record.find(" at ")), issue.field);
  }
  const std::vector<std::pair<std::string, std::string>> expected = {
      {"document", ""}, {"post #4", "dsq:id"}, {"post #6", "thread"}, {"post #6", "createdAt"}, {"post #6", "isSpam"}};
  EXPECT_EQ(rejected, expected);
  for (const auto& issue : result->issues) {
    if (issue.field == "isSpam") {
      EXPECT_NE(issue.message.find("\"123\""), std::string::npos) << issue.message;
    }
    if (issue.field == "createdAt") {
      EXPECT_NE(issue.message.find("2011-x09-30T22:48:43Z"), std::string::npos) << issue.message;
    }
  }
}

TEST(DisqusImport, InvalidRecordInWellFormedXmlFailsStrictImportWithRecordAndField) {
  const std::string xml = R"(<disqus xmlns:dsq="http://disqus.com/disqus-internals">
<thread dsq:id="1"><id>page</id></thread>
<post dsq:id="10"><message>fine</message><createdAt>2020-01-01T00:00:00Z</createdAt><thread dsq:id="1"/></post>
<post dsq:id="11"><message>bad</message><createdAt>2020-01-01T00:00:00Z</createdAt><isDeleted>maybe</isDeleted>
<thread dsq:id="1"/></post>
</disqus>)";
  auto strict = import::import_disqus(xml);
  ASSERT_FALSE(strict.ok());
  EXPECT_EQ(strict.error().code, "invalid_record");
  EXPECT_NE(strict.error().message.find("post #2 at line 4 (dsq:id \"11\")"), std::string::npos)
      << strict.error().message;
  EXPECT_NE(strict.error().message.find("'isDeleted' is \"maybe\""), std::string::npos) << strict.error().message;

  import::ImportOptions lenient;
  lenient.lenient = true;
  auto result = import::import_disqus(xml, lenient);
  ASSERT_TRUE(result.ok());
  EXPECT_EQ(result->comment_count(), 1u);
  EXPECT_EQ(result->count(IssueKind::rejected), 1u);
}

TEST(DisqusImport, SpamVerdictWinsOverDeletion) {
  const std::string xml = R"(<disqus xmlns:dsq="http://disqus.com/disqus-internals">
<thread dsq:id="1"><link>https://example.org/a</link></thread>
<post dsq:id="10"><createdAt>2020-01-01T00:00:00Z</createdAt><isDeleted>true</isDeleted><isSpam>true</isSpam>
<thread dsq:id="1"/></post></disqus>)";
  auto result = import::import_disqus(xml);
  ASSERT_TRUE(result.ok()) << result.error().message;
  ASSERT_EQ(result->comment_count(), 1u);
  EXPECT_EQ(result->threads[0].key, "https://example.org/a");
  EXPECT_EQ(result->threads[0].comments[0].status, Status::spam);
}

}  // namespace
}  // namespace soundoff
