// The server's small parts on their own: client addresses behind proxies,
// token buckets, the config file, schema migrations.
#include <gtest/gtest.h>
#include <sqlite3.h>

#include <fstream>

#include "server/access_log.h"
#include "server/client_ip.h"
#include "server/config.h"
#include "server/network_address.h"
#include "server/rate_limiter.h"
#include "server/server_harness.h"
#include "server/storage.h"

namespace soundoff::test {
namespace {

using server::client_ip;

using Proxies = std::vector<std::string>;

TEST(ClientIp, PeerIsTheClientUnlessItIsATrustedProxy) {
  EXPECT_EQ(client_ip("1.2.3.4", "9.9.9.9", Proxies{}), "1.2.3.4");
  EXPECT_EQ(client_ip("1.2.3.4", "9.9.9.9", Proxies{"10.0.0.1"}), "1.2.3.4");
  EXPECT_EQ(client_ip("10.0.0.1", "9.9.9.9", Proxies{"10.0.0.1"}), "9.9.9.9");
}

TEST(ClientIp, ProxiesMayBeCidrRangesAndAddressesAreCanonical) {
  const Proxies proxies = {"10.0.0.0/8", "fd00::/8"};
  EXPECT_EQ(client_ip("10.9.8.7", "203.0.113.5, 10.1.1.1", proxies), "203.0.113.5");
  EXPECT_EQ(client_ip("fd12::1", "2001:DB8:0:0::1, fd00::9", proxies), "2001:db8::1");
  EXPECT_EQ(client_ip("::ffff:10.0.0.1", "::ffff:198.51.100.4", proxies), "198.51.100.4") << "IPv4-mapped unwrapped";
  EXPECT_EQ(client_ip("11.0.0.1", "203.0.113.5", proxies), "11.0.0.1");
  EXPECT_EQ(client_ip("10.0.0.1", "1.2.3.4:80", proxies), "10.0.0.1") << "a port is not an address";
  EXPECT_EQ(client_ip("10.0.0.1", "1.2.3", proxies), "10.0.0.1");
}

TEST(NetworkAddress, Ipv6IsKeyedBySlashSixtyFourAndRangesParseStrictly) {
  EXPECT_EQ(server::network_key("2001:db8:1:2:3:4:5:6"), "2001:db8:1:2::/64");
  EXPECT_EQ(server::network_key("2001:db8:1:2::ffff"), "2001:db8:1:2::/64");
  EXPECT_EQ(server::network_key("::ffff:192.0.2.1"), "192.0.2.1");
  EXPECT_EQ(server::network_key("192.0.2.1"), "192.0.2.1");
  EXPECT_TRUE(server::IpRange::parse("192.0.2.0/24")->contains(*server::IpAddress::parse("192.0.2.200")));
  EXPECT_FALSE(server::IpRange::parse("192.0.2.0/25")->contains(*server::IpAddress::parse("192.0.2.200")));
  EXPECT_FALSE(server::IpRange::parse("10.0.0.0/33"));
  EXPECT_FALSE(server::IpRange::parse("10.0.0.0/"));
  EXPECT_FALSE(server::IpRange::parse("localhost"));
}

TEST(ClientIp, RightmostUntrustedForwardedEntryWins) {
  const std::vector<std::string> proxies = {"10.0.0.1", "10.0.0.2"};
  EXPECT_EQ(client_ip("10.0.0.1", "6.6.6.6, 5.5.5.5, 10.0.0.2", proxies), "5.5.5.5");
  EXPECT_EQ(client_ip("10.0.0.1", " 2001:db8::1 ", proxies), "2001:db8::1");
  EXPECT_EQ(client_ip("10.0.0.1", "", proxies), "10.0.0.1");
  EXPECT_EQ(client_ip("10.0.0.1", "10.0.0.2", proxies), "10.0.0.1");
  EXPECT_EQ(client_ip("10.0.0.1", "evil\r\nheader", proxies), "10.0.0.1");
  EXPECT_EQ(client_ip("10.0.0.1", "unknown", proxies), "10.0.0.1");
}

TEST(RateLimiter, BurstThenRefillAtTheConfiguredRate) {
  server::RateLimiter limiter({60, 2}, true);  // one a second, two at once
  EXPECT_TRUE(limiter.take("a", 0).allowed);
  EXPECT_TRUE(limiter.take("a", 0).allowed);
  const auto refused = limiter.take("a", 0);
  EXPECT_FALSE(refused.allowed);
  EXPECT_EQ(refused.retry_after_s, 1u);
  EXPECT_TRUE(limiter.take("b", 0).allowed) << "buckets are per client";
  EXPECT_FALSE(limiter.take("a", 500).allowed);
  EXPECT_TRUE(limiter.take("a", 1000).allowed);
}

TEST(RateLimiter, DisabledLimiterAllowsEverything) {
  server::RateLimiter limiter({1, 1}, false);
  for (int i = 0; i < 100; ++i) EXPECT_TRUE(limiter.take("a", 0).allowed);
}

TEST(ServerConfig, FileValuesOverrideDefaultsAndMistakesAreNamed) {
  TempDir dir;
  const std::string good = dir.file("good.json");
  std::ofstream(good) << R"({"port": 9000, "cors_origins": ["https://a.example"], "comment_limit": {"per_minute": 2},
                             "hold_all": true, "synchronous": "normal"})";
  auto config = server::load_config_file(good, {});
  ASSERT_TRUE(config.ok()) << config.error().message;
  EXPECT_EQ(config->port, 9000);
  EXPECT_EQ(config->cors_origins, std::vector<std::string>{"https://a.example"});
  EXPECT_EQ(config->comment_limit.per_minute, 2);
  EXPECT_EQ(config->comment_limit.burst, server::ServerConfig{}.comment_limit.burst);
  EXPECT_TRUE(config->hold_all);

