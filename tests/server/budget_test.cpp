// Memory and CPU budgets (issue 15): the page memo's byte budget, the cap on
// comments per response, counts served from memory, and thread rebuilds that
// never hold up writes to other threads.
#include <gtest/gtest.h>

#include <fstream>
#include <future>
#include <set>

#include "server/server_harness.h"
#include "server/thread_cache.h"

namespace soundoff::test {
namespace {

using nlohmann::json;
using Clock = std::chrono::steady_clock;

// A comment document of `threads` top-level comments with `replies` replies each.
std::string big_document(int threads, int replies) {
  json comments = json::array();
  int id = 0;
  const std::string body(180, 'w');
  for (int t = 0; t < threads; ++t) {
    const int top = ++id;
    comments.push_back({{"id", std::to_string(top)},
                        {"author", "r" + std::to_string(t % 97)},
                        {"created", 1378760000 + id},
                        {"body", body}});
    for (int r = 0; r < replies; ++r) {
      ++id;
      comments.push_back({{"id", std::to_string(id)},
                          {"author", "s" + std::to_string(r)},
                          {"created", 1378760000 + id},
                          {"parent", std::to_string(top)},
                          {"body", body}});
    }
  }
  return json{{"thread", kSeedThread}, {"comments", comments}}.dump();
}

TEST(Budgets, ManyVariantsOfABigPageStayWithinThePageMemoBudget) {
  TempDir dir;
  std::ofstream(dir.file("seed.json")) << big_document(500, 2);
  std::ofstream(dir.file("config.json")) << R"({"page_memo_bytes": 4194304})";
  ServeProcess server(
      {"--db", test_database(dir, "b.db"), "--seed", dir.file("seed.json"), "--config", dir.file("config.json")});
  auto client = server.client();
  const std::string path = "/api/threads/" + kSeedThread + "/comments?per_page=1000";
  auto first = client->Get(path);
  ASSERT_TRUE(first);
  ASSERT_EQ(first->status, 200);
  ASSERT_GT(first->body.size(), 300000u) << "each variant is a big page";
  const std::size_t before = vm_rss_kib(server.pid());
  for (int i = 1; i <= 80; ++i) {
    auto res = client->Get(path + "&max_replies=" + std::to_string(i));
    ASSERT_TRUE(res) << i;
    ASSERT_EQ(res->status, 200);
  }
  const std::size_t after = vm_rss_kib(server.pid());
  // Without the budget the memo would hold 80 pages of ~0.35 MB (28 MB); with it, 4 MB.
  EXPECT_LT(after, before + 16 * 1024) << "RSS " << before << " -> " << after << " KiB";
}

TEST(Budgets, APageOverTheCommentCapIsRefusedWithTheReason) {
  TempDir dir;
  auto config = test_config(dir);
  config.max_page_comments = 10;
  InProcessServer server(config);
  auto client = server.client();
  const std::string top =
      body_json(post_json(*client, "/api/threads/t/comments", R"({"author":"a","body":"top"})"))["id"];
  for (int i = 0; i < 12; ++i)
    post_json(*client, "/api/threads/t/comments",
              json{{"author", "a"}, {"body", "reply number " + std::to_string(i)}, {"parent", top}}.dump());
  auto too_big = client->Get("/api/threads/t/comments");
  ASSERT_TRUE(too_big);
  EXPECT_EQ(too_big->status, 400);
  EXPECT_EQ(body_json(too_big)["code"], "page_too_large");
  auto capped = client->Get("/api/threads/t/comments?max_replies=5");
  ASSERT_TRUE(capped);
  EXPECT_EQ(capped->status, 200) << "replies beyond max_replies are left for their cursor";
}

TEST(Budgets, CountsAreDeduplicatedAndFollowWrites) {
  TempDir dir;
  InProcessServer server(test_config(dir));
  auto client = server.client();
  json threads = json::array();
  for (int i = 0; i < 200; ++i) threads.push_back(i % 2 ? "uncached" : "other");
  const auto counts = [&] { return body_json(post_json(*client, "/api/counts", json{{"threads", threads}}.dump())); };
  EXPECT_EQ(counts(), json::parse(R"({"counts":{"other":0,"uncached":0}})"));
  ASSERT_EQ(post_json(*client, "/api/threads/uncached/comments", R"({"author":"a","body":"b"})")->status, 201);
  EXPECT_EQ(counts()["counts"]["uncached"], 1) << "a remembered count is dropped by a write";
  EXPECT_EQ(body_json(client->Get("/api/threads/uncached/comments"))["total"], 1);
  ASSERT_EQ(post_json(*client, "/api/threads/uncached/comments", R"({"author":"a","body":"c"})")->status, 201);
  EXPECT_EQ(counts()["counts"]["uncached"], 2) << "a cached thread is counted from memory";
  EXPECT_EQ(body_json(client->Get("/api/threads/uncached/count"))["count"], 2);
}

Comment comment_of(const std::string& thread, int id, int parent) {
  Comment c;
  c.thread = thread;
  c.id = std::to_string(id);
  if (parent > 0) c.parent = std::to_string(parent);
  c.author = "a" + std::to_string(id % 50);
  c.body = "body " + std::to_string(id);
  c.created_ms = 1000 + id;
  return c;
}

TEST(Budgets, RebuildingABigThreadDoesNotHoldUpWritesToAnother) {
  std::vector<Comment> big;
  for (int i = 1; i <= 150000; ++i) big.push_back(comment_of("big", i, i > 1 && i % 3 ? i - 1 : 0));
  server::ThreadCache cache(
      [&](const std::string& thread) -> Result<std::vector<Comment>> {
        if (thread == "big") return big;
        return std::vector<Comment>{comment_of(thread, 1, 0)};
      },
      100);
  ASSERT_TRUE(cache.get("small"));
  ASSERT_TRUE(cache.get("big"));
  // Dirty the big thread, then rebuild it on another thread while writing to the small one.
  {
    std::lock_guard write(cache.write_mutex());
    cache.update("big", [](std::vector<Comment>& comments) { comments.front().body = "edited"; });
  }
  auto rebuild = std::async(std::launch::async, [&] {
    const auto snapshot = cache.get("big");
    return snapshot ? Clock::now() : Clock::time_point();
  });
  std::this_thread::sleep_for(std::chrono::milliseconds(20));
  const auto write_start = Clock::now();
  cache.add_committed("small", comment_of("small", 2, 0));
  const auto write_done = Clock::now();
  const auto rebuild_done = rebuild.get();
  ASSERT_GT(rebuild_done, write_start + std::chrono::milliseconds(20))
      << "the rebuild must still be running for this test to say anything; make the thread bigger";
  EXPECT_LT(write_done, rebuild_done) << "the write waited for the rebuild of another thread";
  const double write_ms = std::chrono::duration<double, std::milli>(write_done - write_start).count();
  EXPECT_LT(write_ms, 50.0);
  auto small = cache.get("small");
  ASSERT_TRUE(small);
  EXPECT_EQ((*small)->view(SortOrder::oldest).roots.size(), 2u);
}

}  // namespace
}  // namespace soundoff::test
