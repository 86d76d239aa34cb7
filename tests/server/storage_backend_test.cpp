// One behaviour per case on both storage backends: the server suite runs
// once on SQLite and once on PostgreSQL (tests/CMakeLists.txt), so each test
// here holds both to the same answer.
#include <gtest/gtest.h>

#include "server/server_harness.h"
#include "server/storage.h"

namespace soundoff::test {
namespace {

using server::NewComment;

class StorageBackend : public ::testing::Test {
 protected:
  StorageBackend() {
    auto opened = server::open_storage(test_database(dir_, "backend.db"));
    if (!opened) throw std::runtime_error(opened.error().message);
    store_ = std::move(*opened);
  }
  std::string insert(const std::string& thread) {
    auto c = store_->insert(NewComment{.thread = thread, .author = "ann", .body = "hello", .created_ms = 1000});
    if (!c) throw std::runtime_error(c.error().message);
    return c->id;
  }
  TempDir dir_;
  std::unique_ptr<server::Storage> store_;
};

TEST_F(StorageBackend, AVoteOrReportOnAMissingCommentIsNotFound) {
  const std::string id = insert("t");
  for (const auto& [thread, target] : {std::pair<std::string, std::string>{"t", "424242"}, {"other", id}}) {
    auto vote = store_->add_vote(thread, target, "198.51.100.1", 1, 2000);
    ASSERT_FALSE(vote) << thread << "/" << target;
    EXPECT_EQ(vote.error().code, "not_found") << vote.error().message;
    auto report = store_->add_report(thread, target, "198.51.100.1", 2000, 3);
    ASSERT_FALSE(report) << thread << "/" << target;
    EXPECT_EQ(report.error().code, "not_found") << report.error().message;
  }
  auto counted = store_->add_vote("t", id, "198.51.100.1", 1, 2000);
  ASSERT_TRUE(counted) << counted.error().message;
  EXPECT_TRUE(counted->counted);
}

TEST_F(StorageBackend, ApprovalResetsTheReportCount) {
  const std::string id = insert("t");
  for (const char* who : {"a", "b"}) ASSERT_TRUE(store_->add_report("t", id, who, 2000, 2));
  auto hidden = store_->find(id);
  ASSERT_TRUE(hidden && *hidden);
  EXPECT_EQ((*hidden)->status, Status::pending);
  ASSERT_TRUE(store_->set_status("t", id, Status::published));
  auto row = store_->load_comment("t", id);
  ASSERT_TRUE(row && *row);
  EXPECT_EQ((*row)->reports, 0);
  auto again = store_->add_report("t", id, "c", 3000, 2);
  ASSERT_TRUE(again);
  EXPECT_EQ(again->reports, 1);
  EXPECT_FALSE(again->hidden_now) << "one report after approval does not hide it again";
  auto repeat = store_->add_report("t", id, "a", 3000, 2);
  ASSERT_TRUE(repeat);
  EXPECT_FALSE(repeat->counted) << "an earlier reporter is not counted twice";
}

}  // namespace
}  // namespace soundoff::test
