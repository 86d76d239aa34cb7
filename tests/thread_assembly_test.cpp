#include <gtest/gtest.h>

#include <algorithm>
#include <random>

#include "soundoff/thread.h"
#include "support/builders.h"

namespace soundoff {
namespace {

using test::make_comment;

std::vector<std::string> ids_of(const Thread& t, const std::vector<std::uint32_t>& nodes) {
  std::vector<std::string> out;
  for (auto n : nodes) out.push_back(t.comments[n].id);
  return out;
}

std::vector<std::string> children_of(const Thread& t, const std::string& id) {
  const auto& node = t.nodes[t.find(id)];
  return ids_of(
      t, std::vector<std::uint32_t>(t.children.begin() + node.children_begin, t.children.begin() + node.children_end));
}

bool has_issue(const Thread& t, const std::string& code, const std::string& id) {
  return std::any_of(t.issues.begin(), t.issues.end(),
                     [&](const ThreadIssue& i) { return i.code == code && i.comment_id == id; });
}

TEST(ThreadAssembly, RepliesNestUnderTheirParentOldestFirst) {
  auto t = assemble_thread(
      {make_comment("a", "", 1), make_comment("c", "a", 5), make_comment("b", "a", 3), make_comment("d", "b", 4)});
  EXPECT_EQ(ids_of(t, t.roots), std::vector<std::string>{"a"});
  EXPECT_EQ(children_of(t, "a"), (std::vector<std::string>{"b", "c"}));
  EXPECT_EQ(children_of(t, "b"), std::vector<std::string>{"d"});
  EXPECT_EQ(t.nodes[t.find("d")].depth, 2u);
  EXPECT_EQ(t.nodes[t.find("a")].visible_descendants, 3u);
  EXPECT_EQ(t.nodes[t.find("a")].latest_activity_ms, 5000);
  EXPECT_EQ(t.visible_count, 4u);
}

TEST(ThreadAssembly, OrphanReplyBecomesTopLevelWithMarker) {
  auto t = assemble_thread({make_comment("a", "", 1), make_comment("b", "missing", 2)});
  EXPECT_EQ(ids_of(t, t.roots), (std::vector<std::string>{"a", "b"}));
  EXPECT_TRUE(t.nodes[t.find("b")].orphan);
  EXPECT_FALSE(t.nodes[t.find("a")].orphan);
  EXPECT_TRUE(has_issue(t, "parent_missing", "b"));
}

TEST(ThreadAssembly, ReplyToACommentOfAnotherThreadIsAnOrphan) {
  auto other = make_comment("x", "", 1);
  other.thread = "other-article";
  auto reply = make_comment("y", "x", 2);
  AssembleOptions options;
  options.filter_thread = true;
  options.thread = "article";
  options.document_thread = "article";
  auto t = assemble_thread({other, reply}, options);
  EXPECT_EQ(ids_of(t, t.roots), std::vector<std::string>{"y"});
  EXPECT_TRUE(t.nodes[t.find("y")].orphan);
  EXPECT_TRUE(has_issue(t, "parent_in_other_thread", "y"));
  EXPECT_FALSE(t.nodes[t.find("x")].shown);
}

TEST(ThreadAssembly, CyclesAreBrokenAtTheOldestMemberAndReported) {
  auto t = assemble_thread(
      {make_comment("a", "c", 3), make_comment("b", "a", 1), make_comment("c", "b", 2), make_comment("d", "a", 4)});
  // b is the oldest of the cycle a->c->b->a, so it becomes top level.
  EXPECT_EQ(ids_of(t, t.roots), std::vector<std::string>{"b"});
  EXPECT_TRUE(t.nodes[t.find("b")].cycle_broken);
  EXPECT_TRUE(has_issue(t, "cycle_broken", "b"));
  EXPECT_EQ(children_of(t, "b"), std::vector<std::string>{"c"});
  EXPECT_EQ(children_of(t, "a"), std::vector<std::string>{"d"});
  EXPECT_EQ(t.visible_count, 4u);
}

TEST(ThreadAssembly, ACommentAnsweringItselfIsAOneCommentCycle) {
  auto t = assemble_thread({make_comment("a", "a", 1)});
  EXPECT_EQ(ids_of(t, t.roots), std::vector<std::string>{"a"});
  EXPECT_TRUE(has_issue(t, "cycle_broken", "a"));
}

TEST(ThreadAssembly, DuplicateIdsKeepTheFirstAndAreReported) {
  auto first = make_comment("a", "", 1);
  auto second = make_comment("a", "", 2);
  second.body = "second";
  auto t = assemble_thread({first, second});
  EXPECT_EQ(t.roots.size(), 1u);
  EXPECT_EQ(t.comments[t.find("a")].body, "body of a");
  EXPECT_TRUE(has_issue(t, "duplicate_id", "a"));
  EXPECT_EQ(t.visible_count, 1u);
}

TEST(ThreadAssembly, HiddenCommentWithVisibleRepliesBecomesATombstone) {
  auto t = assemble_thread({make_comment("a", "", 1, Status::deleted), make_comment("b", "a", 2),
                            make_comment("c", "", 3, Status::spam), make_comment("d", "", 4, Status::pending),
                            make_comment("e", "d", 5, Status::deleted)});
  EXPECT_EQ(ids_of(t, t.roots), std::vector<std::string>{"a"});
  EXPECT_TRUE(t.nodes[t.find("a")].tombstone);
  EXPECT_FALSE(t.nodes[t.find("b")].tombstone);
  EXPECT_FALSE(t.nodes[t.find("c")].shown);
  EXPECT_FALSE(t.nodes[t.find("d")].shown);
  EXPECT_EQ(t.visible_count, 1u);  // counts never include hidden comments
}

TEST(ThreadAssembly, TombstoneChainsKeepADeepVisibleReplyInPlace) {
  auto t = assemble_thread(
      {make_comment("a", "", 1, Status::deleted), make_comment("b", "a", 2, Status::spam), make_comment("c", "b", 3)});
  EXPECT_TRUE(t.nodes[t.find("a")].tombstone);
  EXPECT_TRUE(t.nodes[t.find("b")].tombstone);
  EXPECT_EQ(t.nodes[t.find("c")].depth, 2u);
  EXPECT_EQ(t.nodes[t.find("a")].visible_descendants, 1u);
  EXPECT_EQ(t.nodes[t.find("a")].shown_descendants, 2u);
}

TEST(ThreadAssembly, AMillionDeepReplyChainDoesNotOverflowTheStack) {
  constexpr int n = 1000000;
  std::vector<Comment> chain;
  chain.reserve(n);
  for (int i = 0; i < n; ++i) chain.push_back(make_comment(std::to_string(i), i ? std::to_string(i - 1) : "", i));
  auto t = assemble_thread(std::move(chain));
  ASSERT_EQ(t.roots.size(), 1u);
  EXPECT_EQ(t.nodes[t.find("999999")].depth, 999999u);
  EXPECT_EQ(t.nodes[t.roots[0]].visible_descendants, 999999u);
}

TEST(ThreadAssembly, AMillionSiblingsAssemble) {
  constexpr int n = 1000000;
  std::vector<Comment> flat;
  flat.reserve(n + 1);
  flat.push_back(make_comment("root", "", 0));
  for (int i = 0; i < n; ++i) flat.push_back(make_comment(std::to_string(i), "root", n - i));
  auto t = assemble_thread(std::move(flat));
  const auto& root = t.nodes[t.find("root")];
  EXPECT_EQ(root.children_end - root.children_begin, static_cast<std::uint32_t>(n));
  EXPECT_EQ(t.comments[t.children[root.children_begin]].id, std::to_string(n - 1));  // oldest first
}

// The property behind "deterministic for any input order": the same comments
// shuffled give the same tree, roots and issues.
TEST(ThreadAssembly, ShuffledInputGivesTheSameTree) {
  std::mt19937 rng(12345);
  std::vector<Comment> comments;
  for (int i = 0; i < 10000; ++i) {
    std::string parent;
    const auto r = rng() % 10;
    if (i > 0 && r < 6) parent = std::to_string(rng() % i);            // a reply
    if (r == 6) parent = "missing-" + std::to_string(i);               // an orphan
    if (r == 7 && i > 0) parent = std::to_string(i + 1 + rng() % 50);  // a forward link: cycles
    const auto status = rng() % 15 == 0 ? Status::deleted : Status::published;
    comments.push_back(make_comment(std::to_string(i), parent, static_cast<int>(rng() % 5000), status));
  }
  auto describe = [](const Thread& t) {
    std::string out;
    for (auto r : t.roots) out += t.comments[r].id + ";";
    std::vector<std::string> lines;
    for (std::uint32_t i = 0; i < t.nodes.size(); ++i) {
      const auto& n = t.nodes[i];
      std::string line = t.comments[i].id + ":" + std::to_string(n.shown) + std::to_string(n.tombstone) +
                         std::to_string(n.orphan) + std::to_string(n.cycle_broken) + ":" + std::to_string(n.depth) +
                         ":" + std::to_string(n.visible_descendants) + ":";
      for (auto k = n.children_begin; k < n.children_end; ++k) line += t.comments[t.children[k]].id + ",";
      lines.push_back(line);
    }
    std::sort(lines.begin(), lines.end());
    for (const auto& l : lines) out += l + "\n";
    for (const auto& issue : t.issues) out += issue.code + " " + issue.comment_id + "\n";
    return out;
  };
  const auto reference = describe(assemble_thread(comments));
  EXPECT_NE(reference.find("1:1"), std::string::npos);
  for (int round = 0; round < 3; ++round) {
    std::shuffle(comments.begin(), comments.end(), rng);
    EXPECT_EQ(describe(assemble_thread(comments)), reference) << "shuffle " << round;
  }
}

}  // namespace
}  // namespace soundoff
