#include <gtest/gtest.h>

#include "soundoff/document.h"
#include "soundoff/utf8.h"
#include "support/fixtures.h"

namespace soundoff {
namespace {

const RecordError* find_error(const Document& d, std::size_t index, const std::string& field) {
  for (const auto& e : d.errors)
    if (e.index == index && e.field == field) return &e;
  return nullptr;
}

TEST(DocumentCodec, ReadsTheDocumentShapeWithAllFields) {
  auto d = parse_document(R"({"thread": "article-123", "comments": [
    {"id": "c1", "author": "Mary", "created": "2013-09-09T17:24:00-04:00", "body": "first"},
    {"id": "c2", "parent": "c1", "author": "Mary", "created": "2013-09-09T17:24:00Z",
     "body": "text", "status": "published", "score": 3, "up": 4, "down": 1, "reports": 0}]})");
  ASSERT_TRUE(d.ok()) << d.error().message;
  EXPECT_EQ(d->thread, "article-123");
  ASSERT_EQ(d->comments.size(), 2u);
  EXPECT_TRUE(d->errors.empty());
  const auto& c2 = d->comments[1];
  EXPECT_EQ(c2.parent, "c1");
  EXPECT_EQ(c2.score, 3);
  EXPECT_EQ(c2.up, 4);
  EXPECT_EQ(c2.down, 1);
  EXPECT_EQ(d->comments[0].created_ms, 1378761840000);
}

TEST(DocumentCodec, AcceptsABareArrayIntegerIdsAndUnixSeconds) {
  auto d = parse_document(R"([{"id": 1, "created": 1378761840}, {"id": 2, "parent": 1, "created": 1378761841.5},
                              {"id": 3, "parent": null, "created": 0}])");
  ASSERT_TRUE(d.ok());
  ASSERT_EQ(d->comments.size(), 3u);
  EXPECT_EQ(d->comments[0].id, "1");
  EXPECT_EQ(d->comments[1].parent, "1");
  EXPECT_EQ(d->comments[1].created_ms, 1378761841500);
  EXPECT_FALSE(d->comments[2].has_parent());
  EXPECT_EQ(d->comments[0].status, Status::published);  // the default
}

TEST(DocumentCodec, ReportsEveryBadRecordWithIndexIdFieldAndReasonAndKeepsTheGoodOnes) {
  auto d = parse_document(R"({"comments": [
    {"author": "no id", "created": 0},
    {"id": "dup", "created": 0},
    {"id": "dup", "created": 0},
    {"id": "t", "created": "next tuesday"},
    {"id": "s", "created": 0, "status": "approved"},
    {"id": "w", "created": 0, "score": "high"},
    {"id": 1.5, "created": 0},
    "not an object",
    {"id": "ok", "created": 0}]})");
  ASSERT_TRUE(d.ok());
  ASSERT_EQ(d->comments.size(), 2u);
  EXPECT_EQ(d->comments[0].id, "dup");
  EXPECT_EQ(d->comments[1].id, "ok");
  ASSERT_EQ(d->errors.size(), 7u);
  EXPECT_EQ(find_error(*d, 0, "id")->code, "missing_field");
  const auto* dup = find_error(*d, 2, "id");
  ASSERT_NE(dup, nullptr);
  EXPECT_EQ(dup->code, "duplicate_id");
  EXPECT_EQ(dup->id, "dup");
  EXPECT_EQ(find_error(*d, 3, "created")->code, "invalid_time");
  EXPECT_NE(find_error(*d, 3, "created")->message.find("next tuesday"), std::string::npos);
  EXPECT_EQ(find_error(*d, 4, "status")->code, "unknown_status");
  EXPECT_EQ(find_error(*d, 5, "score")->code, "wrong_type");
  EXPECT_EQ(find_error(*d, 6, "id")->code, "wrong_type");
  EXPECT_EQ(find_error(*d, 7, "")->code, "not_an_object");
  EXPECT_NE(find_error(*d, 4, "status")->message.find("comment #4 (id \"s\")"), std::string::npos);
}

TEST(DocumentCodec, ReportsEveryProblemOfOneRecordAtOnce) {
  auto d = parse_document(R"([{"id": "x", "created": "bad", "status": "nope", "up": -1}])");
  ASSERT_TRUE(d.ok());
  EXPECT_TRUE(d->comments.empty());
  EXPECT_EQ(d->errors.size(), 3u);
}

