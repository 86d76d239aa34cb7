#include <nlohmann/json.hpp>

#include "import/importers.h"
#include "import_test_support.h"

namespace soundoff {
namespace {

using import::Source;

struct Case {
  Source source;
  const char* fixture;
  bool lenient;
};

constexpr Case kCases[] = {
    {Source::disqus, "isso-disqus.xml", false},          {Source::wxr, "isso-wordpress-wxr.xml", false},
    {Source::isso, "isso-generic.json", false},          {Source::remark42, "remark42-radiot-tree_bench.json", false},
    {Source::wxr, "wp-theme-unit-test-data.xml", false}, {Source::disqus, "remark42-disqus.xml", true},
};

TEST(ExportRoundTrip, ExportImportExportIsByteIdenticalForEveryFixture) {
  std::size_t ran = 0;
  for (const auto& c : kCases) {
    const auto text = test::thread_fixture(c.fixture);
    if (!text) continue;
    ++ran;
    import::ImportOptions options;
    options.lenient = c.lenient;
    auto imported = import::import_from(c.source, *text, options);
    ASSERT_TRUE(imported.ok()) << c.fixture << ": " << imported.error().message;
    const std::string first = import::write_export(imported->threads);
    auto again = import::import_soundoff(first);
    ASSERT_TRUE(again.ok()) << c.fixture << ": " << again.error().message;
    EXPECT_TRUE(again->issues.empty()) << c.fixture << ": " << again->issues.front().message;
    EXPECT_EQ(again->comment_count(), imported->comment_count()) << c.fixture;
    EXPECT_EQ(import::write_export(again->threads), first) << c.fixture;
  }
  if (ran == 0) GTEST_SKIP() << "../shared/datasets/threads is absent";
}

TEST(ExportRoundTrip, ReplyLinksAndExternalIdsSurviveTheRoundTrip) {
  SOUNDOFF_REQUIRE_FIXTURE(xml, "isso-disqus.xml");
  auto imported = import::import_disqus(*xml);
  ASSERT_TRUE(imported.ok());
  auto again = import::import_soundoff(import::write_export(imported->threads));
  ASSERT_TRUE(again.ok()) << again.error().message;
  const auto* thread = test::find_thread(*again, "some-id");
  ASSERT_NE(thread, nullptr);
  EXPECT_EQ(thread->title, "Hello, World!");
  EXPECT_EQ(thread->url, "http://example.org/");
  const auto* reply = test::find_comment(*thread, "5");
  ASSERT_NE(reply, nullptr);
  EXPECT_EQ(reply->parent, "4");
  EXPECT_EQ(reply->external_id, "5");
  EXPECT_EQ(test::find_comment(*thread, "9")->status, Status::deleted);
}

TEST(ExportFormat, HasOneThreadPerLineWithKeyTitleUrlAndCommentDocuments) {
  Comment a;
  a.id = "1";
  a.author = "Ann";
  a.body = "hi <b>";
  a.external_id = "dsq-1";
  a.created_ms = 1000;
  Comment b = a;
  b.id = "2";
  b.parent = "1";
  b.status = Status::pending;
  const std::string out =
      import::write_export({{"page-1", "Title", "https://e.org/1", {a, b}}, {"page-2", "", "", {}}});
  EXPECT_EQ(out,
            "{\"format\":\"soundoff-export\",\"version\":1,\"threads\":[\n"
            "{\"thread\":\"page-1\",\"title\":\"Title\",\"url\":\"https://e.org/1\",\"comments\":["
            "{\"author\":\"Ann\",\"body\":\"hi "
            "\\u003cb\\u003e\",\"created\":\"1970-01-01T00:00:01Z\",\"external_id\":\"dsq-1\","
            "\"id\":\"1\",\"status\":\"published\"},"
            "{\"author\":\"Ann\",\"body\":\"hi "
            "\\u003cb\\u003e\",\"created\":\"1970-01-01T00:00:01Z\",\"external_id\":\"dsq-1\","
            "\"id\":\"2\",\"parent\":\"1\",\"status\":\"pending\"}]},\n"
            "{\"thread\":\"page-2\",\"comments\":[]}\n]}\n");
  EXPECT_EQ(import::write_export({}), "{\"format\":\"soundoff-export\",\"version\":1,\"threads\":[]}\n");
}

TEST(SoundoffImport, AcceptsASingleCommentDocumentAsOneThread) {
  const std::string document = test::read_fixture("seed-thread.json");
  auto result = import::import_soundoff(document);
  ASSERT_TRUE(result.ok()) << result.error().message;
  ASSERT_EQ(result->threads.size(), 1u);
  EXPECT_EQ(result->threads[0].key, "russia-calls-for-talks-in-moscow-on-syria");
  EXPECT_FALSE(result->threads[0].comments.empty());
}

TEST(SoundoffImport, InvalidCommentInAnExportNamesItsThreadAndField) {
  const std::string text = R"({"format":"soundoff-export","version":1,"threads":[
    {"thread":"t","comments":[{"id":"1","created":"2020-01-01T00:00:00Z"},{"id":"2","created":"soon"}]}]})";
  auto strict = import::import_soundoff(text);
  ASSERT_FALSE(strict.ok());
  EXPECT_NE(strict.error().message.find("thread #0 (\"t\"): comment #1 (id \"2\"): field 'created'"), std::string::npos)
      << strict.error().message;
  import::ImportOptions lenient;
  lenient.lenient = true;
  auto result = import::import_soundoff(text, lenient);
  ASSERT_TRUE(result.ok());
  EXPECT_EQ(result->comment_count(), 1u);
}

TEST(SoundoffImport, RefusesAnotherFormatOrVersion) {
  auto wrong_format = import::import_soundoff(R"({"format":"other","threads":[]})");
  ASSERT_FALSE(wrong_format.ok());
  EXPECT_EQ(wrong_format.error().code, "invalid_document");
  auto wrong_version = import::import_soundoff(R"({"format":"soundoff-export","version":7,"threads":[]})");
  ASSERT_FALSE(wrong_version.ok());
  EXPECT_NE(wrong_version.error().message.find("version"), std::string::npos);
}

}  // namespace
}  // namespace soundoff