  const struct {
    const char* text;
    const char* key;
  } bad[] = {{R"({"port": "80"})", "port"},
             {R"({"port": 70000})", "port"},
             {R"({"cors_origin": []})", "cors_origin"},
             {R"({"cors_origins": [1]})", "cors_origins"},
             {R"({"synchronous": "off"})", "synchronous"},
             {R"({"report_threshold": 0})", "report_threshold"},
             {R"({"comment_limit": {"burst": -1}})", "comment_limit.burst"}};
  for (const auto& b : bad) {
    const std::string path = dir.file("bad.json");
    std::ofstream(path) << b.text;
    auto r = server::load_config_file(path, {});
    ASSERT_FALSE(r.ok()) << b.text;
    EXPECT_EQ(r.error().code, "invalid_config");
    EXPECT_NE(r.error().message.find(b.key), std::string::npos) << r.error().message;
  }
  std::ofstream(dir.file("not.json")) << "{";
  EXPECT_EQ(server::load_config_file(dir.file("not.json"), {}).error().code, "invalid_config");
  EXPECT_EQ(server::load_config_file(dir.file("missing.json"), {}).error().code, "io_error");
}

TEST(ServerConfig, AdminTokenFromTheEnvironmentWins) {
  server::ServerConfig c;
  c.admin_token = "from-file";
  setenv("SOUNDOFF_ADMIN_TOKEN", "from-env", 1);
  server::apply_environment(c);
  unsetenv("SOUNDOFF_ADMIN_TOKEN");
  EXPECT_EQ(c.admin_token, "from-env");
}

TEST(Storage, NewDatabaseIsMigratedToTheLatestSchema) {
  TempDir dir;
  const std::string db = test_database(dir, "s.db");
  auto store = server::open_storage(db, {"full"});
  ASSERT_TRUE(store.ok()) << store.error().message;
  EXPECT_EQ((*store)->schema_version(), server::kSchemaVersion);
  store = server::open_storage(db, {"full"});  // reopening migrates nothing
  ASSERT_TRUE(store.ok());
  EXPECT_EQ((*store)->schema_version(), server::kSchemaVersion);
  if (!testing_postgres()) {
    EXPECT_TRUE(std::filesystem::exists(dir.file("s.db-wal"))) << "SQLite runs in WAL mode";
  }
}

