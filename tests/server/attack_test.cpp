// One anonymous client trying to take the server down or silence a comment
// (issue 15), each attack against a `soundoff serve` child process over
// loopback: the refusal, and the server's RSS or a normal reader's latency
// while the attack runs.
#include <gtest/gtest.h>
#include <poll.h>
#include <sqlite3.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <fstream>
#include <string_view>
#include <thread>

#include "server/server_harness.h"

namespace soundoff::test {
namespace {

using nlohmann::json;
using Clock = std::chrono::steady_clock;

constexpr std::size_t kMiB = 1024;  // in KiB, as VmRSS counts

// A server process with its own database and config; `extra` adds config keys.
class Attacked : public ::testing::Test {
 protected:
  void start(const std::string& extra = "") {
    const std::string web = dir_.file("web");
    std::filesystem::create_directory(web);
    // 400 KB of text: big enough that a multiplied range response would show.
    std::string big;
    while (big.size() < 400000) big += "console.log('widget line " + std::to_string(big.size()) + "');\n";
    std::ofstream(web + "/soundoff.js") << big;
    std::ofstream(web + "/index.html") << "<!doctype html><title>x</title>";
    const std::string config = dir_.file("config.json");
    std::ofstream(config) << R"({"rate_limits": false, "report_threshold": 3, "cors_origins": ["https://news.example"])"
                          << extra << "}";
    server_ = std::make_unique<ServeProcess>(
        std::vector<std::string>{"--db", test_database(dir_, "attack.db"), "--config", config, "--static", web});
  }
  int port() const { return server_->port(); }
  std::size_t rss() const { return vm_rss_kib(server_->pid()); }
  std::string post_comment(const std::string& thread, const std::string& body = "a comment") {
    auto res = post_json(*server_->client(), "/api/threads/" + thread + "/comments",
                         json{{"author", "ann"}, {"body", body}}.dump());
    return res && res->status == 201 ? body_json(res)["id"].get<std::string>() : "";
  }
  // The worst time of `count` normal page reads, in ms (10 s for a failed one).
  double worst_read_ms(int count) const {
    double worst = 0;
    for (int i = 0; i < count; ++i) {
      const auto start = Clock::now();
      auto client = make_client(port());
      auto res = client->Get("/api/threads/t/count");
      const double ms =
          res && res->status == 200 ? std::chrono::duration<double, std::milli>(Clock::now() - start).count() : 10000.0;
      worst = std::max(worst, ms);
    }
    return worst;
  }

