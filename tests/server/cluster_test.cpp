// Several `soundoff serve` instances on one PostgreSQL database (docs/storage.md):
// a write through one is served by the other within a second, votes and
// reports count once across instances, rate limits are cluster-wide, kill -9
// of one instance loses nothing it acknowledged. And `soundoff migrate`
// between backends, verified by checksums.
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>

#include <atomic>
#include <chrono>
#include <fstream>
#include <map>
#include <mutex>

#include "server/import_export.h"
#include "server/server_harness.h"
#include "server/storage_copy.h"

namespace soundoff::test {
namespace {

using nlohmann::json;
using Clock = std::chrono::steady_clock;

const std::string kPath = "/api/threads/shared/comments";

#define REQUIRE_POSTGRES() \
  if (!testing_postgres()) \
  GTEST_SKIP() << "several instances need a shared database: this runs in server_tests_postgres"

json full_page(httplib::Client& client) { return body_json(client.Get(kPath + "?per_page=1000&max_depth=0")); }

// Polls `client` until the page holds `total` comments or `limit` passes;
// returns how long it took, or nullopt.
std::optional<std::chrono::milliseconds> time_until_total(httplib::Client& client, int total,
                                                          std::chrono::milliseconds limit) {
  const auto start = Clock::now();
  while (Clock::now() - start < limit) {
    if (full_page(client)["total"] == total)
      return std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - start);
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  return std::nullopt;
}

class TwoInstances : public ::testing::Test {
 protected:
  void SetUp() override {
    REQUIRE_POSTGRES();
    const std::string config = dir_.file("config.json");
    std::ofstream(config)
        << R"({"admin_token": "tok-0123456789abcdef0123456789abcdef", "trusted_proxies": ["127.0.0.1"], "report_threshold": 3,
                                 "comment_limit": {"per_minute": 1, "burst": 3}, "action_limit": {"per_minute": 6000, "burst": 6000},
                                 "spam_policy": {"flood": {"interval_s": 0}}})";
    db_ = test_database(dir_, "shared");
    const std::vector<std::string> args = {"--db", db_, "--config", config};
    a_ = std::make_unique<ServeProcess>(args);
    b_ = std::make_unique<ServeProcess>(args);
  }
  std::string post(const ServeProcess& via, const std::string& body, const std::string& client = "10.1.0.1") {
    auto res =
        post_json(*via.client(), kPath, R"({"author":"A","body":")" + body + "\"}", {{"X-Forwarded-For", client}});
    return res && res->status == 201 ? body_json(res)["id"].get<std::string>() : "";
  }
  TempDir dir_;
  std::string db_;
  std::unique_ptr<ServeProcess> a_;
  std::unique_ptr<ServeProcess> b_;
};

TEST_F(TwoInstances, ACommentPostedThroughOneIsServedByTheOtherWithinOneSecond) {
  ASSERT_FALSE(post(*a_, "first", "10.1.0.1").empty());
  auto reader = b_->client();
  ASSERT_TRUE(time_until_total(*reader, 1, std::chrono::milliseconds(1000))) << "b reads the thread (and caches it)";
  for (int n = 2; n <= 4; ++n) {
    ASSERT_FALSE(post(*a_, "comment " + std::to_string(n), "10.1.0." + std::to_string(n)).empty());
    const auto took = time_until_total(*reader, n, std::chrono::milliseconds(1000));
    ASSERT_TRUE(took) << "instance b still serves the cached thread a second after a wrote comment " << n;
  }
  // Moderation through b hides the comment on a as well.
  const std::string id = full_page(*reader)["items"][0]["id"];
  ASSERT_EQ(post_json(*b_->client(), "/api/comments/" + id + "/delete", "",
                      {{"Authorization", "Bearer tok-0123456789abcdef0123456789abcdef"}})
                ->status,
            200);
  ASSERT_TRUE(time_until_total(*a_->client(), 3, std::chrono::milliseconds(1000)));
}