TEST(DocumentCodec, InvalidUtf8IsARecordErrorAndTheOtherRecordsAreKept) {
  const std::string doc = std::string(R"([{"id": "a", "created": 0, "author": "ok", "body": "bad )") + "\xFF" +
                          R"("}, {"id": "b", "created": 0, "author": "m)" + "\xC3" +
                          R"("}, {"id": "c", "created": 0, "body": "fine \ufdd0"}])";
  auto d = parse_document(doc);
  ASSERT_TRUE(d.ok()) << d.error().message;
  ASSERT_EQ(d->comments.size(), 1u);
  EXPECT_EQ(d->comments[0].id, "c");
  EXPECT_EQ(d->comments[0].body, "fine \xEF\xB7\x90");  // a real U+FDD0 is not mistaken for a marker
  ASSERT_EQ(d->errors.size(), 2u);
  EXPECT_EQ(d->errors[0].field, "body");
  EXPECT_EQ(d->errors[0].code, "invalid_utf8");
  EXPECT_EQ(d->errors[0].message, "comment #0 (id \"a\"): field 'body' is not valid UTF-8 (byte 4)");
  EXPECT_EQ(d->errors[1].field, "author");
}

TEST(DocumentCodec, InvalidUtf8OutsideStringsAndLoneSurrogatesRejectTheDocument) {
  auto structural = parse_document(std::string("[{\"id\": \"a\", \"created\": 0}\xFF]"));
  ASSERT_FALSE(structural.ok());
  EXPECT_EQ(structural.error().code, "invalid_json");
  auto surrogate = parse_document(R"([{"id": "a", "created": 0, "body": "x\udc00"}])");
  ASSERT_FALSE(surrogate.ok());
  EXPECT_EQ(surrogate.error().code, "invalid_json");
  EXPECT_NE(surrogate.error().message.find("surrogate"), std::string::npos);
  auto high = parse_document(R"([{"id": "a", "created": 0, "body": "\ud800x"}])");
  ASSERT_FALSE(high.ok());
  EXPECT_NE(high.error().message.find("surrogate"), std::string::npos);
  // The same bytes typed raw are invalid UTF-8: that record's error only. A proper pair and an escaped
  // backslash before "udc00" are fine.
  auto raw = parse_document(
      "[{\"id\": \"a\", \"created\": 0, \"body\": \"x\xED\xB0\x80\"},"
      R"({"id": "b", "created": 0, "body": "\ud83d\ude09 \\udc00"}])");
  ASSERT_TRUE(raw.ok()) << raw.error().message;
  ASSERT_EQ(raw->errors.size(), 1u);
  EXPECT_EQ(raw->errors[0].code, "invalid_utf8");
  ASSERT_EQ(raw->comments.size(), 1u);
  EXPECT_EQ(raw->comments[0].body, "\U0001F609 \\udc00");
}

TEST(DocumentCodec, RejectsDocumentsThatAreNotJsonOrNotOfTheShape) {
  auto not_json = parse_document("{\"comments\": [");
  ASSERT_FALSE(not_json.ok());
  EXPECT_EQ(not_json.error().code, "invalid_json");
  EXPECT_NE(not_json.error().message.find("byte"), std::string::npos);
  for (const char* bad :
       {"42", "\"text\"", "{\"thread\": \"x\"}", "{\"comments\": {}}", "{\"comments\": [], \"thread\": []}"}) {
    auto d = parse_document(bad);
    ASSERT_FALSE(d.ok()) << bad;
    EXPECT_EQ(d.error().code, "invalid_document") << bad;
  }
  EXPECT_FALSE(parse_document("").ok());
}

TEST(DocumentCodec, EnforcesSizeLimitsWithClearMessages) {
  DocumentLimits limits;
  limits.max_bytes = 10;
  auto big = parse_document("[                 ]", limits);
  ASSERT_FALSE(big.ok());
  EXPECT_EQ(big.error().code, "too_large");
  limits = DocumentLimits{};
  limits.max_body_bytes = 4;
  auto d = parse_document(R"([{"id": "a", "created": 0, "body": "too long"}])", limits);
  ASSERT_TRUE(d.ok());
  ASSERT_EQ(d->errors.size(), 1u);
  EXPECT_EQ(d->errors[0].code, "too_long");
  EXPECT_EQ(d->errors[0].field, "body");
}

TEST(DocumentCodec, StripsAByteOrderMark) {
  auto d = parse_document("\xEF\xBB\xBF[{\"id\": \"a\", \"created\": 0}]");
  ASSERT_TRUE(d.ok());
  EXPECT_EQ(d->comments.size(), 1u);
}

TEST(DocumentCodec, RoundTripsThroughToDocumentJson) {
  auto d = parse_document(test::read_fixture("seed-thread.json"));
  ASSERT_TRUE(d.ok());
  auto again = parse_document(to_document_json(*d));
  ASSERT_TRUE(again.ok());
  ASSERT_EQ(again->comments.size(), d->comments.size());
  for (std::size_t i = 0; i < d->comments.size(); ++i) {
    EXPECT_EQ(again->comments[i].id, d->comments[i].id);
    EXPECT_EQ(again->comments[i].body, d->comments[i].body);
    EXPECT_EQ(again->comments[i].author, d->comments[i].author);
    EXPECT_EQ(again->comments[i].created_ms, d->comments[i].created_ms);
  }
  EXPECT_EQ(to_document_json(*again), to_document_json(*d));
}

}  // namespace
}  // namespace soundoff

