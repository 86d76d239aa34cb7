#include "import/importers.h"
#include "import_test_support.h"
#include "soundoff/time.h"

namespace soundoff {
namespace {

using import::IssueKind;
using test::find_comment;
using test::find_thread;

TEST(IssoImport, GenericJsonFixtureGivesOneThreadPerPage) {
  SOUNDOFF_REQUIRE_FIXTURE(text, "isso-generic.json");
  auto result = import::import_isso(*text);
  ASSERT_TRUE(result.ok()) << result.error().message;
  ASSERT_EQ(result->threads.size(), 2u);
  EXPECT_EQ(result->comment_count(), 2u);
  const auto* first = find_thread(*result, "/posts/0001/");
  ASSERT_NE(first, nullptr);
  EXPECT_EQ(first->title, "Test+post");
  ASSERT_EQ(first->comments.size(), 1u);
  const auto& c = first->comments[0];
  EXPECT_EQ(c.id, "0");  // integer ids become text
  EXPECT_EQ(c.external_id, "0");
  EXPECT_EQ(c.author, "texas holdem");
  EXPECT_EQ(c.created_ms, *parse_iso8601_ms("2005-02-24T04:03:37Z"));
  EXPECT_EQ(find_thread(*result, "/posts/0007/")->comments[0].body, "Ja-make-a me crazzy mon :)\n");
}

TEST(IssoImport, ModesParentsAndVotesAreRead) {
  const std::string text = R"([{"id": "/a/", "comments": [
    {"id": 1, "created": 1600000000.5, "text": "*hi*", "author": "x", "mode": 1, "likes": 3, "dislikes": 1},
    {"id": 2, "parent": 1, "created": "2020-09-13 12:26:40", "text": "held", "mode": 2},
    {"id": 3, "parent": 1, "created": "2020-09-13 12:26:41", "text": "", "mode": 4}]}])";
  auto result = import::import_isso(text);
  ASSERT_TRUE(result.ok()) << result.error().message;
  const auto& t = result->threads.at(0);
  EXPECT_EQ(find_comment(t, "1")->created_ms, 1600000000500);
  EXPECT_EQ(find_comment(t, "1")->body, "*hi*");  // Markdown source stays as written
  EXPECT_EQ(find_comment(t, "1")->up, 3);
  EXPECT_EQ(find_comment(t, "1")->score, 2);
  EXPECT_EQ(find_comment(t, "2")->status, Status::pending);
  EXPECT_EQ(find_comment(t, "2")->parent, "1");
  EXPECT_EQ(find_comment(t, "3")->status, Status::deleted);
}

TEST(IssoImport, BadCommentIsRejectedWithThreadCommentAndField) {
  const std::string text = R"([{"id": "/a/", "comments": [{"id": 1, "created": "yesterday", "text": "x"}]}])";
  auto result = import::import_isso(text);
  ASSERT_FALSE(result.ok());
  EXPECT_NE(result.error().message.find("thread #0 (id \"/a/\") comment #0: field 'created'"), std::string::npos)
      << result.error().message;
}

TEST(Remark42Import, RadioTThreadHas58CommentsWithTheirTree) {
  SOUNDOFF_REQUIRE_FIXTURE(text, "remark42-radiot-tree_bench.json");
  auto result = import::import_remark42(*text);
  ASSERT_TRUE(result.ok()) << result.error().message;
  ASSERT_EQ(result->threads.size(), 1u);
  const auto& t = result->threads[0];
  EXPECT_EQ(t.key, "https://radio-t.com/p/2017/12/16/podcast-576/");
  EXPECT_EQ(t.url, t.key);
  EXPECT_EQ(t.comments.size(), 58u);
  EXPECT_EQ(test::count_replies(t), 31u);  // `pid` = parent
  EXPECT_TRUE(test::parents_resolve(t));
  EXPECT_TRUE(result->issues.empty());

  const auto* first = find_comment(t, "3665976683");
  ASSERT_NE(first, nullptr);
  EXPECT_EQ(first->external_id, "3665976683");
  EXPECT_EQ(first->author, "bobuk");
  EXPECT_EQ(first->body, "Новая реклама - позор! Отписка, немедленно!!111");
  EXPECT_EQ(first->score, 1);
  EXPECT_EQ(first->up, 1);
  EXPECT_EQ(first->created_ms, *parse_iso8601_ms("2017-12-17T04:47:50Z"));
  EXPECT_EQ(find_comment(t, "3666020878")->parent, "3665976683");
  // HTML bodies become text: no markup left, character references decoded.
  for (const auto& c : t.comments) EXPECT_EQ(c.body.find("<p>"), std::string::npos) << c.id;
  EXPECT_NE(find_comment(t, "3666132431")->body.find("\"Увеличение члена\""), std::string::npos);
}

TEST(Remark42Import, BackupFileSkipsItsMetadataLine) {
  const std::string text =
      "{\"version\":1,\"users\":[],\"posts\":[]}\n"
      "{\"id\":\"a\",\"pid\":\"\",\"text\":\"<p>one</p>\",\"user\":{\"name\":\"u\"},"
      "\"locator\":{\"url\":\"https://e.org/p\"},\"time\":\"2020-01-01T00:00:00Z\",\"delete\":true}\n"
      "{\"id\":\"b\",\"pid\":\"a\",\"text\":\"two\",\"user\":{\"name\":\"v\"},"
      "\"locator\":{\"url\":\"https://e.org/p\"},\"time\":\"2020-01-01T00:00:01Z\",\"votes\":{\"x\":false}}\n";
  auto result = import::import_remark42(text);
  ASSERT_TRUE(result.ok()) << result.error().message;
  ASSERT_EQ(result->comment_count(), 2u);
  const auto& t = result->threads[0];
  EXPECT_EQ(find_comment(t, "a")->status, Status::deleted);
  EXPECT_EQ(find_comment(t, "a")->body, "one");
  EXPECT_EQ(find_comment(t, "b")->down, 1);
}

TEST(Remark42Import, CommentWithoutLocatorIsRejectedLeniencyKeepsTheRest) {
  const std::string text = R"([{"id":"a","text":"x","time":"2020-01-01T00:00:00Z","locator":{"url":"u"}},
                               {"id":"b","text":"y","time":"2020-01-01T00:00:00Z"}])";
  EXPECT_FALSE(import::import_remark42(text).ok());
  import::ImportOptions lenient;
  lenient.lenient = true;
  auto result = import::import_remark42(text, lenient);
  ASSERT_TRUE(result.ok());
  EXPECT_EQ(result->comment_count(), 1u);
  ASSERT_EQ(result->count(IssueKind::rejected), 1u);
  EXPECT_EQ(result->issues[0].field, "locator.url");
  EXPECT_EQ(result->issues[0].record, "comment #1");
}

}  // namespace
}  // namespace soundoff
