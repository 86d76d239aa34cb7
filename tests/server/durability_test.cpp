// The real `soundoff serve` process: restart keeps everything, kill -9 loses
// nothing that was acknowledged, SIGTERM stops cleanly.
#include <gtest/gtest.h>
#include <signal.h>
#include <sqlite3.h>
#include <sys/wait.h>

#include <atomic>
#include <fstream>
#include <map>
#include <mutex>
#include <regex>
#include <set>

#include "server/server_harness.h"
#include "support/fixtures.h"

namespace soundoff::test {
namespace {

using nlohmann::json;

const std::string kPath = "/api/threads/durable/comments";

json full_page(httplib::Client& client, const std::string& path) {
  return body_json(client.Get(path + "?per_page=1000&max_depth=0"));
}

std::string integrity_check(const std::string& db_path) {
  sqlite3* db = nullptr;
  std::string result = "cannot open";
  if (sqlite3_open_v2(db_path.c_str(), &db, SQLITE_OPEN_READONLY, nullptr) == SQLITE_OK) {
    sqlite3_stmt* s = nullptr;
    sqlite3_prepare_v2(db, "PRAGMA integrity_check", -1, &s, nullptr);
    if (sqlite3_step(s) == SQLITE_ROW) result = reinterpret_cast<const char*>(sqlite3_column_text(s, 0));
    sqlite3_finalize(s);
  }
  sqlite3_close(db);
  return result;
}

TEST(Durability, RestartKeepsCommentsVotesReportsAndModeration) {
  TempDir dir;
  const std::string config = dir.file("config.json");
  std::ofstream(config)
      << R"({"admin_token": "tok-0123456789abcdef0123456789abcdef", "trusted_proxies": ["127.0.0.1"], "report_threshold": 5})";
  const std::vector<std::string> args = {"--db",   test_database(dir, "c.db"),           "--config",       config,
                                         "--seed", fixtures_dir() + "/seed-thread.json", "--no-rate-limit"};
  std::string before;
  std::string id;
  {
    ServeProcess server(args);
    auto client = server.client();
    id = body_json(post_json(*client, kPath, R"({"author":"Ann","body":"kept"})"))["id"];
    const std::string gone = body_json(post_json(*client, kPath, R"({"author":"Bob","body":"deleted"})"))["id"];
    ASSERT_EQ(post_json(*client, "/api/comments/" + id + "/vote", R"({"value":1})", {{"X-Forwarded-For", "10.0.0.1"}})
                  ->status,
              200);
    ASSERT_EQ(post_json(*client, "/api/comments/" + id + "/report", "{}", {{"X-Forwarded-For", "10.0.0.2"}})->status,
              200);
    ASSERT_EQ(post_json(*client, "/api/comments/" + gone + "/delete", "",
                        {{"Authorization", "Bearer tok-0123456789abcdef0123456789abcdef"}})
                  ->status,
              200);
    before = client->Get(kPath)->body;
    EXPECT_EQ(body_json(client->Get(kPath))["total"], 1);
    const int status = server.stop(SIGTERM);
    ASSERT_TRUE(WIFEXITED(status)) << "SIGTERM ends the server by itself";
    EXPECT_EQ(WEXITSTATUS(status), 0);
  }
  ServeProcess again(args);
  auto client = again.client();
  EXPECT_EQ(client->Get(kPath)->body, before);
  EXPECT_EQ(body_json(client->Get("/api/threads/" + kSeedThread + "/count"))["count"], 15)
      << "the seed is loaded into a new database only";
  EXPECT_EQ(
      post_json(*client, "/api/comments/" + id + "/vote", R"({"value":1})", {{"X-Forwarded-For", "10.0.0.1"}})->status,
      409);
  EXPECT_EQ(post_json(*client, "/api/comments/" + id + "/report", "{}", {{"X-Forwarded-For", "10.0.0.2"}})->status,
            409);
}

TEST(Durability, EveryAcknowledgedCommentSurvivesKillDashNine) {
  TempDir dir;
  const std::string db = test_database(dir, "c.db");
  ServeProcess server({"--db", db, "--no-rate-limit"});
  constexpr int kWriters = 8;
  constexpr int kPerWriter = 60;
  ConcurrentWriters writers(kWriters, kPerWriter, kPath, [&](int) { return server.port(); });
  // Kill mid-way: after some acknowledgements, while writers are still busy.
  writers.wait_for_acks(kWriters * kPerWriter / 4, std::chrono::seconds(20));
  server.stop(SIGKILL);
  writers.join();
  const auto& acknowledged = writers.acknowledged();
  ASSERT_GT(acknowledged.size(), 0u);
  ASSERT_LT(acknowledged.size(), static_cast<std::size_t>(kWriters * kPerWriter)) << "the kill came too late";
  if (!testing_postgres()) {
    EXPECT_EQ(integrity_check(db), "ok");
  }

  ServeProcess again({"--db", db, "--no-rate-limit"});
  auto client = again.client();
  const json page = full_page(*client, kPath);
  std::map<std::string, std::string> stored;
  const std::regex whole(R"(w[0-9]+-n[0-9]+)");
  for (const auto& item : page["items"]) {
    stored[item["id"]] = item["body"];
    EXPECT_TRUE(std::regex_match(item["body"].get<std::string>(), whole)) << "half-written: " << item["body"];
    EXPECT_EQ(item["author"], "writer");
  }
  for (const auto& [id, body] : acknowledged) {
    ASSERT_TRUE(stored.count(id)) << "acknowledged comment " << id << " (" << body << ") was lost";
    EXPECT_EQ(stored[id], body);
  }
  EXPECT_EQ(page["total"], stored.size());
  std::set<std::string> bodies;
  for (const auto& [id, body] : stored) EXPECT_TRUE(bodies.insert(body).second) << "stored twice: " << body;
}

TEST(Durability, ConfigAndArgumentErrorsExitWithStatus2) {
  TempDir dir;
  const std::string config = dir.file("bad.json");
  std::ofstream(config) << R"({"admin_tokn": "typo"})";
  const std::string cmd =
      soundoff_binary() + " serve --db " + dir.file("x.db") + " --config " + config + " --port 0 >/dev/null 2>&1";
  EXPECT_EQ(WEXITSTATUS(std::system(cmd.c_str())), 2);
  EXPECT_EQ(WEXITSTATUS(std::system((soundoff_binary() + " serve --port 0 >/dev/null 2>&1").c_str())), 2)
      << "--db is required";
  EXPECT_EQ(WEXITSTATUS(std::system((soundoff_binary() + " serve --bogus >/dev/null 2>&1").c_str())), 2);
}

}  // namespace
}  // namespace soundoff::test
