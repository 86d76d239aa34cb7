// Pinned and edited comments in core: pinned top-level comments come first
// in every sort order (in pin order), cursors page across them, the page
// JSON carries "pinned" and "edited", and the comment document keeps both.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "soundoff/document.h"
#include "soundoff/page_json.h"
#include "soundoff/pagination.h"
#include "soundoff/sorting.h"
#include "support/builders.h"

namespace soundoff {
namespace {

using nlohmann::json;
using test::make_comment;

constexpr SortOrder kAllOrders[] = {SortOrder::oldest, SortOrder::newest,        SortOrder::top,
                                    SortOrder::best,   SortOrder::controversial, SortOrder::active};

// Five top-level comments with votes; "4" pinned second, "2" pinned first, "r" a reply to "2".
std::vector<Comment> pinned_thread() {
  std::vector<Comment> comments;
  for (int i = 1; i <= 5; ++i) {
    auto c = make_comment(std::to_string(i), "", i);
    c.up = i;
    c.down = i % 2;
    c.score = c.up - c.down;
    comments.push_back(c);
  }
  comments[3].pinned = 2;
  comments[1].pinned = 1;
  comments.push_back(make_comment("r", "2", 10));
  return comments;
}

std::vector<std::string> roots(const Thread& t, SortOrder s) {
  std::vector<std::string> out;
  for (auto r : sorted_roots(t, s)) out.push_back(t.comments[r].id);
  return out;
}

TEST(PinnedComments, ComeFirstInPinOrderInEverySortOrder) {
  const auto t = assemble_thread(pinned_thread());
  for (const auto order : kAllOrders) {
    const auto ids = roots(t, order);
    ASSERT_EQ(ids.size(), 5u) << sort_name(order);
    EXPECT_EQ(ids[0], "2") << sort_name(order);
    EXPECT_EQ(ids[1], "4") << sort_name(order);
  }
  EXPECT_EQ(roots(t, SortOrder::oldest), (std::vector<std::string>{"2", "4", "1", "3", "5"}));
  EXPECT_EQ(roots(t, SortOrder::newest), (std::vector<std::string>{"2", "4", "5", "3", "1"}));
}

TEST(PinnedComments, AHiddenPinnedCommentIsNotFeatured) {
  auto comments = pinned_thread();
  comments[1].status = Status::deleted;  // "2" is a tombstone now (it has a reply)
  const auto t = assemble_thread(std::move(comments));
  EXPECT_EQ(roots(t, SortOrder::oldest), (std::vector<std::string>{"4", "1", "2", "3", "5"}));
}

TEST(PinnedComments, CursorsPageAcrossPinnedCommentsWithoutLosingOrRepeatingAny) {
  const auto t = assemble_thread(pinned_thread());
  for (const auto order : kAllOrders) {
    const auto view = make_view(t, order);
    PageRequest r;
    r.per_page = 1;
    std::vector<std::string> seen;
    for (int guard = 0; guard < 10; ++guard) {
      const auto page = build_page(view, r);
      ASSERT_TRUE(page) << page.error().message;
      for (const auto& e : page->entries)
        if (e.depth == 0) seen.push_back(t.comments[e.node].id);
      if (page->next_cursor.empty()) break;
      r.after = page->next_cursor;
    }
    EXPECT_EQ(seen, roots(t, order)) << sort_name(order);
  }
}

TEST(PinnedComments, PageJsonCarriesPinnedAndEditedOnlyWhenSet) {
  auto comments = pinned_thread();
  comments[0].edited_ms = 1764669600000;  // 2025-12-02T10:00:00Z
  const auto t = assemble_thread(std::move(comments));
  const auto view = make_view(t, SortOrder::oldest);
  PageRequest r;
  r.per_page = 10;
  const auto page = build_page(view, r);
  ASSERT_TRUE(page);
  const json j = json::parse(page_to_json(view, *page));
  const auto& items = j["items"];
  ASSERT_EQ(items.size(), 5u);
  EXPECT_EQ(items[0]["id"], "2");
  EXPECT_EQ(items[0]["pinned"], true);
  EXPECT_EQ(items[1]["pinned"], true);
  EXPECT_FALSE(items[2].contains("pinned"));
  EXPECT_EQ(items[2]["id"], "1");
  EXPECT_EQ(items[2]["edited"], "2025-12-02T10:00:00Z");
  EXPECT_FALSE(items[0].contains("edited"));
}

TEST(PinnedComments, TheDocumentKeepsPinOrderAndEditTime) {
  Document d;
  d.thread = "t";
  d.comments = pinned_thread();
  d.comments[2].edited_ms = 1764669600000;
  const std::string text = to_document_json(d);
  const auto back = parse_document(text);
  ASSERT_TRUE(back) << back.error().message;
  ASSERT_EQ(back->comments.size(), d.comments.size());
  for (std::size_t i = 0; i < d.comments.size(); ++i) {
    EXPECT_EQ(back->comments[i].pinned, d.comments[i].pinned) << i;
    EXPECT_EQ(back->comments[i].edited_ms, d.comments[i].edited_ms) << i;
  }
  EXPECT_EQ(to_document_json(*back), text);
  EXPECT_NE(text.find("\"edited\":\"2025-12-02T10:00:00Z\""), std::string::npos) << text;
}

TEST(PinnedComments, TheDocumentAcceptsPinnedAsABooleanAndReportsBadValues) {
  const auto d = parse_document(
      R"({"comments": [{"id": 1, "created": 0, "pinned": true},
                       {"id": 2, "created": 0, "pinned": false, "edited": null},
                       {"id": 3, "created": 0, "pinned": -1},
                       {"id": 4, "created": 0, "edited": "yesterday"},
                       {"id": 5, "created": 0, "edited": 5}]})");
  ASSERT_TRUE(d) << d.error().message;
  ASSERT_EQ(d->comments.size(), 2u);
  EXPECT_EQ(d->comments[0].pinned, 1);
  EXPECT_EQ(d->comments[1].pinned, 0);
  ASSERT_EQ(d->errors.size(), 3u);
  EXPECT_EQ(d->errors[0].field, "pinned");
  EXPECT_EQ(d->errors[0].code, "out_of_range");
  EXPECT_EQ(d->errors[1].field, "edited");
  EXPECT_EQ(d->errors[1].code, "invalid_time");
  EXPECT_EQ(d->errors[2].code, "wrong_type");
}

}  // namespace
}  // namespace soundoff
