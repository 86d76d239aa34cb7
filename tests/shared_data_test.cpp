// Tests on the real data in ../shared (skipped with a message when absent).
#include <gtest/gtest.h>

#include <functional>
#include <map>

#include "soundoff/document.h"
#include "soundoff/page_json.h"
#include "support/fixtures.h"

namespace soundoff {
namespace {

using nlohmann::json;

// The fixture must be an exact transcription: every author and every body
// line of tests/fixtures/seed-thread.json appears verbatim on the seed page.
TEST(SharedData, SeedFixtureIsAnExactTranscriptionOfTheSeedPage) {
  const auto page = test::read_shared("seed/000_6adb71d04d3a9948.txt");
  if (!page) GTEST_SKIP() << "../shared is absent; cannot compare with the seed page";
  auto document = parse_document(test::read_fixture("seed-thread.json"));
  ASSERT_TRUE(document.ok());
  ASSERT_EQ(document->comments.size(), 15u);
  for (std::size_t i = 0; i < document->comments.size(); ++i) {
    const auto& c = document->comments[i];
    EXPECT_NE(page->find("  " + std::to_string(i + 1) + ". " + c.author + "\n"), std::string::npos) << c.id;
    std::size_t start = 0;
    while (start <= c.body.size()) {
      const auto end = std::min(c.body.find('\n', start), c.body.size());
      EXPECT_NE(page->find(c.body.substr(start, end - start)), std::string::npos) << c.id;
      start = end + 1;
    }
  }
  EXPECT_NE(page->find("soundoff (61 Responses)"), std::string::npos);
  EXPECT_EQ(document->comments[0].author, "banasy\xC2\xA9");
  EXPECT_NE(document->comments[9].body.find("\xF0\x9F\x98\x89"), std::string::npos);  // the wink survives
}

// Remark42's real 58-comment thread (pid = parent): every reply lands under
// its parent, in the tree and in an unlimited-depth page.
TEST(SharedData, Remark42RealThreadNestsEveryReplyUnderItsParent) {
  const auto text = test::read_shared("datasets/threads/remark42-radiot-tree_bench.json");
  if (!text) GTEST_SKIP() << "../shared is absent; cannot read the Remark42 thread";
  const json source = json::parse(*text);
  ASSERT_EQ(source.size(), 58u);
  json comments = json::array();
  std::map<std::string, std::string> parent_of;
  for (const auto& r : source) {
    comments.push_back({{"id", r["id"]},
                        {"parent", r["pid"]},
                        {"author", r["user"]["name"]},
                        {"created", r["time"]},
                        {"body", r["text"]},
                        {"score", r["score"]}});
    parent_of[r["id"].get<std::string>()] = r["pid"].get<std::string>();
  }
  auto document = parse_document(json{{"thread", "radio-t-576"}, {"comments", comments}}.dump());
  ASSERT_TRUE(document.ok());
  EXPECT_TRUE(document->errors.empty());
  const auto thread = assemble_thread(std::move(document->comments));
  EXPECT_TRUE(thread.issues.empty());
  EXPECT_EQ(thread.visible_count, 58u);
  std::size_t replies = 0;
  for (const auto& [id, parent] : parent_of) {
    const auto node = thread.find(id);
    ASSERT_NE(node, Node::kNone);
    if (parent.empty()) {
      EXPECT_EQ(thread.nodes[node].parent, Node::kNone) << id;
    } else {
      ++replies;
      ASSERT_NE(thread.nodes[node].parent, Node::kNone) << id;
      EXPECT_EQ(thread.comments[thread.nodes[node].parent].id, parent) << id;
    }
  }
  EXPECT_GT(replies, 0u);

  const auto view = make_view(thread, SortOrder::oldest);
  PageRequest r;
  r.max_depth = 0;
  const json page = json::parse(page_to_json(view, *build_page(view, r)));
  std::size_t seen = 0;
  std::function<void(const json&, const std::string&)> walk = [&](const json& items, const std::string& parent) {
    for (const auto& item : items) {
      ++seen;
      EXPECT_EQ(parent_of[item["id"].get<std::string>()], parent) << item["id"];
      walk(item["children"], item["id"].get<std::string>());
    }
  };
  walk(page["items"], "");
  EXPECT_EQ(seen, 58u);
}

}  // namespace
}  // namespace soundoff