namespace soundoff {
namespace {
TEST(DocumentCodec, ScoreDefaultsToNetVotesWhenAbsent) {
  auto d = parse_document(
      R"([{"id": "a", "created": 0, "up": 5, "down": 2}, {"id": "b", "created": 0, "up": 5, "score": 1}])");
  ASSERT_TRUE(d.ok());
  EXPECT_EQ(d->comments[0].score, 3);
  EXPECT_EQ(d->comments[1].score, 1);
}
}  // namespace
}  // namespace soundoff

namespace soundoff {
namespace {
TEST(DocumentCodec, NestedValuesAreTypeErrorsAndUnknownKeysAreIgnoredAtAnyDepth) {
  auto d = parse_document(R"({"comments": [[1], {"id": "a", "created": 0, "author": {"x": [1, {"y": 2}]}},
                               {"id": "b", "created": 0, "user": {"id": "not this one"}, "body": "kept"}],
                              "extra": {"comments": 5, "list": [{"id": "z", "created": 0}]}})");
  ASSERT_TRUE(d.ok()) << d.error().message;
  ASSERT_EQ(d->comments.size(), 1u);
  EXPECT_EQ(d->comments[0].id, "b");
  EXPECT_EQ(d->comments[0].body, "kept");
  ASSERT_EQ(d->errors.size(), 2u);
  EXPECT_EQ(d->errors[0].code, "not_an_object");
  EXPECT_EQ(d->errors[1].field, "author");
  EXPECT_EQ(d->errors[1].code, "wrong_type");
}

TEST(DocumentCodec, HugeNumbersAreRangeErrorsOrAClearDocumentError) {
  auto overflow = parse_document(R"([{"id": 1e400, "created": 0}])");
  ASSERT_FALSE(overflow.ok());
  EXPECT_EQ(overflow.error().code, "invalid_json");
  EXPECT_EQ(overflow.error().message, "document is not valid JSON (byte 8): a number is too large for a double");
  auto d = parse_document(R"([{"id": "a", "created": 1e300}, {"id": "b", "created": 0, "up": 18446744073709551615},
                              {"id": 18446744073709551615, "created": 0}])");
  ASSERT_TRUE(d.ok());
  ASSERT_EQ(d->comments.size(), 1u);
  EXPECT_EQ(d->comments[0].id, "18446744073709551615");
  ASSERT_EQ(d->errors.size(), 2u);
  EXPECT_EQ(d->errors[0].code, "out_of_range");
  EXPECT_EQ(d->errors[1].code, "out_of_range");
}
}  // namespace
}  // namespace soundoff

namespace soundoff {
namespace {

TEST(DocumentCodec, ANulByteOutsideAStringIsAnErrorNotTheEndOfTheDocument) {
  // The reader treats NUL as end of input; text after one must not be silently ignored.
  const std::string trailing("[{\"id\": \"a\", \"created\": 0}]\0[1, 2]", 34);
  auto d = parse_document(trailing);
  ASSERT_FALSE(d.ok());
  EXPECT_EQ(d.error().code, "invalid_json");
  EXPECT_NE(d.error().message.find("NUL"), std::string::npos) << d.error().message;
  const std::string inside("[{\"id\": \"a\", \"created\": 0, \"body\": \"x\0y\"}]", 42);
  auto raw = parse_document(inside);
  ASSERT_FALSE(raw.ok());
  EXPECT_EQ(raw.error().code, "invalid_json");
}

}  // namespace
}  // namespace soundoff

namespace soundoff {
namespace {

TEST(DocumentCodec, MessagesQuotingInvalidTextStayValidUtf8) {
  // RapidJSON passes raw bytes through; a message that quotes a bad value must not carry them into JSON output.
  auto d = parse_document(
      "[{\"id\": \"a\", \"created\": \"2013-09-09T18:02:00-04:0\xD6\"},"
      "{\"id\": \"b\", \"created\": 0, \"status\": \"pub\xFFlished\"}]");
  ASSERT_TRUE(d.ok());
  ASSERT_EQ(d->errors.size(), 2u);
  for (const auto& e : d->errors) EXPECT_TRUE(is_valid_utf8(e.message)) << e.message;
  EXPECT_NE(d->errors[1].message.find("pub\xEF\xBF\xBDlished"), std::string::npos) << d->errors[1].message;
}

TEST(Utf8Excerpt, CutsAtACharacterBoundaryAndReplacesInvalidBytes) {
  EXPECT_EQ(utf8_excerpt("abc", 10), "abc");
  EXPECT_EQ(utf8_excerpt("ab\xC3\xA9", 3), "ab");  // é would not fit whole
  EXPECT_EQ(utf8_excerpt("a\xFF"
                         "b",
                         10),
            "a\xEF\xBF\xBD"
            "b");
  EXPECT_EQ(utf8_excerpt("", 5), "");
}

}  // namespace
}  // namespace soundoff
