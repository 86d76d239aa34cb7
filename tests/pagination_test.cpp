#include "soundoff/pagination.h"

#include <gtest/gtest.h>

#include "support/builders.h"

namespace soundoff {
namespace {

using test::make_comment;

std::vector<std::string> top_ids(const Thread& t, const Page& p) {
  std::vector<std::string> out;
  for (const auto& e : p.entries)
    if (e.parent_entry == PageEntry::kNone) out.push_back(t.comments[e.node].id);
  return out;
}

const PageEntry& entry(const Thread& t, const Page& p, const std::string& id) {
  for (const auto& e : p.entries)
    if (t.comments[e.node].id == id) return e;
  ADD_FAILURE() << "no entry " << id;
  return p.entries.front();
}

// 7 top-level threads t0..t6, t1 with two replies.
Thread seven_threads() {
  std::vector<Comment> cs;
  for (int i = 0; i < 7; ++i) cs.push_back(make_comment("t" + std::to_string(i), "", i * 10));
  cs.push_back(make_comment("r1", "t1", 11));
  cs.push_back(make_comment("r2", "t1", 12));
  return assemble_thread(std::move(cs));
}

TEST(Pagination, PagesCountTopLevelThreadsAndNeverSplitOne) {
  auto t = seven_threads();
  auto view = make_view(t, SortOrder::oldest);
  PageRequest r;
  r.per_page = 3;
  auto p1 = build_page(view, r);
  ASSERT_TRUE(p1.ok());
  EXPECT_EQ(p1->pages, 3u);
  EXPECT_EQ(p1->total, 9u);
  EXPECT_EQ(p1->threads, 7u);
  EXPECT_EQ(top_ids(t, *p1), (std::vector<std::string>{"t0", "t1", "t2"}));
  EXPECT_EQ(p1->entries.size(), 5u);  // t1's replies travel with it
  r.page = 3;
  auto p3 = build_page(view, r);
  ASSERT_TRUE(p3.ok());
  EXPECT_EQ(top_ids(t, *p3), std::vector<std::string>{"t6"});
  EXPECT_TRUE(p3->next_cursor.empty());
}

TEST(Pagination, NumbersFollowDisplayOrderAcrossPages) {
  auto t = seven_threads();
  auto view = make_view(t, SortOrder::oldest);
  PageRequest r;
  r.per_page = 3;
  r.page = 2;
  auto p = build_page(view, r);
  ASSERT_TRUE(p.ok());
  EXPECT_EQ(entry(t, *p, "t3").number, 6u);  // t0, t1, r1, r2, t2 come first
  r.page = 1;
  auto p1 = build_page(view, r);
  EXPECT_EQ(entry(t, *p1, "r2").number, 4u);
}

TEST(Pagination, OutOfRangePagesAndBadSizesAreErrors) {
  auto t = seven_threads();
  auto view = make_view(t, SortOrder::oldest);
  PageRequest r;
  r.page = 2;
  auto p = build_page(view, r);
  ASSERT_FALSE(p.ok());
  EXPECT_EQ(p.error().code, "invalid_argument");
  r.page = 1;
  r.per_page = 0;
  EXPECT_FALSE(build_page(view, r).ok());
  r.per_page = 1001;
  EXPECT_FALSE(build_page(view, r).ok());
}

TEST(Pagination, AnEmptyThreadHasOneEmptyPage) {
  auto t = assemble_thread({});
  auto p = build_page(make_view(t, SortOrder::oldest), PageRequest{});
  ASSERT_TRUE(p.ok());
  EXPECT_EQ(p->pages, 1u);
  EXPECT_TRUE(p->entries.empty());
}

TEST(Pagination, PageOfFindsTheTopLevelAncestorsPageUnderTheCurrentSort) {
  auto t = seven_threads();
  auto oldest = make_view(t, SortOrder::oldest);
  EXPECT_EQ(*page_of(oldest, "r2", 3), 1u);
  EXPECT_EQ(*page_of(oldest, "t6", 3), 3u);
  auto newest = make_view(t, SortOrder::newest);
  EXPECT_EQ(*page_of(newest, "r2", 3), 2u);  // t6 t5 t4 | t3 t2 t1 | t0
  EXPECT_EQ(page_of(oldest, "nope", 3).error().code, "not_found");
}

TEST(Pagination, AroundOpensThePageHoldingTheComment) {
  auto t = seven_threads();
  PageRequest r;
  r.per_page = 2;
  r.around = "t5";
  auto p = build_page(make_view(t, SortOrder::oldest), r);
  ASSERT_TRUE(p.ok());
  EXPECT_EQ(p->page, 3u);
  EXPECT_EQ(p->highlight, "t5");
  EXPECT_EQ(top_ids(t, *p), (std::vector<std::string>{"t4", "t5"}));
}

TEST(Pagination, PageLinksShowFirstLastCurrentPlusMinusTwoAndGaps) {
  EXPECT_EQ(page_links(6, 20), (std::vector<std::uint32_t>{1, 0, 4, 5, 6, 7, 8, 0, 20}));
  EXPECT_EQ(page_links(1, 4), (std::vector<std::uint32_t>{1, 2, 3, 4}));
  EXPECT_EQ(page_links(5, 20),
            (std::vector<std::uint32_t>{1, 2, 3, 4, 5, 6, 7, 0, 20}));  // a one-page gap shows the page
  EXPECT_EQ(page_links(1, 1), (std::vector<std::uint32_t>{1}));
  EXPECT_EQ(page_links(20, 20), (std::vector<std::uint32_t>{1, 0, 18, 19, 20}));
}

TEST(Pagination, DepthCapFlattensDeeperRepliesInPreOrderAndKeepsTheRealParent) {
  // a -> b -> c -> d, and b -> e; with max_depth 1 everything sits under a.
  auto t = assemble_thread({make_comment("a", "", 1), make_comment("b", "a", 2), make_comment("c", "b", 3),
                            make_comment("d", "c", 4), make_comment("e", "b", 5)});
  PageRequest r;
  r.max_depth = 1;
  auto p = build_page(make_view(t, SortOrder::oldest), r);
  ASSERT_TRUE(p.ok());
  std::vector<std::string> order;
  for (const auto& e : p->entries) order.push_back(t.comments[e.node].id + "@" + std::to_string(e.depth));
  EXPECT_EQ(order, (std::vector<std::string>{"a@0", "b@1", "c@1", "d@1", "e@1"}));
  EXPECT_FALSE(entry(t, *p, "b").capped);
  EXPECT_TRUE(entry(t, *p, "c").capped);
  EXPECT_TRUE(entry(t, *p, "d").capped);
  EXPECT_EQ(entry(t, *p, "e").number, 5u);
  r.max_depth = 0;  // unlimited
  auto deep = build_page(make_view(t, SortOrder::oldest), r);
  EXPECT_EQ(entry(t, *deep, "d").depth, 3u);
  EXPECT_FALSE(entry(t, *deep, "d").capped);
}

TEST(Pagination, CursorPagingIsStableWhenNewCommentsArrive) {
  for (auto sort : {SortOrder::oldest, SortOrder::newest}) {
    std::vector<Comment> cs;
    for (int i = 0; i < 6; ++i) cs.push_back(make_comment("c" + std::to_string(i), "", 100 + i));
    auto before = assemble_thread(cs);
    auto view = make_view(before, sort);
    PageRequest r;
    r.per_page = 2;
    auto first = build_page(view, r);
    ASSERT_TRUE(first.ok());
    const auto seen = top_ids(before, *first);
    // New comments arrive (newer, and one back-dated) before "load more".
    cs.push_back(make_comment("new1", "", 200));
    cs.push_back(make_comment("new2", "", 201));
    cs.push_back(make_comment("old", "", 50));
    auto after = assemble_thread(cs);
    auto view2 = make_view(after, sort);
    r.after = first->next_cursor;
    auto second = build_page(view2, r);
    ASSERT_TRUE(second.ok()) << second.error().message;
    const auto next = top_ids(after, *second);
    for (const auto& id : next)
      EXPECT_EQ(std::count(seen.begin(), seen.end(), id), 0) << sort_name(sort) << ": repeated " << id;
    if (sort == SortOrder::oldest) EXPECT_EQ(next, (std::vector<std::string>{"c2", "c3"}));
    if (sort == SortOrder::newest) EXPECT_EQ(next, (std::vector<std::string>{"c3", "c2"}));
  }
}

TEST(Pagination, CursorsAreCheckedForSortAndForm) {
  auto t = seven_threads();
  PageRequest r;
  r.per_page = 2;
  auto p = build_page(make_view(t, SortOrder::oldest), r);
  r.after = p->next_cursor;
  auto wrong_sort = build_page(make_view(t, SortOrder::newest), r);
  ASSERT_FALSE(wrong_sort.ok());
  EXPECT_EQ(wrong_sort.error().code, "invalid_cursor");
  for (const char* junk : {"!!!", "dA", "cgpub3BlCg"}) {
    r.after = junk;
    auto bad = build_page(make_view(t, SortOrder::oldest), r);
    ASSERT_FALSE(bad.ok()) << junk;
    EXPECT_EQ(bad.error().code, "invalid_cursor");
  }
}

TEST(Pagination, ReplyCollapsingShowsMaxRepliesAndACursorForTheRest) {
  std::vector<Comment> cs = {make_comment("a", "", 1)};
  for (int i = 0; i < 5; ++i) cs.push_back(make_comment("r" + std::to_string(i), "a", 10 + i));
  cs.push_back(make_comment("r1x", "r1", 20));
  auto t = assemble_thread(cs);
  auto view = make_view(t, SortOrder::oldest);
  PageRequest r;
  r.max_replies = 2;
  auto p = build_page(view, r);
  ASSERT_TRUE(p.ok());
  const auto& a = entry(t, *p, "a");
  EXPECT_EQ(a.hidden_replies, 3u);
  ASSERT_FALSE(a.replies_cursor.empty());
  EXPECT_EQ(p->entries.size(), 4u);  // a, r0, r1, r1x
  r.after = a.replies_cursor;
  auto more = build_page(view, r);
  ASSERT_TRUE(more.ok()) << more.error().message;
  EXPECT_EQ(more->replies_of, "a");
  EXPECT_EQ(top_ids(t, *more), (std::vector<std::string>{"r2", "r3"}));
  EXPECT_EQ(more->hidden_replies, 1u);
  EXPECT_EQ(entry(t, *more, "r2").number, 5u);  // after a r0 r1 r1x
  r.after = more->next_cursor;
  auto last = build_page(view, r);
  ASSERT_TRUE(last.ok());
  EXPECT_EQ(top_ids(t, *last), std::vector<std::string>{"r4"});
  EXPECT_TRUE(last->next_cursor.empty());
}

TEST(Pagination, RepliesCanBeShownNewestFirst) {
  auto t = assemble_thread({make_comment("a", "", 1), make_comment("b", "a", 2), make_comment("c", "a", 3)});
  PageRequest r;
  r.replies_newest_first = true;
  auto p = build_page(make_view(t, SortOrder::oldest), r);
  ASSERT_TRUE(p.ok());
  EXPECT_EQ(t.comments[p->entries[1].node].id, "c");
  EXPECT_EQ(p->entries[1].number, 2u);
}

}  // namespace
}  // namespace soundoff
