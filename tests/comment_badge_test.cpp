// Account badges in core (docs/page-format.md): the page JSON carries
// "badge" only when set (so pages without accounts keep their bytes), never on
// a tombstone, and the comment document keeps it and refuses made-up ones.
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

// "1" anonymous, "2" verified, "3" staff, "4" a deleted staff comment kept as a tombstone for its reply "5".
std::vector<Comment> badged_thread() {
  std::vector<Comment> comments;
  for (int i = 1; i <= 4; ++i) comments.push_back(make_comment(std::to_string(i), "", i));
  comments[1].badge = "verified";
  comments[2].badge = "staff";
  comments[3].badge = "staff";
  comments[3].status = Status::deleted;
  comments.push_back(make_comment("5", "4", 5));
  return comments;
}

json page_of(std::vector<Comment> comments) {
  const auto t = assemble_thread(std::move(comments));
  const auto view = make_view(t, SortOrder::oldest);
  PageRequest r;
  r.per_page = 10;
  const auto page = build_page(view, r);
  EXPECT_TRUE(page);
  return json::parse(page_to_json(view, *page));
}

TEST(CommentBadge, PageJsonCarriesTheBadgeOnlyWhenSetAndNeverOnATombstone) {
  const json j = page_of(badged_thread());
  const auto& items = j["items"];
  ASSERT_EQ(items.size(), 4u);
  EXPECT_FALSE(items[0].contains("badge"));
  EXPECT_EQ(items[1]["badge"], "verified");
  EXPECT_EQ(items[2]["badge"], "staff");
  EXPECT_TRUE(items[3]["tombstone"].get<bool>());
  EXPECT_FALSE(items[3].contains("badge")) << "a tombstone keeps nothing of its author";
}

TEST(CommentBadge, APageWithoutBadgesIsByteIdenticalToOneWithEmptyBadges) {
  auto plain = badged_thread();
  for (auto& c : plain) c.badge.clear();
  const std::string text = page_of(plain).dump();
  EXPECT_EQ(text.find("badge"), std::string::npos) << text;
}

TEST(CommentBadge, TheDocumentKeepsTheBadgeAndRefusesOthers) {
  Document d;
  d.thread = "t";
  d.comments = badged_thread();
  const std::string text = to_document_json(d);
  EXPECT_NE(text.find(R"("author":"author-3","badge":"staff")"), std::string::npos) << text;
  const auto back = parse_document(text);
  ASSERT_TRUE(back) << back.error().message;
  ASSERT_EQ(back->comments.size(), d.comments.size());
  for (std::size_t i = 0; i < d.comments.size(); ++i) EXPECT_EQ(back->comments[i].badge, d.comments[i].badge) << i;
  EXPECT_EQ(to_document_json(*back), text);

  const auto bad = parse_document(R"({"comments": [{"id": 1, "created": 0, "badge": "admin"},
                                                   {"id": 2, "created": 0, "badge": true},
                                                   {"id": 3, "created": 0, "badge": ""},
                                                   {"id": 4, "created": 0, "badge": null}]})");
  ASSERT_TRUE(bad) << bad.error().message;
  ASSERT_EQ(bad->comments.size(), 2u);
  ASSERT_EQ(bad->errors.size(), 2u);
  EXPECT_EQ(bad->errors[0].code, "unknown_badge");
  EXPECT_EQ(bad->errors[0].field, "badge");
  EXPECT_NE(bad->errors[0].message.find("\"admin\""), std::string::npos) << bad->errors[0].message;
  EXPECT_EQ(bad->errors[1].code, "wrong_type");
}

}  // namespace
}  // namespace soundoff
