// Hostile documents: each gives a clear error or a well-defined result, never
// a crash, a hang or unbounded memory (the sanitizer preset runs these too).
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "soundoff/document.h"
#include "soundoff/page_json.h"

namespace soundoff {
namespace {

using nlohmann::json;

TEST(HostileInput, JsonNested100000LevelsDeepIsOneRecordError) {
  const std::string deep = std::string(100000, '[') + std::string(100000, ']');
  auto d = parse_document(deep);
  ASSERT_TRUE(d.ok()) << d.error().message;
  ASSERT_EQ(d->errors.size(), 1u);
  EXPECT_EQ(d->errors[0].code, "not_an_object");

  const std::string deep_body = R"({"comments": [{"id": "a", "created": 0, "body": )" + std::string(100000, '[') +
                                std::string(100000, ']') + R"(}, {"id": "b", "created": 0}]})";
  auto d2 = parse_document(deep_body);
  ASSERT_TRUE(d2.ok());
  ASSERT_EQ(d2->comments.size(), 1u);
  EXPECT_EQ(d2->errors[0].message, "comment #0 (id \"a\"): field 'body' must be a string, not array");
}

TEST(HostileInput, UnterminatedDeepNestingIsAPositionedSyntaxError) {
  auto d = parse_document(std::string(100000, '{'));
  ASSERT_FALSE(d.ok());
  EXPECT_EQ(d.error().code, "invalid_json");
  EXPECT_NE(d.error().message.find("byte"), std::string::npos);
}

TEST(HostileInput, NulBytesAreEscapedTextInsideStringsAndSyntaxErrorsOutside) {
  auto d = parse_document(R"([{"id": "a", "created": 0, "author": "x\u0000y", "body": "\u0000"}])");
  ASSERT_TRUE(d.ok());
  ASSERT_EQ(d->comments.size(), 1u);
  EXPECT_EQ(d->comments[0].author, std::string("x\0y", 3));
  const auto thread = assemble_thread(std::move(d->comments));
  const auto view = make_view(thread, SortOrder::oldest);
  const auto page = page_to_json(view, *build_page(view, PageRequest{}));
  EXPECT_EQ(page.find('\0'), std::string::npos);  // written as \u0000
  EXPECT_EQ(json::parse(page)["items"][0]["author"], std::string("x\0y", 3));

  const std::string raw_nul("[{\"id\": \"a\", \"created\": 0, \"body\": \"x\0y\"}]", 38);
  auto bad = parse_document(raw_nul);
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.error().code, "invalid_json");
}

TEST(HostileInput, DuplicateKeysTakeTheLastValue) {
  auto d = parse_document(R"([{"id": "a", "id": "b", "created": 0, "body": "first", "body": "second"}])");
  ASSERT_TRUE(d.ok());
  ASSERT_EQ(d->comments.size(), 1u);
  EXPECT_EQ(d->comments[0].id, "b");
  EXPECT_EQ(d->comments[0].body, "second");
}

TEST(HostileInput, BidiOverridesAndZeroWidthCharactersInNamesArePreservedVerbatim) {
  // Kept as written (they are valid text); the widget isolates names with
  // dir=auto/<bdi>, and spam checks fold invisible characters.
  const std::string name =
      "Mary\xE2\x80\xAE"
      "evil\xE2\x80\x8B";  // U+202E, U+200B
  json doc = json::array({{{"id", "a"}, {"created", 0}, {"author", name}}});
  auto d = parse_document(doc.dump());
  ASSERT_TRUE(d.ok());
  EXPECT_EQ(d->comments[0].author, name);
}

TEST(HostileInput, BodiesOver64KiBAreRefusedWithTheLimitInTheMessage) {
  json doc = json::array({{{"id", "big"}, {"created", 0}, {"body", std::string(70000, 'x')}},
                          {{"id", "ok"}, {"created", 0}, {"body", std::string(65536, 'x')}}});
  auto d = parse_document(doc.dump());
  ASSERT_TRUE(d.ok());
  ASSERT_EQ(d->comments.size(), 1u);
  EXPECT_EQ(d->comments[0].id, "ok");
  EXPECT_EQ(d->errors[0].message, "comment #0 (id \"big\"): field 'body' is 70000 bytes; the limit is 65536");
}

TEST(HostileInput, AMillionCommentCycleIsBrokenOnce) {
  std::vector<Comment> ring(1000000);
  for (std::size_t i = 0; i < ring.size(); ++i) {
    ring[i].id = std::to_string(i);
    ring[i].parent = std::to_string((i + 1) % ring.size());
    ring[i].created_ms = static_cast<std::int64_t>(i);
  }
  const auto thread = assemble_thread(std::move(ring));
  ASSERT_EQ(thread.roots.size(), 1u);
  EXPECT_EQ(thread.comments[thread.roots[0]].id, "0");  // the oldest member
  ASSERT_EQ(thread.issues.size(), 1u);
  EXPECT_EQ(thread.issues[0].code, "cycle_broken");
  EXPECT_EQ(thread.nodes[thread.find("1")].depth, 999999u);
}

}  // namespace
}  // namespace soundoff
