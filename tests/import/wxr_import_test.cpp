#include "import/importers.h"
#include "import_test_support.h"
#include "soundoff/time.h"

namespace soundoff {
namespace {

using import::IssueKind;
using test::find_comment;
using test::find_thread;

TEST(WxrImport, IssoFixtureKeysThreadsByPostIdElsePermalink) {
  SOUNDOFF_REQUIRE_FIXTURE(xml, "isso-wordpress-wxr.xml");
  auto result = import::import_wxr(*xml);
  ASSERT_TRUE(result.ok()) << result.error().message;
  EXPECT_EQ(result->comment_count(), 8u);
  ASSERT_EQ(result->threads.size(), 2u);  // the item without comments makes no thread
  const auto* post = find_thread(*result, "18");
  ASSERT_NE(post, nullptr);
  EXPECT_EQ(post->title, "Hello, World…");
  EXPECT_EQ(post->url, "http://example.tld/2014/test/");
  EXPECT_EQ(post->comments.size(), 7u);
  const auto* by_link = find_thread(*result, "http://example.tld/?p=4");
  ASSERT_NE(by_link, nullptr);
  ASSERT_EQ(by_link->comments.size(), 1u);
  EXPECT_EQ(by_link->comments[0].id, "11");  // the same id as in the other thread: ids are per thread
  EXPECT_TRUE(result->issues.empty());
}

TEST(WxrImport, IssoFixtureKeepsNestingTimesAndLineBreaks) {
  SOUNDOFF_REQUIRE_FIXTURE(xml, "isso-wordpress-wxr.xml");
  auto result = import::import_wxr(*xml);
  ASSERT_TRUE(result.ok()) << result.error().message;
  const auto& post = *find_thread(*result, "18");
  EXPECT_EQ(test::count_replies(post), 3u);
  EXPECT_TRUE(test::parents_resolve(post));
  EXPECT_EQ(find_comment(post, "7")->parent, "6");
  EXPECT_EQ(find_comment(post, "8")->parent, "7");
  EXPECT_EQ(find_comment(post, "9")->parent, "7");
  EXPECT_FALSE(find_comment(post, "2")->has_parent());
  // comment_date_gmt is the time; the site-local comment_date (10 hours ahead here) is not.
  EXPECT_EQ(find_comment(post, "10")->created_ms, *parse_iso8601_ms("2022-06-06T02:13:14Z"));
  // Comment 7 has only a GMT date.
  EXPECT_EQ(find_comment(post, "7")->created_ms, *parse_iso8601_ms("2014-04-29T15:21:35Z"));
  EXPECT_EQ(find_comment(post, "10")->body,
            "When you have a comment with multiple lines:\nWordPress exports it like this.");
  EXPECT_EQ(find_comment(post, "2")->body, "Erster!1");
  EXPECT_EQ(find_comment(post, "7")->author, "Tester");
  EXPECT_EQ(find_comment(post, "7")->external_id, "7");
}

TEST(WxrImport, ThemeUnitTestDataHas33CommentsOf10NestedAndLeavesOutPingbacks) {
  SOUNDOFF_REQUIRE_FIXTURE(xml, "wp-theme-unit-test-data.xml");
  auto result = import::import_wxr(*xml);
  ASSERT_TRUE(result.ok()) << result.error().message;
  // 33 <wp:comment>s: 29 reader comments + 2 pingbacks + 2 trackbacks.
  EXPECT_EQ(result->comment_count(), 29u);
  EXPECT_EQ(result->count(IssueKind::omitted), 4u);
  EXPECT_EQ(test::count_issues(*result, IssueKind::omitted, "pingback_omitted"), 2u);
  EXPECT_EQ(test::count_issues(*result, IssueKind::omitted, "trackback_omitted"), 2u);
  EXPECT_EQ(result->count(IssueKind::rejected), 0u);
  EXPECT_EQ(result->count(IssueKind::adjusted), 0u);

  std::size_t nested = 0;
  for (const auto& t : result->threads) {
    nested += test::count_replies(t);
    EXPECT_TRUE(test::parents_resolve(t)) << t.key;
  }
  EXPECT_EQ(nested, 10u);
  EXPECT_EQ(result->threads.size(), 7u);
  const auto* comments_page = find_thread(*result, "1148");
  ASSERT_NE(comments_page, nullptr);
  EXPECT_EQ(comments_page->title, "Template: Comments");
  EXPECT_EQ(comments_page->comments.size(), 20u);
  EXPECT_EQ(test::count_replies(*comments_page), 9u);
  // The pingback page keeps its one reader comment only.
  ASSERT_NE(find_thread(*result, "1149"), nullptr);
  EXPECT_EQ(find_thread(*result, "1149")->comments.size(), 1u);
  // comment_approved: 3 held for moderation, the rest approved.
  EXPECT_EQ(test::count_status(*result, Status::pending), 3u);
  EXPECT_EQ(test::count_status(*result, Status::published), 26u);
}

std::string wxr_with(const std::string& comments) {
  return R"(<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:wp="http://wordpress.org/export/1.2/"><channel><item><title>T</title>
<link>https://example.org/t/</link><wp:post_id>5</wp:post_id>)" +
         comments + "</item></channel></rss>";
}

std::string wxr_comment(const std::string& id, const std::string& parent, const std::string& approved,
                        const std::string& type = "") {
  return "<wp:comment><wp:comment_id>" + id + "</wp:comment_id><wp:comment_author>A &amp;amp; B</wp:comment_author>" +
         "<wp:comment_date_gmt>2020-02-02 10:00:00</wp:comment_date_gmt><wp:comment_content>x</wp:comment_content>" +
         "<wp:comment_approved>" + approved + "</wp:comment_approved><wp:comment_type>" + type +
         "</wp:comment_type><wp:comment_parent>" + parent + "</wp:comment_parent></wp:comment>";
}

TEST(WxrImport, CommentApprovedValuesMapToStatuses) {
  auto result = import::import_wxr(wxr_with(wxr_comment("1", "0", "1") + wxr_comment("2", "0", "0") +
                                            wxr_comment("3", "0", "spam") + wxr_comment("4", "0", "trash") +
                                            wxr_comment("5", "0", "post-trashed")));
  ASSERT_TRUE(result.ok()) << result.error().message;
  const auto& t = result->threads.at(0);
  EXPECT_EQ(find_comment(t, "1")->status, Status::published);
  EXPECT_EQ(find_comment(t, "2")->status, Status::pending);
  EXPECT_EQ(find_comment(t, "3")->status, Status::spam);
  EXPECT_EQ(find_comment(t, "4")->status, Status::deleted);
  EXPECT_EQ(find_comment(t, "5")->status, Status::deleted);
  EXPECT_EQ(find_comment(t, "1")->author, "A & B");  // WordPress stores names HTML-escaped
}

TEST(WxrImport, UnknownApprovalValueIsRejectedNamingTheField) {
  auto result = import::import_wxr(wxr_with(wxr_comment("1", "0", "1") + wxr_comment("2", "0", "maybe")));
  ASSERT_FALSE(result.ok());
  EXPECT_NE(result.error().message.find("wp:comment_id 2"), std::string::npos) << result.error().message;
  EXPECT_NE(result.error().message.find("'wp:comment_approved' is \"maybe\""), std::string::npos)
      << result.error().message;
}

TEST(WxrImport, ReplyToAnOmittedPingbackMovesUpToThePingbacksParent) {
  auto result = import::import_wxr(
      wxr_with(wxr_comment("1", "0", "1") + wxr_comment("2", "1", "1", "pingback") + wxr_comment("3", "2", "1")));
  ASSERT_TRUE(result.ok()) << result.error().message;
  const auto& t = result->threads.at(0);
  EXPECT_EQ(t.comments.size(), 2u);
  EXPECT_EQ(find_comment(t, "3")->parent, "1");
  EXPECT_EQ(test::count_issues(*result, IssueKind::adjusted, "parent_omitted"), 1u);
  EXPECT_EQ(test::count_issues(*result, IssueKind::omitted, "pingback_omitted"), 1u);
}

TEST(WxrImport, PluginCommentTypesAreOmittedAsNotReaderComments) {
  auto result =
      import::import_wxr(wxr_with(wxr_comment("1", "0", "1", "comment") + wxr_comment("2", "0", "1", "order_note")));
  ASSERT_TRUE(result.ok()) << result.error().message;
  EXPECT_EQ(result->comment_count(), 1u);
  EXPECT_EQ(test::count_issues(*result, IssueKind::omitted, "comment_type_omitted"), 1u);
}

TEST(WxrImport, DuplicateCommentIdInOnePostIsRejected) {
  auto result = import::import_wxr(wxr_with(wxr_comment("1", "0", "1") + wxr_comment("1", "0", "1")));
  ASSERT_FALSE(result.ok());
  EXPECT_NE(result.error().message.find("already used"), std::string::npos) << result.error().message;
}

}  // namespace
}  // namespace soundoff
