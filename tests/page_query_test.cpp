// Page requests: the one rule set read from JSON (the wasm engine) and from
// name/text pairs (the server's URL parameters, the CLI's flags).
#include "soundoff/page_query.h"

#include <gtest/gtest.h>

#include <string>

namespace soundoff {
namespace {

// The message of a failed parse, or "ok" when it succeeded.
std::string failure(const Result<PageQuery>& r) {
  if (r.ok()) return "ok";
  EXPECT_EQ(r.error().code, "invalid_argument");
  return r.error().message;
}

bool mentions(const std::string& message, const std::string& part) { return message.find(part) != std::string::npos; }

TEST(PageQueryJson, ReadsEveryOptionInSnakeCase) {
  auto q = parse_page_query_json(
      R"({"sort": "top", "page": 3, "per_page": 20, "max_depth": 0, "max_replies": 2, "replies": "newest"})");
  ASSERT_TRUE(q.ok()) << q.error().message;
  EXPECT_EQ(q->sort, SortOrder::top);
  EXPECT_EQ(q->request.page, 3u);
  EXPECT_EQ(q->request.per_page, 20u);
  EXPECT_EQ(q->request.max_depth, 0u);
  EXPECT_EQ(q->request.max_replies, 2u);
  EXPECT_TRUE(q->request.replies_newest_first);
  auto around = parse_page_query_json(R"({"around": "17"})");
  ASSERT_TRUE(around.ok());
  EXPECT_EQ(around->request.around, "17");
}

TEST(PageQueryJson, EmptyTextAndNullValuesMeanDefaults) {
  for (const char* text : {"", "{}", R"({"page": null, "sort": null})", " { } "}) {
    auto q = parse_page_query_json(text);
    ASSERT_TRUE(q.ok()) << text;
    EXPECT_EQ(q->sort, SortOrder::oldest);
    EXPECT_EQ(q->request.page, 1u);
    EXPECT_EQ(q->request.per_page, 50u);
    EXPECT_EQ(q->request.max_depth, 5u);
  }
}

TEST(PageQueryJson, AnUnknownNameIsNamedWithTheKnownOnes) {
  const std::string message = failure(parse_page_query_json(R"({"perPage": 10})"));
  EXPECT_TRUE(mentions(message, "'perPage'")) << message;
  EXPECT_TRUE(mentions(message, "per_page")) << message;
}

TEST(PageQueryJson, WrongKindsAreErrorsNamingOptionAndValue) {
  EXPECT_TRUE(mentions(failure(parse_page_query_json(R"({"page": "2"})")), "'page' must be a whole number, not \"2\""));
  EXPECT_TRUE(mentions(failure(parse_page_query_json(R"({"page": -1})")), "a negative number"));
  EXPECT_TRUE(mentions(failure(parse_page_query_json(R"({"per_page": 2.5})")), "a fractional number"));
  EXPECT_TRUE(mentions(failure(parse_page_query_json(R"({"max_depth": [1]})")), "an array"));
  // Ids and cursors are strings: a number is refused rather than guessed at.
  EXPECT_TRUE(mentions(failure(parse_page_query_json(R"({"around": 17})")), "'around' must be a string, not 17"));
  EXPECT_TRUE(mentions(failure(parse_page_query_json(R"({"sort": "random"})")),
                       "'sort' cannot be \"random\"; use oldest, newest, top, best, controversial or active"));
  EXPECT_TRUE(mentions(failure(parse_page_query_json(R"({"replies": "sideways"})")), "use oldest or newest"));
}

TEST(PageQueryJson, AnythingButOneObjectIsRefused) {
  for (const char* text : {"[]", "3", "\"page\"", "{", R"({"page": 1} {})", "{\"page\": 1}x", "null"})
    EXPECT_TRUE(mentions(failure(parse_page_query_json(text)), "must be a JSON object")) << text;
}

TEST(PageQueryJson, RangesAreCheckedWhereTheOptionIsNamed) {
  EXPECT_TRUE(
      mentions(failure(parse_page_query_json(R"({"per_page": 0})")), "'per_page' must be between 1 and 1000, not 0"));
  EXPECT_TRUE(mentions(failure(parse_page_query_json(R"({"per_page": 1001})")), "not 1001"));
  EXPECT_TRUE(parse_page_query_json(R"({"per_page": 1000})").ok());
  EXPECT_TRUE(mentions(failure(parse_page_query_json(R"({"page": 0})")), "'page' must be at least 1"));
  EXPECT_TRUE(mentions(failure(parse_page_query_json(R"({"max_replies": 4294967296})")),
                       "'max_replies' must be between 0 and 4294967295, not 4294967296"));
  EXPECT_TRUE(mentions(failure(parse_page_query_json(R"({"page": 4294967296})")), "between 1 and 4294967295"));
  EXPECT_TRUE(parse_page_query_json(R"({"max_replies": 4294967295})").ok());
}

TEST(PageQueryJson, AtMostOneOfPageAroundAndAfter) {
  for (const char* text :
       {R"({"page": 2, "around": "1"})", R"({"around": "1", "after": "c"})", R"({"page": 1, "after": ""})"})
    EXPECT_TRUE(mentions(failure(parse_page_query_json(text)), "at most one of")) << text;
  EXPECT_TRUE(parse_page_query_json(R"({"page": null, "around": "1"})").ok());
}

TEST(PageQueryJson, AnOptionGivenTwiceIsRefused) {
  EXPECT_TRUE(mentions(failure(parse_page_query_json(R"({"sort": "top", "sort": "new"})")), "more than once"));
}

TEST(PageQueryJson, PageOfTakesOnlySortAndPerPage) {
  auto q = parse_page_query_json(R"({"sort": "best", "per_page": 30})", PageQueryUse::page_of);
  ASSERT_TRUE(q.ok());
  EXPECT_EQ(q->sort, SortOrder::best);
  EXPECT_EQ(q->request.per_page, 30u);
  const std::string message = failure(parse_page_query_json(R"({"page": 2})", PageQueryUse::page_of));
  EXPECT_TRUE(mentions(message, "'page' is unknown; known for page_of: sort, per_page")) << message;
}

TEST(PageQueryOptions, TextValuesFollowTheSameRules) {
  auto q = parse_page_query_options(
      {{"sort", "newest"}, {"page", "2"}, {"per_page", "7"}, {"max_depth", "0"}, {"replies", "newest"}});
  ASSERT_TRUE(q.ok()) << q.error().message;
  EXPECT_EQ(q->sort, SortOrder::newest);
  EXPECT_EQ(q->request.page, 2u);
  EXPECT_EQ(q->request.per_page, 7u);
  EXPECT_EQ(q->request.max_depth, 0u);
  EXPECT_TRUE(q->request.replies_newest_first);
  // As text, an id that looks like a number is still an id.
  auto around = parse_page_query_options({{"around", "12"}});
  ASSERT_TRUE(around.ok());
  EXPECT_EQ(around->request.around, "12");
}

TEST(PageQueryOptions, CountsAreDecimalDigitsOnly) {
  for (const char* text : {"", "-1", "+1", "1e3", " 1", "1 ", "0x10", "2.0", "ten"})
    EXPECT_TRUE(mentions(failure(parse_page_query_options({{"per_page", text}})), "'per_page' must be a whole number"))
        << text;
  EXPECT_TRUE(mentions(failure(parse_page_query_options({{"per_page", "0"}})), "between 1 and 1000, not 0"));
  EXPECT_TRUE(mentions(failure(parse_page_query_options({{"page", "99999999999999999999999"}})),
                       "not 99999999999999999999999"));
}

TEST(PageQueryOptions, MessagesQuoteAtMost64BytesOfWhatWasSent) {
  const std::string junk(100000, 'x');
  const std::string message = failure(parse_page_query_options({{"sort", junk}}));
  EXPECT_LT(message.size(), 200u) << message;
  EXPECT_TRUE(mentions(message, "\"" + std::string(64, 'x') + "\u2026\"")) << message;
  // Cut before a character, never inside it: 63 ASCII bytes then a 2-byte "é".
  const std::string accented = std::string(63, 'a') + "\u00e9" + std::string(10, 'a');
  EXPECT_TRUE(mentions(failure(parse_page_query_options({{accented, "1"}})), "'" + std::string(63, 'a') + "\u2026'"));
}

TEST(PageQueryOptions, ExclusivityUnknownAndRepeatedNamesAsInJson) {
  EXPECT_TRUE(mentions(failure(parse_page_query_options({{"page", "2"}, {"around", "3"}})), "at most one of"));
  EXPECT_TRUE(mentions(failure(parse_page_query_options({{"x", "1"}})), "'x' is unknown"));
  EXPECT_TRUE(mentions(failure(parse_page_query_options({{"page", "1"}, {"page", "2"}})), "more than once"));
}

}  // namespace
}  // namespace soundoff
