#include "soundoff/sorting.h"

#include <gtest/gtest.h>

#include "support/builders.h"

namespace soundoff {
namespace {

using test::make_comment;

Comment voted(std::string id, std::int64_t created, std::int64_t up, std::int64_t down, std::int64_t score) {
  auto c = make_comment(std::move(id), "", created);
  c.up = up;
  c.down = down;
  c.score = score;
  return c;
}

std::vector<std::string> order(const Thread& t, SortOrder s) {
  std::vector<std::string> out;
  for (auto r : sorted_roots(t, s)) out.push_back(t.comments[r].id);
  return out;
}

TEST(Sorting, NamesRoundTrip) {
  for (auto s : {SortOrder::oldest, SortOrder::newest, SortOrder::top, SortOrder::best, SortOrder::controversial,
                 SortOrder::active})
    EXPECT_EQ(parse_sort(sort_name(s)), s);
  EXPECT_FALSE(parse_sort("random").has_value());
}

TEST(Sorting, OldestAndNewestAreExactReversesWithIdTieBreaks) {
  auto t = assemble_thread(
      {make_comment("b", "", 2), make_comment("10", "", 1), make_comment("9", "", 1), make_comment("a", "", 2)});
  EXPECT_EQ(order(t, SortOrder::oldest), (std::vector<std::string>{"9", "10", "a", "b"}));
  EXPECT_EQ(order(t, SortOrder::newest), (std::vector<std::string>{"b", "a", "10", "9"}));
}

TEST(Sorting, TopRanksByScoreThenOldest) {
  auto t = assemble_thread({voted("a", 1, 0, 0, 1), voted("b", 2, 0, 0, 5), voted("c", 3, 0, 0, 5)});
  EXPECT_EQ(order(t, SortOrder::top), (std::vector<std::string>{"b", "c", "a"}));
}

TEST(Sorting, BestUsesTheWilsonLowerBoundAndFallsBackToScore) {
  // 1 up of 1 is less sure than 90 up of 100.
  auto t = assemble_thread({voted("lucky", 1, 1, 0, 1), voted("solid", 2, 90, 10, 80), voted("novote-high", 3, 0, 0, 7),
                            voted("novote-low", 4, 0, 0, 2)});
  EXPECT_EQ(order(t, SortOrder::best), (std::vector<std::string>{"solid", "lucky", "novote-high", "novote-low"}));
  EXPECT_NEAR(wilson_lower_bound(90, 10), 0.8256, 1e-3);
  EXPECT_EQ(wilson_lower_bound(0, 0), 0.0);
}

TEST(Sorting, ControversialPrefersBalancedHeavilyVotedComments) {
  auto t = assemble_thread(
      {voted("one-sided", 1, 100, 1, 99), voted("split", 2, 50, 48, 2), voted("small-split", 3, 3, 3, 0)});
  EXPECT_EQ(order(t, SortOrder::controversial), (std::vector<std::string>{"split", "small-split", "one-sided"}));
  EXPECT_EQ(controversy(5, 0), 0.0);
}

TEST(Sorting, ActiveRanksByTheLatestVisibleCommentInTheSubtree) {
  auto t = assemble_thread({make_comment("a", "", 1), make_comment("b", "", 2), make_comment("a1", "a", 10),
                            make_comment("b1", "b", 20, Status::deleted)});
  EXPECT_EQ(order(t, SortOrder::active), (std::vector<std::string>{"a", "b"}));
}

}  // namespace
}  // namespace soundoff
