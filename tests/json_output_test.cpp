// Every JSON text core writes goes through JsonWriter and follows one escaping
// policy (docs/json-parsing.md): <, >, & as \u003c, \u003e, \u0026, U+2028/U+2029
// escaped, bytes that are not UTF-8 as U+FFFD. Each output is fed markup and checked.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "json_writer.h"
#include "soundoff/document.h"
#include "soundoff/page_json.h"
#include "soundoff/reply_resolution.h"
#include "soundoff/spam.h"
#include "soundoff/text_segments.h"
#include "soundoff/thread.h"
#include "soundoff/token_filter.h"
#include "support/builders.h"

namespace soundoff {
namespace {

using nlohmann::json;

constexpr const char* kMarkup = "</script><b>Tom & Jerry</b>\xE2\x80\xA8";

// No raw HTML-significant byte or line separator, and the text is valid JSON.
void expect_script_safe(const std::string& text) {
  EXPECT_EQ(text.find_first_of("<>&"), std::string::npos) << text;
  EXPECT_EQ(text.find("\xE2\x80\xA8"), std::string::npos) << text;
  EXPECT_EQ(text.find("\xE2\x80\xA9"), std::string::npos) << text;
  EXPECT_FALSE(json::parse(text, nullptr, false).is_discarded()) << text;
}

std::string write_string(std::string_view s) { return detail::JsonWriter().value(s).take(); }

TEST(JsonEscaping, MarkupAndLineSeparatorsAreWrittenAsEscapes) {
  EXPECT_EQ(write_string("<a href=\"x\">&</a>"), R"("\u003ca href=\"x\"\u003e\u0026\u003c/a\u003e")");
  EXPECT_EQ(write_string("a\xE2\x80\xA8z\xE2\x80\xA9"), R"("a\u2028z\u2029")");
}

TEST(JsonEscaping, ControlCharactersAndDelAreEscaped) {
  EXPECT_EQ(write_string(std::string("\n\r\t\0\x1F\x7F\\", 7)), R"("\n\r\t\u0000\u001f\u007f\\")");
}

TEST(JsonEscaping, OtherUnicodeTextIsKeptAsItIs) {
  const std::string text = "caf\xC3\xA9 \xE2\x80\x94 \xE2\x82\xAC \xF0\x9F\x98\x80";  // é, em dash, euro, emoji
  EXPECT_EQ(write_string(text), "\"" + text + "\"");
}

TEST(JsonEscaping, BytesThatAreNotUtf8BecomeReplacementCharacters) {
  EXPECT_EQ(write_string("a\xFF"
                         "b"),
            R"("a\ufffdb")");
  EXPECT_EQ(write_string("\xC3"), R"("\ufffd")") << "a truncated sequence at the end";
  EXPECT_EQ(write_string("\xED\xA0\x80"), R"("\ufffd\ufffd\ufffd")") << "an encoded surrogate";
  EXPECT_EQ(write_string("\xE2\x80"), R"("\ufffd\ufffd")") << "a truncated U+2028 lead";
}

TEST(JsonEscaping, NumbersAreTheShortestDecimalThatReadsBack) {
  EXPECT_EQ(detail::JsonWriter().value(0.3).take(), "0.3");
  EXPECT_EQ(detail::JsonWriter().value(86400.0).take(), "86400.0");
  EXPECT_EQ(json::parse(detail::JsonWriter().value(0.1 + 0.2).take()).get<double>(), 0.1 + 0.2);
  EXPECT_EQ(detail::JsonWriter().value(1.0 / 0.0).take(), "null");
}

Comment hostile_comment(std::string id, std::string parent = "") {
  Comment c = test::make_comment(std::move(id), std::move(parent));
  c.author = kMarkup;
  c.body = std::string("@") + kMarkup + " see https://example.com/?a=1&b=<2>";
  c.external_id = kMarkup;
  return c;
}

TEST(JsonEscaping, PagesAndErrorsFollowThePolicy) {
  std::vector<Comment> comments = {hostile_comment("1"), hostile_comment("2", "1")};
  const auto thread = assemble_thread(std::move(comments));
  const auto view = make_view(thread, SortOrder::oldest);
  const std::vector<RecordError> errors = {{0, kMarkup, "author", "wrong_type", kMarkup}};
  expect_script_safe(page_to_json(view, *build_page(view, PageRequest{}), errors));
  expect_script_safe(error_to_json(Error{"invalid_argument", kMarkup}));
}

TEST(JsonEscaping, DocumentExportsFollowThePolicy) {
  Document document;
  document.thread = kMarkup;
  document.comments = {hostile_comment("1"), hostile_comment("2", "1")};
  document.comments[1].thread = kMarkup;
  const std::string text = to_document_json(document);
  expect_script_safe(text);
  const auto back = parse_document(text);
  ASSERT_TRUE(back.ok()) << back.error().message;
  EXPECT_EQ(back->thread, kMarkup);
  EXPECT_EQ(back->comments[0].author, kMarkup);
}

TEST(JsonEscaping, TheExportFormatsBuildingBlocksFollowThePolicy) {
  EXPECT_EQ(to_json_string("<a>&"), R"("\u003ca\u003e\u0026")");
  const std::string comments = comments_to_json({hostile_comment("1")});
  expect_script_safe(comments);
  EXPECT_EQ(to_document_json({"t", {hostile_comment("1")}, {}}), "{\"comments\":" + comments + ",\"thread\":\"t\"}");
}

TEST(JsonEscaping, DocumentExportsWriteInvalidUtf8AsReplacementCharacters) {
  Document document;
  document.comments = {test::make_comment("1")};
  document.comments[0].body = "bad \xFF byte";
  const auto back = parse_document(to_document_json(document));
  ASSERT_TRUE(back.ok());
  ASSERT_EQ(back->comments.size(), 1u) << "the record is still valid UTF-8";
  EXPECT_EQ(back->comments[0].body, "bad \xEF\xBF\xBD byte");
}

TEST(JsonEscaping, SpamVerdictsAndPoliciesFollowThePolicy) {
  SpamCheck check;
  check.verdict = Verdict::hold;
  check.score = 0.5;
  check.reasons.push_back({"banned_word", kMarkup, 0.5});
  expect_script_safe(spam_check_to_json(check, kMarkup));
  SpamPolicy policy;
  policy.banned_words = WordList({kMarkup});
  policy.moderation_words = WordList({"a&b"});
  const std::string text = spam_policy_to_json(policy);
  expect_script_safe(text);
  const auto back = parse_spam_policy(text);
  ASSERT_TRUE(back.ok()) << back.error().message;
  EXPECT_EQ(back->banned_words.entries(), policy.banned_words.entries());
}

TEST(JsonEscaping, ReplyVerdictsFollowThePolicy) {
  const std::vector<Comment> comments = {hostile_comment("1"), hostile_comment("2")};
  expect_script_safe(replies_to_json(kMarkup, comments, resolve_replies(comments)));
}

TEST(JsonEscaping, TextSegmentsFollowThePolicy) {
  const auto segments = segment_text(std::string("> ") + kMarkup + "\nhttps://example.com/?a=<1>&b");
  ASSERT_TRUE(segments.ok());
  expect_script_safe(text_segments_to_json(*segments));
}

TEST(JsonEscaping, TokenFilterModelsFollowThePolicy) {
  auto model = TokenFilter::from_json(
      R"({"format": "soundoff-token-filter", "version": 1, "spam_messages": 1, "ham_messages": 1,
          "tokens": {"\u003cb\u003e\u0026": [1, 0]}})");
  ASSERT_TRUE(model.ok()) << model.error().message;
  const std::string text = model->to_json();
  expect_script_safe(text);
  EXPECT_NE(text.find(R"("\u003cb\u003e\u0026":[1,0])"), std::string::npos) << text;
}

}  // namespace
}  // namespace soundoff
