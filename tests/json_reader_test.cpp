// Core's JSON reader (core/src/json_reader.h): syntax errors as values with an
// offset and a reason, and the checked helpers strict inputs are read with.
#include "json_reader.h"

#include <gtest/gtest.h>

#include <cmath>
#include <string>

namespace soundoff::detail {
namespace {

std::optional<JsonSyntaxError> parse(std::string_view text) {
  JsonDocument doc;
  return parse_json(text, doc);
}

TEST(JsonReader, ValidTextParsesIntoADom) {
  JsonDocument doc;
  ASSERT_FALSE(parse_json(R"({"a": [1, "x"], "b": null})", doc));
  ASSERT_TRUE(doc.IsObject());
  const JsonValue* a = find_member(doc, "a");
  ASSERT_NE(a, nullptr);
  EXPECT_TRUE(a->IsArray());
  EXPECT_EQ(string_of((*a)[1]), "x");
  EXPECT_EQ(find_member(doc, "missing"), nullptr);
}

TEST(JsonReader, SyntaxErrorsNameTheByteAndTheRule) {
  const auto error = parse(R"({"a": 1,})");
  ASSERT_TRUE(error);
  EXPECT_EQ(error->offset, 8u);
  EXPECT_EQ(error->describe(), "not valid JSON (byte 8): missing a name (a quoted key) for an object member");
  EXPECT_EQ(parse("")->reason, "the document is empty");
  EXPECT_EQ(parse("{} x")->reason, "unexpected text after the document's end");
  EXPECT_EQ(parse("[1e400]")->reason, "a number is too large for a double");
}

TEST(JsonReader, RawControlCharactersAndBadEscapesAreToldApart) {
  EXPECT_EQ(parse("[\"a\nb\"]")->reason, "a raw control character inside a string (JSON requires it escaped)");
  EXPECT_EQ(parse(R"(["a\qb"])")->reason, "invalid escape sequence in a string");
}

TEST(JsonReader, InvalidUtf8LoneSurrogatesAndNulBytesAreSyntaxErrors) {
  EXPECT_EQ(parse("[\"\xC3\x28\"]")->reason, "a string is not valid UTF-8");
  const auto low = parse(R"(["ok", "\udc00"])");
  ASSERT_TRUE(low);
  EXPECT_EQ(low->offset, 8u);
  EXPECT_EQ(low->reason, "a \\u escape is a lone or unpaired surrogate");
  EXPECT_TRUE(parse(R"(["\ud800x"])"));
  EXPECT_FALSE(parse(R"(["\ud83d\ude00", "\\udc00 is text here"])")) << "a pair and an escaped backslash are fine";
  const auto nul = parse(std::string("{}\0{}", 5));
  ASSERT_TRUE(nul);
  EXPECT_EQ(nul->offset, 2u);
  EXPECT_EQ(nul->reason, "a NUL byte outside a string");
}

// RapidJSON's full-precision strtod is undefined behaviour on an all-zero significand past its fast path (the fuzz
// targets found 0e55 and 0.000... under UBSan); such numbers are shortened to their zero first, offsets kept.
TEST(JsonReader, ZeroWithAnyExponentIsZeroAndOtherNumbersKeepFullPrecision) {
  JsonDocument doc;
  ASSERT_FALSE(parse_json(R"([0e55, -0.000E+999, 0.0e-400, "0e55", 1e3, 0.1, 1.7976931348623157e308, 10e-1])", doc));
  ASSERT_TRUE(doc.IsArray());
  EXPECT_EQ(doc[0].GetDouble(), 0.0);
  EXPECT_EQ(doc[1].GetDouble(), 0.0);
  EXPECT_TRUE(std::signbit(doc[1].GetDouble())) << "-0 stays negative zero";
  EXPECT_EQ(doc[2].GetDouble(), 0.0);
  EXPECT_STREQ(doc[3].GetString(), "0e55") << "strings are left alone";
  EXPECT_EQ(doc[4].GetDouble(), 1000.0);
  EXPECT_EQ(doc[5].GetDouble(), 0.1);
  EXPECT_EQ(doc[6].GetDouble(), 1.7976931348623157e308);
  EXPECT_EQ(doc[7].GetDouble(), 1.0);
  EXPECT_EQ(shortened_zeros(R"({"a":"0e5\"0e5","b":-0e+7,"c":10e7,"d":0.0000,"e":-0.00E-3})").value_or(""),
            R"({"a":"0e5\"0e5","b":-0   ,"c":10e7,"d":0.0   ,"e":-0.0    })");
  EXPECT_FALSE(shortened_zeros(R"([1e5, 0.5e3, "0e5", 0, -0.0, 0.01])").has_value());
  // A string ends at the first quote after an even number of backslashes; an unclosed one runs to the end.
  EXPECT_EQ(shortened_zeros(R"(["x\\",0e5,"\\\"0e5\\\\",0e6,"0e7)").value_or(""),
            R"(["x\\",0  ,"\\\"0e5\\\\",0  ,"0e7)");
  // 0.000... past the fast path (found by fuzz_page_query), a double still.
  JsonDocument zeros;
  ASSERT_FALSE(parse_json("[0." + std::string(70, '0') + "]", zeros));
  EXPECT_TRUE(zeros[0].IsDouble());
  EXPECT_EQ(zeros[0].GetDouble(), 0.0);
  // The reader's number ends at a second '.': "0.000...0.8" starts with an all-zero one (found by fuzz_page_query).
  const std::string second_dot = "[0." + std::string(40, '0') + ".08]";
  EXPECT_EQ(shortened_zeros(second_dot).value_or(""), "[0.0" + std::string(39, ' ') + ".08]");
  EXPECT_TRUE(parse(second_dot)) << "still a syntax error, read without undefined behaviour";
  // Offsets are those of the text as given.
  const auto error = parse(R"([0e55, x])");
  ASSERT_TRUE(error);
  EXPECT_EQ(error->offset, 7u) << error->reason;
}