TEST_F(TwoInstances, VotesAndReportsCountOnceAcrossInstancesUnderConcurrency) {
  const std::string id = post(*a_, "popular");
  ASSERT_FALSE(id.empty());
  constexpr int kVoters = 40;
  std::vector<std::thread> threads;
  std::atomic<int> counted{0};
  std::atomic<int> refused{0};
  std::mutex mutex;
  std::vector<std::string> other;
  // Every voter votes through both instances at once: exactly one vote
  // counts. Worker pairs (one per instance) walk the same voters in step;
  // each worker keeps one connection, so the servers' accept queues are not
  // what is tested.
  constexpr int kPairs = 8;
  for (int p = 0; p < kPairs; ++p) {
    for (const ServeProcess* via : {a_.get(), b_.get()}) {
      threads.emplace_back([&, p, via] {
        auto client = via->client();
        for (int v = p; v < kVoters; v += kPairs) {
          auto res = post_json(*client, "/api/comments/" + id + "/vote", R"({"value":1})",
                               {{"X-Forwarded-For", "10.2.0." + std::to_string(v)}});
          if (res && res->status == 200) ++counted;
          if (res && res->status == 409) ++refused;
          if (!res || (res->status != 200 && res->status != 409)) {
            std::lock_guard lock(mutex);
            other.push_back(res ? std::to_string(res->status) + " " + res->body : httplib::to_string(res.error()));
          }
        }
      });
    }
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(counted, kVoters);
  EXPECT_EQ(refused, kVoters);
  EXPECT_TRUE(other.empty()) << other.size() << " answers were neither 200 nor 409, the first: " << other[0];
  for (const ServeProcess* via : {a_.get(), b_.get()}) {
    const auto start = Clock::now();
    json item;
    do {
      item = full_page(*via->client())["items"][0];
    } while (item["up"] != kVoters && Clock::now() - start < std::chrono::seconds(1));
    EXPECT_EQ(item["up"], kVoters);
    EXPECT_EQ(item["score"], kVoters);
  }
  // Three distinct reporters through different instances hide it, once.
  EXPECT_EQ(
      post_json(*a_->client(), "/api/comments/" + id + "/report", "{}", {{"X-Forwarded-For", "10.3.0.1"}})->status,
      200);
  EXPECT_EQ(
      post_json(*b_->client(), "/api/comments/" + id + "/report", "{}", {{"X-Forwarded-For", "10.3.0.1"}})->status,
      409);
  EXPECT_EQ(
      post_json(*b_->client(), "/api/comments/" + id + "/report", "{}", {{"X-Forwarded-For", "10.3.0.2"}})->status,
      200);
  auto third = post_json(*a_->client(), "/api/comments/" + id + "/report", "{}", {{"X-Forwarded-For", "10.3.0.3"}});
  ASSERT_EQ(third->status, 200);
  EXPECT_EQ(body_json(third)["status"], "pending");
  EXPECT_TRUE(time_until_total(*b_->client(), 0, std::chrono::milliseconds(1000))) << "b hides it too";
}

TEST_F(TwoInstances, RateLimitsCountACientsRequestsOnEveryInstance) {
  // Burst 3 for the whole cluster: alternating instances does not get a fourth.
  EXPECT_FALSE(post(*a_, "one", "10.4.0.1").empty());
  EXPECT_FALSE(post(*b_, "two", "10.4.0.1").empty());
  EXPECT_FALSE(post(*a_, "three", "10.4.0.1").empty());
  auto fourth = post_json(*b_->client(), kPath, R"({"author":"A","body":"four"})", {{"X-Forwarded-For", "10.4.0.1"}});
  ASSERT_TRUE(fourth);
  EXPECT_EQ(fourth->status, 429);
  EXPECT_FALSE(fourth->get_header_value("Retry-After").empty());
  EXPECT_FALSE(post(*b_, "other client", "10.4.0.2").empty()) << "another client has its own bucket";
}

TEST_F(TwoInstances, KillDashNineOfOneInstanceLosesNothingItAcknowledged) {
  constexpr int kWriters = 8;
  constexpr int kPerWriter = 40;
  // Half the writers use the instance that dies, half the survivor; each post
  // from its own address, since the cluster-wide limit is per client.
  ConcurrentWriters writers(
      kWriters, kPerWriter, kPath, [&](int w) { return (w % 2 == 0 ? a_ : b_)->port(); },
      [](int w, int i) {
        return httplib::Headers{{"X-Forwarded-For", "10.5." + std::to_string(w) + "." + std::to_string(i)}};
      });
  writers.wait_for_acks(kWriters * kPerWriter / 4, std::chrono::seconds(20));
  a_->stop(SIGKILL);
  writers.join();
  const auto& acknowledged = writers.acknowledged();
  ASSERT_GT(acknowledged.size(), 0u);
  ASSERT_LT(acknowledged.size(), static_cast<std::size_t>(kWriters * kPerWriter)) << "the kill came too late";

  auto survivor = b_->client();
  json page;
  const auto start = Clock::now();
  do {
    page = full_page(*survivor);
  } while (page["total"].get<std::size_t>() < acknowledged.size() && Clock::now() - start < std::chrono::seconds(1));
  std::map<std::string, std::string> stored;
  for (const auto& item : page["items"]) stored[item["id"]] = item["body"];
  for (const auto& [id, body] : acknowledged) {
    ASSERT_TRUE(stored.count(id)) << "acknowledged comment " << id << " (" << body << ") was lost";
    EXPECT_EQ(stored[id], body);
  }
}

// A database with every kind of row: replies, held comments with reasons,
// emails and addresses, reports (one crossing the threshold), votes.
void fill(server::Storage& store) {
  server::NewComment c;
  c.thread = "migrated";
  c.author = "Ann";
  c.email = "ann@example.org";
  c.ip = "10.0.0.1";
  c.body = "first \xe2\x80\x94 with unicode";
  c.created_ms = 1000;
  const auto first = store.insert(c);
  ASSERT_TRUE(first.ok()) << first.error().message;
  c.parent = first->id;
  c.author = "Bob";
  c.email = "";
  c.ip = "10.0.0.2";
  c.body = "a reply; DROP TABLE comments; --";
  c.created_ms = 2000;
  const auto reply = store.insert(c);
  ASSERT_TRUE(reply.ok());
  c.parent = "";
  c.thread = "other";
  c.status = Status::spam;
  c.reasons = {"link_flood: 5 links", "blocked word"};
  c.body = "buy now";
  ASSERT_TRUE(store.insert(c).ok());
  ASSERT_TRUE(store.add_vote("migrated", first->id, "10.9.0.1", 1, 3000).ok());
  ASSERT_TRUE(store.add_vote("migrated", first->id, "10.9.0.2", -1, 3001).ok());
  ASSERT_TRUE(store.add_vote("migrated", reply->id, "10.9.0.1", 1, 3002).ok());
  ASSERT_TRUE(store.add_report("migrated", reply->id, "10.8.0.1", 4000, 2).ok());
  const auto hidden = store.add_report("migrated", reply->id, "10.8.0.2", 4001, 2);
  ASSERT_TRUE(hidden.ok());
  ASSERT_TRUE(hidden->hidden_now);
}

TEST(Migrate, SqliteToPostgresToSqliteKeepsEveryRowWithEqualChecksums) {
  REQUIRE_POSTGRES();
  TempDir dir;
  const std::string source_path = "sqlite:" + dir.file("source.db");
  const std::string postgres = test_database(dir, "middle");
  const std::string back_path = dir.file("back.db");
  server::StorageDump source_dump;
  {
    auto source = server::open_storage(source_path);
    ASSERT_TRUE(source.ok());
    fill(**source);
    source_dump = *(*source)->dump();
  }
  const auto migrate = [](const std::string& from, const std::string& to, const std::string& out) {
    const std::string cmd = soundoff_binary() + " migrate --from '" + from + "' --to '" + to + "' >" + out + " 2>&1";
    return WEXITSTATUS(std::system(cmd.c_str()));
  };
  ASSERT_EQ(migrate(source_path, postgres, dir.file("to-pg.txt")), 0);
  ASSERT_EQ(migrate(postgres, back_path, dir.file("to-sqlite.txt")), 0);
  EXPECT_EQ(migrate(source_path, postgres, dir.file("again.txt")), 2) << "a non-empty target is refused";

  auto pg = server::open_storage(postgres);
  auto back = server::open_storage(back_path);
  ASSERT_TRUE(pg.ok() && back.ok());
  const auto expected = server::summarize(source_dump);
  EXPECT_EQ(expected[0].rows, 3u);
  EXPECT_EQ(expected[1].rows, 2u);
  EXPECT_EQ(expected[2].rows, 3u);
  for (server::Storage* copy : {pg->get(), back->get()}) {
    const auto got = server::summarize(*copy->dump());
    for (std::size_t i = 0; i < expected.size(); ++i) {
      EXPECT_EQ(got[i].rows, expected[i].rows) << expected[i].table;
      EXPECT_EQ(got[i].checksum, expected[i].checksum) << expected[i].table;
    }
  }
  // The printed table names every table and its checksum on both sides.
  std::ifstream printed(dir.file("to-pg.txt"));
  const std::string text((std::istreambuf_iterator<char>(printed)), std::istreambuf_iterator<char>());
  char hex[17];
  std::snprintf(hex, sizeof hex, "%016llx", static_cast<unsigned long long>(expected[0].checksum));
  EXPECT_NE(text.find(hex), std::string::npos) << text;
  // The copy keeps working: held reasons and counters as they were, new ids after the copied ones.
  auto held = (*pg)->held(10);
  ASSERT_TRUE(held.ok());
  ASSERT_EQ(held->size(), 2u);
  EXPECT_EQ((*held)[0].reasons, std::vector<std::string>{"reported"});
  EXPECT_EQ((*held)[1].reasons, (std::vector<std::string>{"link_flood: 5 links", "blocked word"}));
  server::NewComment c;
  c.thread = "migrated";
  c.author = "new";
  c.body = "after the move";
  EXPECT_EQ((*pg)->insert(c)->id, "4");
  EXPECT_EQ((*back)->insert(c)->id, "4");
}

TEST(Migrate, SqliteToSqliteCopiesAndRefusesANonEmptyTarget) {
  TempDir dir;
  {
    auto source = server::open_storage(dir.file("a.db"));
    ASSERT_TRUE(source.ok());
    fill(**source);
  }
  const std::string cmd = soundoff_binary() + " migrate --from " + dir.file("a.db") +
                          " --to sqlite:" + dir.file("b.db") + " >" + dir.file("out.txt") + " 2>&1";
  ASSERT_EQ(WEXITSTATUS(std::system(cmd.c_str())), 0);
  EXPECT_EQ(WEXITSTATUS(std::system(cmd.c_str())), 2);
  auto a = server::open_storage(dir.file("a.db"));
  auto b = server::open_storage(dir.file("b.db"));
  const auto sa = server::summarize(*(*a)->dump());
  const auto sb = server::summarize(*(*b)->dump());
  for (std::size_t i = 0; i < sa.size(); ++i) EXPECT_EQ(sa[i].checksum, sb[i].checksum) << sa[i].table;
  EXPECT_EQ(*server::export_all(**a), *server::export_all(**b));
}

}  // namespace
}  // namespace soundoff::test