TEST(Storage, VersionOneDatabaseIsUpgradedKeepingItsRowsAndGivingReportsAndVotesTheirThread) {
  if (testing_postgres()) GTEST_SKIP() << "SQLite files only: PostgreSQL support started at schema version 4";
  TempDir dir;
  const std::string path = dir.file("v1.db");
  {
    // A database written by the first release: schema 1 as it shipped, one
    // comment with a report and a vote.
    sqlite3* db = nullptr;
    ASSERT_EQ(sqlite3_open(path.c_str(), &db), SQLITE_OK);
    ASSERT_EQ(sqlite3_exec(db, R"sql(
      CREATE TABLE comments (
        id INTEGER PRIMARY KEY AUTOINCREMENT, thread TEXT NOT NULL, parent INTEGER, author TEXT NOT NULL,
        email TEXT NOT NULL DEFAULT '', body TEXT NOT NULL, external_id TEXT NOT NULL DEFAULT '',
        created_ms INTEGER NOT NULL, status TEXT NOT NULL, up INTEGER NOT NULL DEFAULT 0,
        down INTEGER NOT NULL DEFAULT 0, reports INTEGER NOT NULL DEFAULT 0, reasons TEXT NOT NULL DEFAULT '[]',
        ip TEXT NOT NULL DEFAULT '');
      CREATE INDEX comments_by_thread ON comments(thread, status);
      CREATE TABLE reports (comment_id INTEGER NOT NULL REFERENCES comments(id), reporter TEXT NOT NULL,
        created_ms INTEGER NOT NULL, PRIMARY KEY (comment_id, reporter)) WITHOUT ROWID;
      CREATE TABLE votes (comment_id INTEGER NOT NULL REFERENCES comments(id), voter TEXT NOT NULL,
        value INTEGER NOT NULL CHECK (value IN (-1, 1)), created_ms INTEGER NOT NULL,
        PRIMARY KEY (comment_id, voter)) WITHOUT ROWID;
      INSERT INTO comments (thread, author, body, created_ms, status, up, reports)
        VALUES ('t', 'old', 'from v1', 1000, 'published', 1, 1);
      INSERT INTO reports VALUES (1, '10.0.0.1', 2000);
      INSERT INTO votes VALUES (1, '10.0.0.2', 1, 3000);
      PRAGMA user_version=1;)sql",
                           nullptr, nullptr, nullptr),
              SQLITE_OK);
    sqlite3_close(db);
  }
  auto store = server::open_storage(path, {"normal"});
  ASSERT_TRUE(store.ok()) << store.error().message;
  EXPECT_EQ((*store)->schema_version(), server::kSchemaVersion);
  auto rows = (*store)->load_thread("t");
  ASSERT_TRUE(rows.ok());
  ASSERT_EQ(rows->size(), 1u);
  EXPECT_EQ((*rows)[0].body, "from v1");
  auto all = (*store)->dump();
  ASSERT_TRUE(all.ok()) << all.error().message;
  ASSERT_EQ(all->reports.size(), 1u);
  EXPECT_EQ(all->reports[0].thread, "t");
  ASSERT_EQ(all->votes.size(), 1u);
  EXPECT_EQ(all->votes[0].thread, "t");
  // The copied rows still guard against counting twice.
  auto again = (*store)->add_vote("t", "1", "10.0.0.2", 1, 4000);
  ASSERT_TRUE(again.ok()) << again.error().message;
  EXPECT_FALSE(again->counted);
  EXPECT_EQ(again->up, 1);
}

TEST(Storage, DatabaseFromANewerServerIsRefused) {
  if (testing_postgres()) GTEST_SKIP() << "SQLite's user_version; PostgreSQL's version table is checked the same way";
  TempDir dir;
  const std::string path = dir.file("future.db");
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(path.c_str(), &db), SQLITE_OK);
  sqlite3_exec(db, "PRAGMA user_version=99;", nullptr, nullptr, nullptr);
  sqlite3_close(db);
  auto store = server::open_storage(path, {"full"});
  ASSERT_FALSE(store.ok());
  EXPECT_NE(store.error().message.find("newer"), std::string::npos);
}