  TempDir dir_;
  std::unique_ptr<ServeProcess> server_;
};

// Sends `header`, then up to `max_bytes` of `chunk`s, stopping as soon as the
// server answers; returns the answer (the first 4 KB of it).
std::string stream_body(int port, const std::string& header, const std::string& chunk, std::size_t max_bytes) {
  const int fd = connect_loopback(port, 2000);
  if (fd < 0) return "";
  send(fd, header.data(), header.size(), MSG_NOSIGNAL);
  std::string answer;
  for (std::size_t sent = 0; sent < max_bytes; sent += chunk.size()) {
    pollfd p{fd, POLLIN, 0};
    if (poll(&p, 1, 0) > 0) break;
    if (send(fd, chunk.data(), chunk.size(), MSG_NOSIGNAL) <= 0) break;
  }
  char buf[4096];
  const auto n = recv(fd, buf, sizeof buf, 0);
  if (n > 0) answer.assign(buf, static_cast<std::size_t>(n));
  close(fd);
  return answer;
}

TEST_F(Attacked, AChunkedBodyOverTheLimitIs413WithoutBeingRead) {
  start();
  const std::size_t before = rss();
  std::string chunk = "10000\r\n" + std::string(0x10000, 'x') + "\r\n";
  const std::string answer = stream_body(port(),
                                         "POST /api/threads/t/comments HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                                         "Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n",
                                         chunk, 300u << 20);
  EXPECT_EQ(answer.rfind("HTTP/1.1 413", 0), 0u) << answer.substr(0, 200);
  EXPECT_NE(answer.find("Connection: close"), std::string::npos);
  EXPECT_LT(rss(), before + 16 * kMiB) << "a refused body must not be held in memory";
  EXPECT_LT(worst_read_ms(5), 1000);
}

TEST_F(Attacked, ACompressedRequestBodyIs415BeforeAnyInflating) {
  start();
  const std::string answer = raw_http(port(),
                                      "POST /api/threads/t/comments HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                                      "Content-Type: application/json\r\nContent-Encoding: gzip\r\n"
                                      "Content-Length: 4\r\n\r\nabcd",
                                      2000);
  EXPECT_EQ(answer.rfind("HTTP/1.1 415", 0), 0u) << answer.substr(0, 200);
  const std::string coded = raw_http(port(),
                                     "POST /api/threads/t/comments HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                                     "Content-Type: application/json\r\nTransfer-Encoding: gzip, chunked\r\n\r\n"
                                     "4\r\nabcd\r\n0\r\n\r\n",
                                     2000);
  EXPECT_EQ(coded.rfind("HTTP/1.1 501", 0), 0u) << coded.substr(0, 200);
  EXPECT_EQ(post_comment("t"), "1") << "nothing of the refused bodies was stored";
}

TEST_F(Attacked, ManyRangesGetOneWholeFileAndApiResponsesIgnoreRange) {
  start();
  std::string ranges = "bytes=0-";
  for (int i = 0; i < 1500; ++i) ranges += ",0-";
  auto client = make_client(port());
  auto whole = client->Get("/soundoff.js");
  ASSERT_TRUE(whole);
  auto many = client->Get("/soundoff.js", {{"Range", ranges}});
  ASSERT_TRUE(many);
  EXPECT_EQ(many->status, 200);
  EXPECT_EQ(many->body.size(), whole->body.size()) << "several ranges are answered with the file, once";
  auto one = client->Get("/soundoff.js", {{"Range", "bytes=10-19"}});
  ASSERT_TRUE(one);
  EXPECT_EQ(one->status, 206);
  EXPECT_EQ(one->body, whole->body.substr(10, 10));
  EXPECT_EQ(one->get_header_value("Content-Range"), "bytes 10-19/" + std::to_string(whole->body.size()));
  post_comment("t");
  auto page = client->Get("/api/threads/t/comments", {{"Range", "bytes=0-10,0-10,0-10"}});
  ASSERT_TRUE(page);
  EXPECT_EQ(page->status, 200);
  EXPECT_FALSE(page->has_header("Content-Range"));
  EXPECT_FALSE(body_json(page).is_discarded());
}

TEST_F(Attacked, StaticFilesAreCompressedOnceAndCacheable) {
  start();
  auto client = make_client(port());
  client->set_decompress(false);
  auto br = client->Get("/soundoff.js", {{"Accept-Encoding", "br"}});
  ASSERT_TRUE(br);
  EXPECT_EQ(br->get_header_value("Content-Encoding"), "br");
  EXPECT_LT(br->body.size(), 100000u);
  EXPECT_FALSE(br->get_header_value("ETag").empty());
  EXPECT_NE(br->get_header_value("Cache-Control").find("max-age"), std::string::npos);
  auto again =
      client->Get("/soundoff.js", {{"Accept-Encoding", "br"}, {"If-None-Match", br->get_header_value("ETag")}});
  ASSERT_TRUE(again);
  EXPECT_EQ(again->status, 304);
  // Compressing at every request would make 200 of these take seconds (brotli 11 on 400 KB is ~1 s).
  const auto begin = Clock::now();
  for (int i = 0; i < 200; ++i) ASSERT_TRUE(client->Get("/soundoff.js", {{"Accept-Encoding", "gzip, br"}}));
  EXPECT_LT(std::chrono::duration<double>(Clock::now() - begin).count(), 5.0);
}

TEST_F(Attacked, TricklingConnectionsDoNotDelayANormalReader) {
  start(R"(, "header_timeout_ms": 5000)");
  post_comment("t");
  const std::size_t before = rss();
  std::vector<int> slow;
  for (int i = 0; i < 300; ++i) {
    const int fd = connect_loopback(port(), 1000);
    if (fd < 0) continue;
    constexpr std::string_view kUnfinishedHead = "GET /api/threads/t/comments HTTP/1.1\r\nHost: 1";
    send(fd, kUnfinishedHead.data(), kUnfinishedHead.size(), MSG_NOSIGNAL);
    slow.push_back(fd);
  }
  std::atomic<bool> trickling{true};
  std::thread trickle([&] {
    while (trickling) {
      for (const int fd : slow) send(fd, "1", 1, MSG_NOSIGNAL | MSG_DONTWAIT);
      std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
  });
  std::this_thread::sleep_for(std::chrono::milliseconds(300));
  const double worst = worst_read_ms(20);
  const std::size_t during = rss();
  trickling = false;
  trickle.join();
  for (const int fd : slow) close(fd);
  EXPECT_LT(worst, 1000) << "a normal read took " << worst << " ms while 300 connections trickled";
  EXPECT_LT(during, before + 32 * kMiB);
}

// True when the peer closed `fd` (recv returns 0 or an error within `ms`).
bool closed_by_peer(int fd, int ms) {
  pollfd p{fd, POLLIN, 0};
  if (poll(&p, 1, ms) <= 0) return false;
  char b;
  return recv(fd, &b, 1, MSG_DONTWAIT) <= 0;
}

TEST_F(Attacked, ANetworkOverItsConnectionLimitLosesItsOldestWaitingConnectionNotARequest) {
  start(R"(, "max_connections_per_network": 4)");
  // One connection in the middle of a request (header read, body pending): never evicted.
  const int busy = connect_loopback(port(), 3000);
  const std::string header =
      "POST /api/threads/t/comments HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
      "Connection: close\r\nContent-Length: 26\r\n\r\n";
  send(busy, header.data(), header.size(), MSG_NOSIGNAL);
  std::this_thread::sleep_for(std::chrono::milliseconds(100));
  std::vector<int> idle;
  for (int i = 0; i < 3; ++i) {
    idle.push_back(connect_loopback(port(), 3000));
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  // Each of these evicts the oldest idle one; each gets its answer.
  for (int i = 0; i < 3; ++i) {
    auto res = make_client(port())->Get("/api/threads/t/count");
    ASSERT_TRUE(res) << i;
    EXPECT_EQ(res->status, 200);
  }
  EXPECT_TRUE(closed_by_peer(idle[0], 2000)) << "the oldest idle connection made room";
  const std::string body = R"({"author":"a","body":"ok"})";
  send(busy, body.data(), body.size(), MSG_NOSIGNAL);
  char buf[64] = {};
  const auto n = recv(busy, buf, sizeof buf - 1, 0);
  EXPECT_GT(n, 0);
  EXPECT_EQ(std::string(buf).rfind("HTTP/1.1 201", 0), 0u) << "a request in progress is never cut: " << buf;
  close(busy);
  for (const int fd : idle) close(fd);
}

TEST_F(Attacked, ReadersThatNeverReadHoldReferencesNotCopiesOfBigResponses) {
  // 8 MB, more than the kernel's socket buffers take: most of each answer waits in the server.
  std::string image(8u << 20, '\0');
  for (std::size_t i = 0; i < image.size(); ++i) image[i] = static_cast<char>((i * 2654435761u) >> 13);
  std::filesystem::create_directory(dir_.file("web"));
  std::ofstream(dir_.file("web") + "/big.png", std::ios::binary) << image;
  start();
  ASSERT_EQ(make_client(port())->Get("/big.png")->body.size(), image.size());  // read and cached once
  const std::size_t before = rss();
  std::vector<int> stalled;
  for (int i = 0; i < 60; ++i) {
    const int fd = connect_loopback(port(), 2000);
    // A tiny receive window: the answer stays in the server's hands.
    const int small = 4096;
    setsockopt(fd, SOL_SOCKET, SO_RCVBUF, &small, sizeof small);
    const std::string get = "GET /big.png HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n";
    send(fd, get.data(), get.size(), MSG_NOSIGNAL);
    stalled.push_back(fd);
  }
  std::this_thread::sleep_for(std::chrono::milliseconds(500));
  const std::size_t during = rss();
  EXPECT_LT(worst_read_ms(5), 1000);
  for (const int fd : stalled) close(fd);
  // Copies would be 60 x (8 MB less what the kernel buffers) = hundreds of MB.
  EXPECT_LT(during, before + 64 * kMiB) << "RSS " << before << " -> " << during << " KiB";
}

TEST_F(Attacked, AHeaderThatNeverEndsIsCutAtTheHeaderDeadline) {
  start(R"(, "header_timeout_ms": 1000)");
  const int fd = connect_loopback(port(), 4000);
  ASSERT_GE(fd, 0);
  send(fd, "GET / HTTP/1.1\r\n", 16, MSG_NOSIGNAL);
  const auto begin = Clock::now();
  bool closed = false;
  while (Clock::now() - begin < std::chrono::seconds(4)) {
    if (send(fd, "X: y\r\n", 6, MSG_NOSIGNAL) <= 0) {
      closed = true;
      break;
    }
    char b;
    pollfd p{fd, POLLIN, 200};
    if (poll(&p, 1, 200) > 0 && recv(fd, &b, 1, MSG_DONTWAIT) <= 0) {
      closed = true;
      break;
    }
  }
  close(fd);
  EXPECT_TRUE(closed) << "a byte every 200 ms must not keep a header open past the deadline";
  EXPECT_LT(std::chrono::duration<double>(Clock::now() - begin).count(), 3.0);
}

TEST_F(Attacked, OversizedAndOverlongHeadersAre431) {
  start();
  std::string many = "GET /api/threads/t/count HTTP/1.1\r\nHost: 127.0.0.1\r\n";
  for (int i = 0; i < 200; ++i) many += "X-" + std::to_string(i) + ": y\r\n";
  EXPECT_EQ(raw_http(port(), many + "\r\n", 2000).rfind("HTTP/1.1 431", 0), 0u);
  const std::string big =
      "GET /api/threads/t/count HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Big: " + std::string(40000, 'b') + "\r\n\r\n";
  EXPECT_EQ(raw_http(port(), big, 2000).rfind("HTTP/1.1 431", 0), 0u);
  EXPECT_EQ(make_client(port())->Get("/api/threads/t/count")->status, 200);
}

TEST_F(Attacked, NulAndControlBytesInThePathAre400) {
  start();
  for (const char* path : {"/api/threads/a%00b/comments", "/soundoff.js%00.html", "/demo/x%01", "/%7f"}) {
    const std::string answer = raw_http(
        port(), std::string("GET ") + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n", 2000);
    EXPECT_EQ(answer.rfind("HTTP/1.1 400", 0), 0u) << path << ": " << answer.substr(0, 80);
  }
}

TEST_F(Attacked, ACrossSiteSimpleRequestCannotReportOrVote) {
  start();
  const std::string id = post_comment("t");
  auto client = make_client(port());
  const std::string report = "/api/comments/" + id + "/report";
  for (int i = 0; i < 5; ++i) {
    auto res = client->Post(report, {{"Origin", "https://evil.example"}}, "", "text/plain");
    ASSERT_TRUE(res);
    EXPECT_EQ(res->status, 415);
  }
  auto form = client->Post("/api/comments/" + id + "/vote", "value=1", "application/x-www-form-urlencoded");
  ASSERT_TRUE(form);
  EXPECT_EQ(form->status, 415);
  auto foreign = post_json(*client, report, "{}", {{"Origin", "https://evil.example"}});
  ASSERT_TRUE(foreign);
  EXPECT_EQ(foreign->status, 403);
  EXPECT_EQ(body_json(foreign)["code"], "origin_not_allowed");
  auto null_origin =
      post_json(*client, "/api/threads/t/comments", R"({"author":"a","body":"b"})", {{"Origin", "null"}});
  ASSERT_TRUE(null_origin);
  EXPECT_EQ(null_origin->status, 403);
  EXPECT_EQ(body_json(client->Get("/api/threads/t/comments"))["total"], 1) << "no foreign request changed anything";
  auto own = post_json(*client, report, "{}", {{"Origin", "http://127.0.0.1:" + std::to_string(port())}});
  ASSERT_TRUE(own);
  EXPECT_EQ(own->status, 200) << "the server's own pages may report";
  auto listed =
      post_json(*client, "/api/comments/" + id + "/vote", R"({"value":1})", {{"Origin", "https://news.example"}});
  ASSERT_TRUE(listed);
  EXPECT_EQ(listed->status, 200);
}

TEST_F(Attacked, ApprovalResetsReportsSoOneMoreReportDoesNotHideAgain) {
  start(R"(, "admin_token": "0123456789abcdef0123456789abcdef", "trusted_proxies": ["127.0.0.1"])");
  const std::string id = post_comment("t");
  auto client = make_client(port());
  const auto report_from = [&](const std::string& ip) {
    return post_json(*client, "/api/comments/" + id + "/report", "{}", {{"X-Forwarded-For", ip}});
  };
  for (const char* ip : {"198.51.100.1", "198.51.100.2", "198.51.100.3"}) ASSERT_EQ(report_from(ip)->status, 200);
  EXPECT_EQ(body_json(client->Get("/api/threads/t/comments"))["total"], 0) << "three reports hide it";
  auto approve = post_json(*client, "/api/comments/" + id + "/approve", "",
                           {{"Authorization", "Bearer 0123456789abcdef0123456789abcdef"}});
  ASSERT_TRUE(approve);
  ASSERT_EQ(approve->status, 200);
  auto fourth = report_from("198.51.100.4");
  ASSERT_TRUE(fourth);
  EXPECT_EQ(fourth->status, 200);
  EXPECT_EQ(body_json(fourth)["reports"], 1);
  EXPECT_EQ(body_json(fourth)["status"], "published");
  EXPECT_EQ(body_json(client->Get("/api/threads/t/comments"))["total"], 1);
}

TEST_F(Attacked, OneIpv6SlashSixtyFourIsOneVoterAndForwardedLinesAreJoined) {
  start(R"(, "trusted_proxies": ["127.0.0.0/8", "10.0.0.0/8"], "hold_all": true,
          "admin_token": "0123456789abcdef0123456789abcdef")");
  const std::string id = [&] {
    // Published so it can be voted on: hold_all holds it, so approve it.
    auto res = post_json(*server_->client(), "/api/threads/t/comments", R"({"author":"a","body":"b"})");
    const std::string held = body_json(res)["id"];
    post_json(*server_->client(), "/api/comments/" + held + "/approve", "",
              {{"Authorization", "Bearer 0123456789abcdef0123456789abcdef"}});
    return held;
  }();
  auto client = make_client(port());
  const auto vote_from = [&](const httplib::Headers& headers) {
    return post_json(*client, "/api/comments/" + id + "/vote", R"({"value":1})", headers);
  };
  EXPECT_EQ(vote_from({{"X-Forwarded-For", "2001:db8:1:2::1"}})->status, 200);
  EXPECT_EQ(vote_from({{"X-Forwarded-For", "2001:db8:1:2:ffff:ffff:ffff:fffe"}})->status, 409)
      << "the same /64 votes once";
  EXPECT_EQ(vote_from({{"X-Forwarded-For", "2001:db8:1:3::1"}})->status, 200);
  EXPECT_EQ(vote_from({{"X-Forwarded-For", "::ffff:192.0.2.9"}})->status, 200);
  EXPECT_EQ(vote_from({{"X-Forwarded-For", "192.0.2.9"}})->status, 409) << "IPv4-mapped is the IPv4 address";
  // Two header lines: the proxy's own line (appended last) decides, a client-written first line cannot.
  auto two_lines = post_json(*client, "/api/threads/t/comments", R"({"author":"a","body":"c"})",
                             {{"X-Forwarded-For", "192.0.2.9"}, {"X-Forwarded-For", "203.0.113.7, 10.1.2.3"}});
  ASSERT_TRUE(two_lines);
  ASSERT_EQ(two_lines->status, 201);
  auto queue = client->Get("/api/moderation/queue", {{"Authorization", "Bearer 0123456789abcdef0123456789abcdef"}});
  ASSERT_TRUE(queue);
  const auto held = body_json(queue)["comments"];
  ASSERT_EQ(held.size(), 1u);
  EXPECT_EQ(held[0]["ip"], "203.0.113.7");
}

TEST_F(Attacked, FailedModerationAttemptsAreThrottledPerNetwork) {
  start(R"(, "admin_token": "0123456789abcdef0123456789abcdef", "trusted_proxies": ["127.0.0.1"])");
  auto client = make_client(port());
  int throttled = 0;
  for (int i = 0; i < 40; ++i) {
    auto res = client->Get("/api/moderation/queue", {{"Authorization", "Bearer guess" + std::to_string(i)},
                                                     {"X-Forwarded-For", "198.51.100.9"}});
    ASSERT_TRUE(res);
    if (res->status == 429) ++throttled;
  }
  EXPECT_GE(throttled, 15);
  auto right_but_locked =
      client->Get("/api/moderation/queue",
                  {{"Authorization", "Bearer 0123456789abcdef0123456789abcdef"}, {"X-Forwarded-For", "198.51.100.9"}});
  EXPECT_EQ(right_but_locked->status, 429) << "a locked network's token is not even checked";
  auto other = client->Get("/api/moderation/queue", {{"Authorization", "Bearer 0123456789abcdef0123456789abcdef"},
                                                     {"X-Forwarded-For", "198.51.100.10"}});
  EXPECT_EQ(other->status, 200);
}

TEST_F(Attacked, HtmlPagesForbidFramingAndCarryAStrictPolicy) {
  start();
  auto client = make_client(port());
  for (const char* path : {"/demo", "/demo/other", "/", "/index.html"}) {
    auto res = client->Get(path);
    ASSERT_TRUE(res) << path;
    const std::string csp = res->get_header_value("Content-Security-Policy");
    EXPECT_NE(csp.find("frame-ancestors 'none'"), std::string::npos) << path;
    EXPECT_NE(csp.find("default-src 'none'"), std::string::npos) << path;
    EXPECT_EQ(csp.find("unsafe-eval'"), csp.find("wasm-unsafe-eval'") + 5) << "only wasm may be compiled: " << path;
  }
}

TEST(InternalErrors, A500SaysNothingAboutTheDatabase) {
  if (testing_postgres()) GTEST_SKIP() << "breaks an SQLite file from outside";
  TempDir dir;
  auto config = test_config(dir);
  InProcessServer server(config);
  auto client = server.client();
  const std::string id = body_json(post_json(*client, "/api/threads/t/comments", R"({"author":"a","body":"b"})"))["id"];
  // Another process drops a table the server has not prepared a statement for yet.
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(config.db_path.c_str(), &db), SQLITE_OK);
  ASSERT_EQ(sqlite3_exec(db, "DROP TABLE votes", nullptr, nullptr, nullptr), SQLITE_OK);
  sqlite3_close(db);
  auto res = post_json(*client, "/api/comments/" + id + "/vote", R"({"value":1})");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 500);
  EXPECT_EQ(body_json(res),
            json::parse(R"({"code":"internal_error","message":"the server failed to handle this request"})"));
  for (const char* leak : {"votes", "sqlite", "SQL", "table", "prepare"})
    EXPECT_EQ(res->body.find(leak), std::string::npos) << leak;
  EXPECT_EQ(client->Get("/api/threads/t/count")->status, 200) << "the server goes on";
}

TEST(AdminToken, AShortTokenRefusesToStart) {
  TempDir dir;
  auto config = test_config(dir);
  config.admin_token = "short-token";
  auto created = server::CommentServer::create(config);
  ASSERT_FALSE(created);
  EXPECT_EQ(created.error().code, "invalid_config");
  EXPECT_NE(created.error().message.find("32 bytes"), std::string::npos);
  config.admin_token = std::string(32, 'k');
  EXPECT_TRUE(server::CommentServer::create(config));
}

}  // namespace
}  // namespace soundoff::test