TEST(JsonReader, DeepNestingParsesWithoutRecursion) {
  const std::string deep = std::string(100000, '[') + std::string(100000, ']');
  EXPECT_FALSE(parse(deep));
}

TEST(JsonReader, ARepeatedKeyReadsAsItsLastValue) {
  JsonDocument doc;
  ASSERT_FALSE(parse_json(R"({"a": 1, "a": 2})", doc));
  EXPECT_EQ(find_member(doc, "a")->GetInt(), 2);
}

TEST(JsonReader, EmbeddedNulsStayInStrings) {
  JsonDocument doc;
  ASSERT_FALSE(parse_json(R"(["x\u0000y"])", doc));
  EXPECT_EQ(string_of(doc[0]), std::string_view("x\0y", 3));
}

TEST(JsonReader, StringOfAnythingButAStringIsEmpty) {
  JsonDocument doc;
  ASSERT_FALSE(parse_json(R"([1, null, {}, ""])", doc));
  for (rapidjson::SizeType i = 0; i < doc.Size(); ++i) EXPECT_EQ(string_of(doc[i]), "");
}

TEST(JsonReader, TypeNamesReadAsJsonNamesThem) {
  JsonDocument doc;
  ASSERT_FALSE(parse_json(R"([null, true, false, 1, 1.5, "s", [], {}])", doc));
  const char* expected[] = {"null", "boolean", "boolean", "number", "number", "string", "array", "object"};
  for (rapidjson::SizeType i = 0; i < doc.Size(); ++i) EXPECT_STREQ(json_type_name(doc[i]), expected[i]);
}

TEST(JsonReader, FirstUnknownKeyFindsTheKeyNotAllowed) {
  JsonDocument doc;
  ASSERT_FALSE(parse_json(R"({"window": 1, "widnow": 2})", doc));
  EXPECT_EQ(first_unknown_key(doc, {"window", "bots"}), "widnow");
  EXPECT_EQ(first_unknown_key(doc, {"window", "widnow"}), std::nullopt);
  EXPECT_EQ(key_list({"window", "bots", "quoteWindow"}), "window, bots, quoteWindow");
}

TEST(JsonReader, WholeNumbersAreIntegerLiteralsInRange) {
  JsonDocument doc;
  ASSERT_FALSE(parse_json(R"([0, 7, 4294967295, 4294967296, -1, 2.0, 1e2, "3", true, 18446744073709551615])", doc));
  constexpr std::uint64_t kMax = 4294967295u;
  EXPECT_EQ(whole_number_in(doc[0], 0, kMax), 0u);
  EXPECT_EQ(whole_number_in(doc[1], 0, kMax), 7u);
  EXPECT_EQ(whole_number_in(doc[1], 8, kMax), std::nullopt) << "below the range";
  EXPECT_EQ(whole_number_in(doc[2], 0, kMax), kMax);
  EXPECT_EQ(whole_number_in(doc[3], 0, kMax), std::nullopt) << "above the range";
  for (rapidjson::SizeType i = 4; i < 9; ++i) EXPECT_EQ(whole_number_in(doc[i], 0, kMax), std::nullopt) << i;
  EXPECT_EQ(whole_number_in(doc[9], 0, UINT64_MAX), UINT64_MAX);
}

}  // namespace
}  // namespace soundoff::detail
