// Runs tests/fixtures/page-cases.json: document + request in, expected page
// (a subset of the real output) out. The JS tests run the same file.
#include <gtest/gtest.h>

#include "soundoff/document.h"
#include "soundoff/page_json.h"
#include "support/fixtures.h"

namespace soundoff {
namespace {

using nlohmann::json;

TEST(PageFixtures, EveryCaseMatchesItsExpectedPage) {
  const json cases = json::parse(test::read_fixture("page-cases.json"));
  ASSERT_TRUE(cases.is_array());
  ASSERT_GE(cases.size(), 10u);
  for (const auto& c : cases) {
    SCOPED_TRACE(c["name"].get<std::string>());
    const std::string text =
        c.contains("document_file") ? test::read_fixture(c["document_file"].get<std::string>()) : c["document"].dump();
    auto document = parse_document(text);
    ASSERT_TRUE(document.ok()) << document.error().message;
    auto query = parse_page_query(c["request"].dump());
    ASSERT_TRUE(query.ok()) << query.error().message;
    AssembleOptions options;
    options.document_thread = document->thread;
    const auto thread = assemble_thread(std::move(document->comments), options);
    const auto view = make_view(thread, query->sort);
    auto page = build_page(view, query->request);
    ASSERT_TRUE(page.ok()) << page.error().message;
    const json actual = json::parse(page_to_json(view, *page, document->errors));
    EXPECT_EQ(test::json_subset_mismatch(c["expected"], actual), "");
  }
}

TEST(PageQuery, RejectsUnknownKeysAndWrongTypesByName) {
  auto typo = parse_page_query(R"({"perPage": 10})");
  ASSERT_FALSE(typo.ok());
  EXPECT_NE(typo.error().message.find("perPage"), std::string::npos);
  EXPECT_FALSE(parse_page_query(R"({"page": "2"})").ok());
  EXPECT_FALSE(parse_page_query(R"({"page": -1})").ok());
  EXPECT_FALSE(parse_page_query(R"({"sort": "random"})").ok());
  EXPECT_FALSE(parse_page_query("[]").ok());
  auto ok = parse_page_query(R"({"sort": "top", "page": 2, "replies": "newest", "around": 17})");
  ASSERT_TRUE(ok.ok());
  EXPECT_EQ(ok->sort, SortOrder::top);
  EXPECT_EQ(ok->request.page, 2u);
  EXPECT_TRUE(ok->request.replies_newest_first);
  EXPECT_EQ(ok->request.around, "17");
}

TEST(PageJson, EscapesMarkupSoThePageIsSafeInsideHtml) {
  auto document = parse_document(R"([{"id": "x", "created": 0, "author": "</script><b>", "body": "a & b\u2028"}])");
  ASSERT_TRUE(document.ok());
  const auto thread = assemble_thread(std::move(document->comments));
  const auto view = make_view(thread, SortOrder::oldest);
  const auto text = page_to_json(view, *build_page(view, PageRequest{}));
  EXPECT_EQ(text.find('<'), std::string::npos);
  EXPECT_EQ(text.find('&'), std::string::npos);
  const json parsed = json::parse(text);
  EXPECT_EQ(parsed["items"][0]["author"], "</script><b>");
  EXPECT_EQ(parsed["items"][0]["body"], "a & b\u2028");
}

TEST(PageJson, ADeepUnlimitedChainSerialisesWithoutRecursion) {
  std::vector<Comment> chain;
  for (int i = 0; i < 200000; ++i) {
    Comment c;
    c.id = std::to_string(i);
    if (i) c.parent = std::to_string(i - 1);
    c.created_ms = i;
    chain.push_back(std::move(c));
  }
  const auto thread = assemble_thread(std::move(chain));
  const auto view = make_view(thread, SortOrder::oldest);
  PageRequest r;
  r.max_depth = 0;
  const auto text = page_to_json(view, *build_page(view, r));
  EXPECT_EQ(std::count(text.begin(), text.end(), '['), 200000 + 4);  // children arrays + items, links, errors, issues
}

}  // namespace
}  // namespace soundoff
