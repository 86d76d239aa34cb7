// ThreadViews and the document-to-page calls embedders use.
#include "soundoff/thread_views.h"

#include <gtest/gtest.h>

#include <atomic>
#include <nlohmann/json.hpp>
#include <thread>
#include <vector>

#include "soundoff/page_json.h"

namespace soundoff {
namespace {

constexpr const char* kDocument = R"({"thread": "post", "comments": [
    {"id": "1", "created": 0, "author": "ann", "body": "first", "score": 1},
    {"id": "2", "created": 60, "author": "bob", "body": "second", "score": 5},
    {"id": "3", "parent": "1", "created": 120, "author": "carl", "body": "a reply"},
    {"id": "4", "created": "yesterday", "author": "dave", "body": "bad time"}]})";

TEST(ThreadViews, LoadThreadKeepsTheThreadItsRecordErrorsAndTheDocumentsKey) {
  auto views = load_thread(kDocument);
  ASSERT_TRUE(views.ok()) << views.error().message;
  const Thread& thread = (*views)->thread();
  EXPECT_EQ(thread.key, "post");
  EXPECT_EQ(thread.comments.size(), 3u);
  ASSERT_EQ((*views)->record_errors().size(), 1u);
  EXPECT_EQ((*views)->record_errors()[0].index, 3u);
  EXPECT_EQ((*views)->record_errors()[0].field, "created");
}

TEST(ThreadViews, TheDocumentsThreadCountsForCommentsNamingNone) {
  // Without the document's key a filtered assembly would find no comment of "post".
  AssembleOptions options;
  options.filter_thread = true;
  options.thread = "post";
  auto views = load_thread(kDocument, options);
  ASSERT_TRUE(views.ok());
  EXPECT_EQ((*views)->thread().visible_count, 3u);
}

TEST(ThreadViews, EachSortHasItsOwnViewBuiltOnceAndKept) {
  auto views = load_thread(kDocument);
  ASSERT_TRUE(views.ok());
  const ThreadViews& v = **views;
  for (std::size_t i = 0; i < kSortOrderCount; ++i) {
    const auto sort = static_cast<SortOrder>(i);
    const ThreadView& view = v.view(sort);
    EXPECT_EQ(view.sort, sort);
    EXPECT_EQ(view.thread, &v.thread());
    EXPECT_EQ(&v.view(sort), &view);  // the same object on every call
  }
  EXPECT_EQ(v.view(SortOrder::oldest).roots[0], v.thread().find("1"));
  EXPECT_EQ(v.view(SortOrder::top).roots[0], v.thread().find("2"));
}

// The wasm build of this suite has no threads.
#if !defined(__EMSCRIPTEN__)
TEST(ThreadViews, ConcurrentFirstUseBuildsOneViewPerSort) {
  auto views = load_thread(kDocument);
  ASSERT_TRUE(views.ok());
  const ThreadViews& v = **views;
  std::vector<const ThreadView*> seen(8 * kSortOrderCount);
  std::vector<std::thread> workers;
  for (std::size_t w = 0; w < 8; ++w)
    workers.emplace_back([&, w] {
      for (std::size_t i = 0; i < kSortOrderCount; ++i)
        seen[w * kSortOrderCount + i] = &v.view(static_cast<SortOrder>(i));
    });
  for (auto& t : workers) t.join();
  for (std::size_t w = 1; w < 8; ++w)
    for (std::size_t i = 0; i < kSortOrderCount; ++i) EXPECT_EQ(seen[w * kSortOrderCount + i], seen[i]);
}
#endif

TEST(ThreadViews, LoadThreadPassesParseErrorsOn) {
  auto views = load_thread("{not json");
  ASSERT_FALSE(views.ok());
  EXPECT_EQ(views.error().code, "invalid_json");
}

TEST(DocumentToPageJson, EqualsTheSameStepsDoneByHand) {
  PageQuery query;
  query.sort = SortOrder::newest;
  query.request.per_page = 2;
  auto page = document_to_page_json(kDocument, query);
  ASSERT_TRUE(page.ok()) << page.error().message;

  auto document = parse_document(kDocument);
  ASSERT_TRUE(document.ok());
  AssembleOptions options;
  options.document_thread = document->thread;
  const Thread thread = assemble_thread(std::move(document->comments), options);
  const ThreadView view = make_view(thread, SortOrder::newest);
  EXPECT_EQ(*page, page_to_json(view, *build_page(view, query.request), document->errors));
  const auto parsed = nlohmann::json::parse(*page);
  EXPECT_EQ(parsed["thread"], "post");
  EXPECT_EQ(parsed["errors"].size(), 1u);
}

TEST(DocumentToPageJson, PageErrorsComeBackAsValues) {
  PageQuery query;
  query.request.around = "no-such-comment";
  auto page = document_to_page_json(kDocument, query);
  ASSERT_FALSE(page.ok());
  EXPECT_EQ(page.error().code, "not_found");
  query = PageQuery{};
  query.request.page = 9;
  EXPECT_EQ(document_to_page_json(kDocument, query).error().code, "invalid_argument");
}

}  // namespace
}  // namespace soundoff
