// Runs tests/fixtures/page-cases.json: document + request in, expected page
// (a subset of the real output) out, through the one-call document_to_page_json.
// The JS tests (web/test/page-cases.test.mjs) run the same file.
#include <gtest/gtest.h>

#include "soundoff/document.h"
#include "soundoff/page_json.h"
#include "soundoff/page_query.h"
#include "soundoff/thread_views.h"
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
    auto query = parse_page_query_json(c["request"].dump());
    ASSERT_TRUE(query.ok()) << query.error().message;
    auto page = document_to_page_json(text, *query);
    ASSERT_TRUE(page.ok()) << page.error().message;
    const json actual = json::parse(*page);
    EXPECT_EQ(test::json_subset_mismatch(c["expected"], actual), "");
  }
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