TEST(AccessLog, OneJsonObjectPerLineWithNewlinesEscaped) {
  server::AccessRecord r;
  r.client = "127.0.0.1";
  r.method = "GET";
  r.path = "/a\nforged line \xff";
  r.status = 200;
  const std::string line = server::access_record_json(r);
  EXPECT_EQ(line.find('\n'), std::string::npos);
  const auto j = nlohmann::json::parse(line, nullptr, false);
  ASSERT_FALSE(j.is_discarded());
  EXPECT_EQ(j["status"], 200);
  EXPECT_EQ(j["method"], "GET");
}

// A /notify/ link's token holds the reader's address: the log keeps the rest of the query only.
TEST(AccessLog, TokenValuesAreNotWritten) {
  server::AccessRecord r;
  r.path = "/notify/erase";
  r.query = "token=YW5uQGV4YW1wbGUub3Jn.c2ln&lang=de&xtoken=kept";
  auto j = nlohmann::json::parse(server::access_record_json(r), nullptr, false);
  ASSERT_FALSE(j.is_discarded());
  EXPECT_EQ(j["query"], "token=redacted&lang=de&xtoken=kept");
  r.query = "lang=en&token=abc";
  j = nlohmann::json::parse(server::access_record_json(r), nullptr, false);
  EXPECT_EQ(j["query"], "lang=en&token=redacted");
  r.query = "page=2";
  j = nlohmann::json::parse(server::access_record_json(r), nullptr, false);
  EXPECT_EQ(j["query"], "page=2");
}

}  // namespace
}  // namespace soundoff::test

namespace soundoff::test {
namespace {

TEST(ServerLifecycle, StopRacingWithStartNeverLeavesTheServerRunning) {
  TempDir dir;
  for (int i = 0; i < 20; ++i) {
    auto server = server::CommentServer::create(test_config(dir));
    ASSERT_TRUE(server.ok()) << server.error().message;
    ASSERT_TRUE((*server)->bind().ok());
    if (i % 2 == 0) (*server)->stop();  // before run() even starts
    std::thread runner([&] { (*server)->run(); });
    (*server)->stop();
    runner.join();  // hangs (and the ctest timeout fails the suite) if a stop was lost
    EXPECT_FALSE((*server)->running());
  }
}

}  // namespace
}  // namespace soundoff::test

namespace soundoff::test {
namespace {

TEST(Storage, SpamSeamContextIsNewestFirstBoundedAndAttributed) {
  TempDir dir;
  auto store = server::open_storage(test_database(dir, "s.db"), {"normal"});
  ASSERT_TRUE(store.ok()) << store.error().message;
  auto add = [&](const std::string& thread, const std::string& author, const std::string& ip, Status status) {
    server::NewComment c;
    c.thread = thread;
    c.author = author;
    c.ip = ip;
    c.body = author + "@" + thread;
    c.status = status;
    ASSERT_TRUE((*store)->insert(c).ok());
  };
  for (int i = 0; i < 5; ++i) add("t", "Ann", "10.0.0.1", Status::published);
  add("other", "Ann", "10.0.0.9", Status::pending);
  add("t", "Bob", "10.0.0.1", Status::published);  // same address, another name
  add("t", "Cy", "10.0.0.3", Status::spam);

  auto recent = (*store)->thread_recent("t", 3);
  ASSERT_TRUE(recent.ok());
  ASSERT_EQ(recent->size(), 3u);
  EXPECT_EQ((*recent)[0].comment.author, "Cy");
  EXPECT_EQ((*recent)[0].ip, "10.0.0.3");
  EXPECT_EQ((*recent)[1].comment.author, "Bob");

  auto history = (*store)->author_history("Ann", "10.0.0.1", 50);
  ASSERT_TRUE(history.ok());
  ASSERT_EQ(history->size(), 7u) << "Ann's comments anywhere, and Bob's from Ann's address";
  EXPECT_EQ((*history)[0].comment.author, "Bob");
  EXPECT_EQ((*history)[1].comment.thread, "other");
  EXPECT_EQ((*history)[1].ip, "10.0.0.9");
  EXPECT_EQ((*store)->author_history("Ann", "10.0.0.1", 2)->size(), 2u);

  EXPECT_EQ(*(*store)->approved_count("Ann"), 5);
  EXPECT_EQ(*(*store)->approved_count("Cy"), 0);
}

}  // namespace
}  // namespace soundoff::test
