// The moderator's desk, threads and the live spam policy, over real HTTP on
// both backends (docs/moderation-api.md, "Threads", "Spam policy, live",
// "Multi-instance"): the registry and its paging, close and reopen (also
// after a cached page read), auto-close, thread_creation "known" with signed
// keys, a policy change applied to the next POST, and two instances on one
// PostgreSQL database seeing each other's changes within a second.
#include <gtest/gtest.h>
#include <sqlite3.h>

#include <chrono>
#include <fstream>
#include <functional>
#include <thread>

#include "server/import_export.h"
#include "server/server_harness.h"
#include "server/storage.h"
#include "server/storage_copy.h"
#include "server/thread_signature.h"

namespace soundoff::test {
namespace {

using nlohmann::json;
using Clock = std::chrono::steady_clock;

const std::string kToken = "desk-threads-token-0123456789abcdef0123";
const httplib::Headers kAdmin = {{"Authorization", "Bearer " + kToken}};
const std::string kSecret = "site-secret-for-signing-thread-keys-0123456789";
constexpr std::int64_t kDayMs = 86400000;

std::string comments_path(const std::string& thread) { return "/api/threads/" + thread + "/comments"; }

server::ServerConfig desk_config(const TempDir& dir) {
  auto c = test_config(dir);
  c.admin_token = kToken;
  // A first-time author's link is not held by itself: the tests move the link limit.
  c.spam_policy.first_time_link_hold = false;
  c.spam_policy.link_hold_at = 3;
  return c;
}

class DeskThreads : public ::testing::Test {
 protected:
  void start(const std::function<void(server::ServerConfig&)>& adjust = nullptr) {
    auto c = desk_config(dir_);
    if (adjust) adjust(c);
    server_ = std::make_unique<InProcessServer>(c);
  }
  httplib::Result post(const std::string& thread, const std::string& body, const httplib::Headers& h = {}) {
    return post_json(*server_->client(), comments_path(thread), json{{"author", "Ann"}, {"body", body}}.dump(), h);
  }
  int post_status(const std::string& thread, const std::string& body, const httplib::Headers& h = {}) {
    auto res = post(thread, body, h);
    return res ? res->status : -1;
  }
  httplib::Result admin_post(const std::string& path, const std::string& body = "{}") {
    return post_json(*server_->client(), path, body, kAdmin);
  }
  json list(const std::string& query = "") {
    auto res = server_->client()->Get("/api/admin/threads" + query, kAdmin);
    EXPECT_TRUE(res && res->status == 200) << (res ? res->body : "no answer");
    return body_json(res);
  }
  json page(const std::string& thread) { return body_json(server_->client()->Get(comments_path(thread))); }
  // The audit log's rows for `action` on `target` (GET /api/admin/audit).
  std::size_t audited(const std::string& action, const std::string& target) {
    auto res = server_->client()->Get("/api/admin/audit?action=" + action + "&target=" + target, kAdmin);
    return res && res->status == 200 ? body_json(res)["entries"].size() : 0;
  }
  TempDir dir_;
  std::unique_ptr<InProcessServer> server_;
};

std::vector<std::string> keys_of(const json& listing) {
  std::vector<std::string> keys;
  for (const auto& t : listing["threads"]) keys.push_back(t["key"]);
  return keys;
}

TEST_F(DeskThreads, TheRegistryListsThreadsByRecentActivityWithCursorPaging) {
  start();
  for (int i = 1; i <= 5; ++i) {
    ASSERT_EQ(post_status("t-" + std::to_string(i), "first of " + std::to_string(i)), 201);
    std::this_thread::sleep_for(std::chrono::milliseconds(3));  // distinct activity times
  }
  ASSERT_EQ(post_status("t-2", "the second comment makes t-2 the most recent"), 201);
  json first = list("?limit=2");
  EXPECT_EQ(keys_of(first), (std::vector<std::string>{"t-2", "t-5"}));
  EXPECT_EQ(first["threads"][0]["comments"], 2);
  EXPECT_EQ(first["threads"][0]["visible"], 2);
  EXPECT_EQ(first["threads"][0]["state"], "open");
  EXPECT_TRUE(first["threads"][0]["closes_at"].is_null());
  EXPECT_FALSE(first["threads"][0]["last_activity"].get<std::string>().empty());
  ASSERT_TRUE(first["next_cursor"].is_string());
  json second = list("?limit=2&cursor=" + first["next_cursor"].get<std::string>());
  EXPECT_EQ(keys_of(second), (std::vector<std::string>{"t-4", "t-3"}));
  json last = list("?limit=2&cursor=" + second["next_cursor"].get<std::string>());
  EXPECT_EQ(keys_of(last), (std::vector<std::string>{"t-1"}));
  EXPECT_TRUE(last["next_cursor"].is_null()) << "no empty page after the last one";

  EXPECT_EQ(keys_of(list("?q=T-3")), (std::vector<std::string>{"t-3"})) << "q is a case-insensitive substring";
  EXPECT_TRUE(list("?state=closed")["threads"].empty());
  EXPECT_EQ(list("?state=open")["threads"].size(), 5u);
  auto unknown = server_->client()->Get("/api/admin/threads?sort=title", kAdmin);
  EXPECT_EQ(unknown->status, 400);
  EXPECT_EQ(body_json(unknown)["code"], "unknown_parameter");
  auto bad_cursor = server_->client()->Get("/api/admin/threads?cursor=nonsense", kAdmin);
  EXPECT_EQ(bad_cursor->status, 400);
  EXPECT_EQ(body_json(bad_cursor)["code"], "invalid_cursor");
  EXPECT_EQ(server_->client()->Get("/api/admin/threads")->status, 401) << "moderators only";
}

TEST_F(DeskThreads, HeldCommentsCountButAreNotVisible) {
  start([](server::ServerConfig& c) { c.hold_all = true; });
  ASSERT_EQ(post_status("held", "waits"), 201);
  const json t = list()["threads"][0];
  EXPECT_EQ(t["comments"], 1);
  EXPECT_EQ(t["visible"], 0);
}

TEST_F(DeskThreads, ClosingRefusesNewCommentsAndThePageSaysSoEvenAfterACachedRead) {
  start();
  ASSERT_EQ(post_status("article", "before the close"), 201);
  auto open_page = server_->client()->Get(comments_path("article"));
  ASSERT_EQ(open_page->status, 200);
  EXPECT_FALSE(body_json(open_page).contains("closed"));
  const std::string open_etag = open_page->get_header_value("ETag");
  ASSERT_EQ(server_->client()->Get(comments_path("article"))->status, 200) << "now it is in the page memo";

  auto closed = admin_post("/api/admin/threads/article/close");
  ASSERT_EQ(closed->status, 200) << closed->body;
  EXPECT_EQ(body_json(closed)["state"], "closed");
  EXPECT_EQ(audited("thread.close", "article"), 1u) << "the close is audited";

  auto refused = post("article", "after the close");
  ASSERT_EQ(refused->status, 403);
  EXPECT_EQ(body_json(refused)["code"], "closed");
  auto closed_page = server_->client()->Get(comments_path("article"));
  ASSERT_EQ(closed_page->status, 200);
  const json p = body_json(closed_page);
  EXPECT_EQ(p["closed"], true) << "not the memo's open page";
  EXPECT_EQ(p["total"], 1) << "existing comments stay";
  EXPECT_NE(closed_page->get_header_value("ETag"), open_etag);
  auto cached_304 = server_->client()->Get(comments_path("article"), httplib::Headers{{"If-None-Match", open_etag}});
  EXPECT_EQ(cached_304->status, 200) << "a browser's copy of the open page is stale now";

  const json pub = body_json(server_->client()->Get("/api/threads/article"));
  EXPECT_EQ(pub["state"], "closed");
  EXPECT_EQ(pub["comments"], 1);
  EXPECT_EQ(list("?state=closed")["threads"].size(), 1u);

  auto reopened = admin_post("/api/admin/threads/article/reopen");
  ASSERT_EQ(reopened->status, 200);
  EXPECT_EQ(body_json(reopened)["state"], "open");
  EXPECT_EQ(audited("thread.reopen", "article"), 1u);
  EXPECT_EQ(post_status("article", "after the reopen"), 201);
  EXPECT_FALSE(page("article").contains("closed"));
}

TEST_F(DeskThreads, ClosingAThreadTheRegistryDoesNotHaveIs404AndBadKeysAre400) {
  start();
  auto missing = admin_post("/api/admin/threads/nobody-wrote-here/close");
  EXPECT_EQ(missing->status, 404);
  EXPECT_EQ(body_json(missing)["code"], "not_found");
  EXPECT_EQ(server_->client()->Get("/api/threads/nobody-wrote-here")->status, 404);
  EXPECT_EQ(admin_post("/api/admin/threads/bad%20key/close")->status, 400);
  EXPECT_EQ(post_json(*server_->client(), "/api/admin/threads/x/close", "{}")->status, 401);
}

TEST_F(DeskThreads, RegisteringSetsTitleAndUrlAndRefusesBadOnes) {
  start();
  auto reg =
      admin_post("/api/admin/threads", R"({"key":"story-1","title":"A story","url":"https://news.example/story-1"})");
  ASSERT_EQ(reg->status, 200) << reg->body;
  EXPECT_EQ(audited("thread.register", "story-1"), 1u);
  const json t = body_json(reg);
  EXPECT_EQ(t["title"], "A story");
  EXPECT_EQ(t["registered"], true);
  EXPECT_EQ(t["comments"], 0);
  const json pub = body_json(server_->client()->Get("/api/threads/story-1"));
  EXPECT_EQ(pub["title"], "A story");
  EXPECT_EQ(pub["url"], "https://news.example/story-1");
  EXPECT_EQ(pub["state"], "open");
  EXPECT_EQ(list("?q=story")["threads"][0]["key"], "story-1") << "q matches titles too";
  // A title update keeps the counters.
  ASSERT_EQ(post_status("story-1", "hello"), 201);
  auto again = admin_post("/api/admin/threads", R"({"key":"story-1","title":"Renamed","url":"/stories/1"})");
  ASSERT_EQ(again->status, 200);
  EXPECT_EQ(body_json(again)["comments"], 1);
  EXPECT_EQ(body_json(again)["title"], "Renamed");

  auto script = admin_post("/api/admin/threads", R"x({"key":"s","title":"x","url":"javascript:alert(1)"})x");
  EXPECT_EQ(script->status, 400);
  EXPECT_EQ(body_json(script)["code"], "invalid_argument");
  auto bad_key = admin_post("/api/admin/threads", R"({"key":"has space","title":"x"})");
  EXPECT_EQ(bad_key->status, 400);
  EXPECT_EQ(body_json(bad_key)["code"], "invalid_thread");
  EXPECT_EQ(admin_post("/api/admin/threads", R"({"key":"k","title":7})")->status, 400);
}

TEST_F(DeskThreads, AutoCloseClosesThreadsDaysAfterTheirFirstComment) {
  {
    // A thread whose first comment is ten days old, written before this server started.
    auto store = server::open_storage(desk_config(dir_).db_path);
    ASSERT_TRUE(store) << store.error().message;
    server::NewComment c;
    c.thread = "old-story";
    c.author = "Ann";
    c.body = "long ago";
    c.created_ms =
        std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::system_clock::now().time_since_epoch())
            .count() -
        10 * kDayMs;
    ASSERT_TRUE((*store)->insert(c));
  }
  start([](server::ServerConfig& c) { c.auto_close_days = 7; });
  auto refused = post("old-story", "too late");
  ASSERT_EQ(refused->status, 403);
  EXPECT_EQ(body_json(refused)["code"], "closed");
  EXPECT_EQ(page("old-story")["closed"], true);
  ASSERT_EQ(post_status("new-story", "just in time"), 201);
  const json closed = list("?state=closed");
  ASSERT_EQ(keys_of(closed), (std::vector<std::string>{"old-story"}));
  EXPECT_TRUE(closed["threads"][0]["closes_at"].is_string());
  const json open = list("?state=open");
  ASSERT_EQ(keys_of(open), (std::vector<std::string>{"new-story"}));
  EXPECT_TRUE(open["threads"][0]["closes_at"].is_string()) << "it will close in seven days";
  EXPECT_FALSE(page("new-story").contains("closed"));

  // A moderator's reopen outlasts auto-close.
  auto reopened = admin_post("/api/admin/threads/old-story/reopen");
  ASSERT_EQ(reopened->status, 200);
  EXPECT_EQ(body_json(reopened)["state"], "open");
  EXPECT_TRUE(body_json(reopened)["closes_at"].is_null());
  EXPECT_EQ(post_status("old-story", "open again"), 201);
}

TEST_F(DeskThreads, KnownModeTakesRegisteredThreadsAndSignedKeysOnly) {
  start([](server::ServerConfig& c) {
    c.thread_creation = "known";
    c.thread_secret = kSecret;
  });
  auto unknown = post("fresh", "no signature");
  ASSERT_EQ(unknown->status, 403);
  EXPECT_EQ(body_json(unknown)["code"], "unknown_thread");
  auto wrong =
      post("fresh", "wrong signature", {{"X-Soundoff-Thread-Sig", server::thread_signature("other", kSecret)}});
  ASSERT_EQ(wrong->status, 403);
  EXPECT_EQ(body_json(wrong)["code"], "unknown_thread");
  EXPECT_EQ(post_status("fresh", "bad hex", {{"X-Soundoff-Thread-Sig", "zz"}}), 403);
  EXPECT_EQ(post_status("fresh", "signed with another secret",
                        {{"X-Soundoff-Thread-Sig", server::thread_signature("fresh", kSecret + "x")}}),
            403);
  EXPECT_EQ(server_->client()->Get("/api/threads/fresh")->status, 404) << "refused posts create no thread";

  EXPECT_EQ(post_status("fresh", "signed", {{"X-Soundoff-Thread-Sig", server::thread_signature("fresh", kSecret)}}),
            201);
  EXPECT_EQ(post_status("fresh", "registered by its signature now"), 201);
  EXPECT_EQ(list("?q=fresh")["threads"][0]["registered"], true);

  // The signature may come in the body instead of a header (upper-case hex too).
  std::string upper = server::thread_signature("body-signed", kSecret);
  for (auto& ch : upper) ch = static_cast<char>(std::toupper(static_cast<unsigned char>(ch)));
  auto in_body = post_json(*server_->client(), comments_path("body-signed"),
                           json{{"author", "Ann"}, {"body", "hi"}, {"thread_sig", upper}}.dump());
  EXPECT_EQ(in_body->status, 201) << in_body->body;

  ASSERT_EQ(admin_post("/api/admin/threads", R"({"key":"registered","title":"By the desk"})")->status, 200);
  EXPECT_EQ(post_status("registered", "no signature needed"), 201);
}

TEST_F(DeskThreads, KnownModeWithoutASecretTakesRegisteredThreadsOnly) {
  start([](server::ServerConfig& c) { c.thread_creation = "known"; });
  EXPECT_EQ(post_status("t", "x", {{"X-Soundoff-Thread-Sig", server::thread_signature("t", "")}}), 403);
  ASSERT_EQ(admin_post("/api/admin/threads", R"({"key":"t"})")->status, 200);
  EXPECT_EQ(post_status("t", "x"), 201);
}

TEST_F(DeskThreads, APolicyChangeAppliesToTheNextPostAndResetGoesBackToTheConfig) {
  start();
  const json initial = body_json(server_->client()->Get("/api/admin/policy", kAdmin));
  EXPECT_EQ(initial["source"], "config");
  EXPECT_EQ(initial["policy"]["links"]["hold_at"], 3);
  EXPECT_TRUE(initial["updated"].is_null());
  EXPECT_EQ(body_json(post("p", "the council minutes are worth reading in full: https://example.org/a"))["status"],
            "published");
  EXPECT_EQ(body_json(post("p", "frobnicate now"))["status"], "published");

  json policy = initial["policy"];
  policy["links"]["hold_at"] = 1;
  policy["banned_words"] = {"frobnicate"};
  auto updated = admin_post("/api/admin/policy", json{{"policy", policy}}.dump());
  ASSERT_EQ(updated->status, 200) << updated->body;
  EXPECT_EQ(audited("policy.update", "spam_policy"), 1u);
  EXPECT_EQ(body_json(updated)["source"], "database");
  EXPECT_EQ(body_json(updated)["by"], "token");
  EXPECT_EQ(
      body_json(post("p", "a different remark about the budget vote, with https://example.org/b inside"))["status"],
      "pending")
      << "one link holds now";
  EXPECT_EQ(body_json(post("p", "frobnicate again"))["status"], "spam") << "word lists are part of the policy";
  const json shown = body_json(server_->client()->Get("/api/admin/policy", kAdmin));
  EXPECT_EQ(shown["policy"]["links"]["hold_at"], 1);
  EXPECT_EQ(shown["policy"]["banned_words"], json::array({"frobnicate"}));
  const json published = body_json(server_->client()->Get("/api/spam-policy"));
  EXPECT_EQ(published["links"]["hold_at"], 1) << "the widget's pre-check follows too";
  EXPECT_TRUE(published["banned_words"].empty()) << "but never learns the word lists";

  auto reset = admin_post("/api/admin/policy/reset");
  ASSERT_EQ(reset->status, 200);
  EXPECT_EQ(audited("policy.reset", "spam_policy"), 1u);
  EXPECT_EQ(body_json(reset)["source"], "config");
  EXPECT_EQ(
      body_json(post("p", "third and unrelated: the bridge schedule is posted at https://example.org/c"))["status"],
      "published");
}

TEST_F(DeskThreads, AStoredPolicySurvivesARestart) {
  start();
  ASSERT_EQ(admin_post("/api/admin/policy", R"({"policy": {"banned_words": ["zork"]}})")->status, 200);
  server_.reset();
  start();
  EXPECT_EQ(body_json(server_->client()->Get("/api/admin/policy", kAdmin))["source"], "database");
  EXPECT_EQ(body_json(post("q", "zork"))["status"], "spam");
}

TEST_F(DeskThreads, AnInvalidPolicyIsRefusedNamingTheField) {
  start();
  auto typo = admin_post("/api/admin/policy", R"({"policy": {"hold_scor": 0.4}})");
  ASSERT_EQ(typo->status, 400);
  EXPECT_EQ(body_json(typo)["code"], "invalid_policy");
  EXPECT_NE(body_json(typo)["message"].get<std::string>().find("hold_scor"), std::string::npos) << typo->body;
  auto range = admin_post("/api/admin/policy", R"({"policy": {"hold_score": "high"}})");
  ASSERT_EQ(range->status, 400);
  EXPECT_NE(body_json(range)["message"].get<std::string>().find("hold_score"), std::string::npos) << range->body;
  auto missing = admin_post("/api/admin/policy", R"({"rules": {}})");
  EXPECT_EQ(missing->status, 400);
  EXPECT_EQ(body_json(missing)["code"], "invalid_policy");
  EXPECT_EQ(post_json(*server_->client(), "/api/admin/policy", R"({"policy": {}})")->status, 401);
  EXPECT_EQ(body_json(server_->client()->Get("/api/admin/policy", kAdmin))["source"], "config") << "nothing stored";
}

TEST_F(DeskThreads, ImportedThreadsAreRegisteredWithTitleAndUrl) {
  {
    auto store = server::open_storage(desk_config(dir_).db_path);
    ASSERT_TRUE(store) << store.error().message;
    import::ImportResult imported;
    import::ImportedThread thread{"imported-story", "An imported story", "https://news.example/imported", {}};
    Comment c;
    c.id = "src-1";
    c.author = "Ann";
    c.body = "from the old system";
    c.created_ms = 1700000000000;
    thread.comments.push_back(c);
    imported.threads.push_back(thread);
    imported.threads.push_back({"bad-url", "", "javascript:alert(1)", {c}});
    ASSERT_TRUE(server::import_into(**store, imported));
  }
  start([](server::ServerConfig& c) { c.thread_creation = "known"; });
  EXPECT_EQ(post_status("imported-story", "a new comment on an imported thread"), 201) << "registered by the import";
  const json t = list("?q=imported")["threads"][0];
  EXPECT_EQ(t["title"], "An imported story");
  EXPECT_EQ(t["url"], "https://news.example/imported");
  EXPECT_EQ(t["comments"], 2);
  EXPECT_EQ(t["registered"], true);
  EXPECT_EQ(body_json(server_->client()->Get("/api/threads/bad-url"))["url"], "") << "not a link the console follows";
}

TEST_F(DeskThreads, ThreadsThatHadCommentsBeforeTheRegistryAreBackfilled) {
  if (testing_postgres()) GTEST_SKIP() << "rewinds the schema with SQLite's PRAGMA user_version";
  const std::string path = desk_config(dir_).db_path;
  {
    auto store = server::open_storage(path);
    ASSERT_TRUE(store);
    server::NewComment c;
    c.thread = "before";
    c.author = "Ann";
    c.body = "one";
    c.created_ms = 1000;
    ASSERT_TRUE((*store)->insert(c));
    c.body = "two";
    c.created_ms = 2000;
    c.status = Status::pending;
    ASSERT_TRUE((*store)->insert(c));
  }
  // Back to schema 6, as a database from before the registry.
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(path.c_str(), &db), SQLITE_OK);
  ASSERT_EQ(
      sqlite3_exec(db,
                   "DROP TRIGGER threads_count_insert; DROP TRIGGER threads_count_status; "
                   "DROP TRIGGER threads_count_delete; DROP TABLE threads; DROP TABLE settings; DROP TABLE outbox; "
                   "DROP TABLE subscriptions; DROP TABLE reader_mail_counts; "
                   "DROP TABLE site_model; DROP TABLE site_model_features; DROP INDEX comments_learned; "
                   "ALTER TABLE comments DROP COLUMN learned_as; ALTER TABLE comments DROP COLUMN learned_buckets; "
                   "ALTER TABLE comments DROP COLUMN learned_seq; "
                   "DROP INDEX comments_raw_address; DROP INDEX votes_raw_address; DROP INDEX reports_raw_address; "
                   "DROP INDEX audit_raw_address; "
                   "ALTER TABLE comments DROP COLUMN edit_key_hash; ALTER TABLE comments DROP COLUMN badge; "
                   "PRAGMA user_version = 6;",
                   nullptr, nullptr, nullptr),
      SQLITE_OK);
  sqlite3_close(db);
  start();
  const json t = list()["threads"][0];
  EXPECT_EQ(t["key"], "before");
  EXPECT_EQ(t["comments"], 2);
  EXPECT_EQ(t["visible"], 1);
  EXPECT_EQ(t["registered"], true);
  EXPECT_EQ(t["last_activity"], "1970-01-01T00:00:02Z");
}

TEST(DeskThreadsMigrate, CarriesTheRegistryAndTheLivePolicy) {
  TempDir dir;
  auto from = server::open_storage(test_database(dir, "from.db"));
  auto to = server::open_storage(test_database(dir, "to.db"));
  ASSERT_TRUE(from && to);
  server::NewComment c;
  c.thread = "kept";
  c.author = "Ann";
  c.body = "hello";
  c.created_ms = 5000;
  ASSERT_TRUE((*from)->insert(c));
  ASSERT_TRUE((*from)->register_thread("kept", "Kept story", "https://news.example/kept", 4000));
  ASSERT_TRUE((*from)->set_thread_closed("kept", true));
  ASSERT_TRUE((*from)->register_thread("empty", "No comments yet", "", 6000));
  ASSERT_TRUE((*from)->store_setting({"spam_policy", R"({"hold_score":0.4})", 7000, "admin"}));
  auto copied = server::copy_storage(**from, **to);
  ASSERT_TRUE(copied) << copied.error().message;
  auto kept = (*to)->thread_record("kept");
  ASSERT_TRUE(kept && *kept);
  EXPECT_EQ((*kept)->title, "Kept story");
  EXPECT_EQ((*kept)->url, "https://news.example/kept");
  EXPECT_TRUE((*kept)->closed);
  EXPECT_TRUE((*kept)->registered);
  EXPECT_EQ((*kept)->comments, 1);
  EXPECT_EQ((*kept)->created_ms, 5000) << "its first comment came before the registration";
  auto empty = (*to)->thread_record("empty");
  ASSERT_TRUE(empty && *empty);
  EXPECT_EQ((*empty)->title, "No comments yet");
  auto policy = (*to)->load_setting("spam_policy");
  ASSERT_TRUE(policy && *policy);
  EXPECT_EQ((*policy)->value, R"({"hold_score":0.4})");
  EXPECT_EQ((*policy)->by, "admin");
}

// A config file with `extra` next to the test's database.
Result<server::ServerConfig> config_with(const TempDir& dir, const std::string& extra) {
  const std::string path = dir.file("config.json");
  std::ofstream(path) << "{" << extra << "}";
  return server::load_config_file(path, server::ServerConfig{});
}

TEST(DeskThreadsConfig, ThreadKeysAreReadAndCheckedWithErrorsNamingThem) {
  TempDir dir;
  auto good =
      config_with(dir, R"("auto_close_days": 30, "thread_creation": "known", "thread_secret": ")" + kSecret + "\"");
  ASSERT_TRUE(good) << good.error().message;
  EXPECT_EQ(good->auto_close_days, 30u);
  EXPECT_EQ(good->thread_creation, "known");
  EXPECT_EQ(good->thread_secret, kSecret);
  const std::pair<std::string, std::string> bad[] = {
      {R"("thread_creation": "closed")", "thread_creation"}, {R"("thread_creation": 1)", "thread_creation"},
      {R"("thread_secret": "short")", "thread_secret"},      {R"("auto_close_days": -1)", "auto_close_days"},
      {R"("auto_close_days": "7")", "auto_close_days"},
  };
  for (const auto& [text, key] : bad) {
    auto r = config_with(dir, text);
    ASSERT_FALSE(r) << text;
    EXPECT_EQ(r.error().code, "invalid_config");
    EXPECT_NE(r.error().message.find("\"" + key + "\""), std::string::npos) << r.error().message;
  }
}

TEST(DeskThreadsSignature, IsHexHmacSha256OfTheKeyWithTheSecret) {
  // RFC 4231 test case 2: key "Jefe", data "what do ya want for nothing?".
  EXPECT_EQ(server::thread_signature("what do ya want for nothing?", "Jefe"),
            "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
  EXPECT_TRUE(server::valid_thread_signature("k", "secret", server::thread_signature("k", "secret")));
  EXPECT_FALSE(server::valid_thread_signature("k", "", server::thread_signature("k", "")));
  EXPECT_FALSE(server::valid_thread_signature("k", "secret", ""));
}

// ---- Two instances on one PostgreSQL database ----

#define REQUIRE_POSTGRES() \
  if (!testing_postgres()) GTEST_SKIP() << "several instances need a shared database: this runs on PostgreSQL"

class DeskThreadsTwoInstances : public ::testing::Test {
 protected:
  void SetUp() override {
    REQUIRE_POSTGRES();
    a_ = std::make_unique<InProcessServer>(desk_config(dir_));
    b_ = std::make_unique<InProcessServer>(desk_config(dir_));
  }
  int post_status(const InProcessServer& via, const std::string& thread, const std::string& body) {
    auto res = post_json(*via.client(), comments_path(thread), json{{"author", "Ann"}, {"body", body}}.dump());
    return res ? res->status : -1;
  }
  // Polls `check` until it holds or a second passes.
  static bool within_a_second(const std::function<bool()>& check) {
    const auto start = Clock::now();
    while (Clock::now() - start < std::chrono::seconds(1)) {
      if (check()) return true;
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    return false;
  }
  TempDir dir_;
  std::unique_ptr<InProcessServer> a_;
  std::unique_ptr<InProcessServer> b_;
};

TEST_F(DeskThreadsTwoInstances, ACloseOnOneIsRefusedOnTheOtherWithinOneSecond) {
  ASSERT_EQ(post_status(*b_, "shared", "first"), 201);
  ASSERT_EQ(body_json(b_->client()->Get(comments_path("shared")))["total"], 1) << "b has the page cached";
  ASSERT_EQ(post_json(*a_->client(), "/api/admin/threads/shared/close", "{}", kAdmin)->status, 200);
  int n = 0;
  EXPECT_TRUE(within_a_second([&] { return post_status(*b_, "shared", "try " + std::to_string(++n)) == 403; }))
      << "b still takes comments a second after a closed the thread";
  EXPECT_EQ(body_json(b_->client()->Get(comments_path("shared")))["closed"], true);
  ASSERT_EQ(post_json(*b_->client(), "/api/admin/threads/shared/reopen", "{}", kAdmin)->status, 200);
  EXPECT_TRUE(within_a_second([&] { return post_status(*a_, "shared", "again " + std::to_string(++n)) == 201; }));
}

// The page-URL index (thread_url_index.h) of b learns a's registration through the settings channel.
TEST_F(DeskThreadsTwoInstances, ARegistrationOnOneIsFoundByItsUrlOnTheOther) {
  const auto key_on_b = [&] {
    return body_json(b_->client()->Get("/api/threads?url=https%3A%2F%2Fblog.example%2F2019%2Fhello"))["key"];
  };
  EXPECT_NE(key_on_b(), "wp-42");  // b's index is built now, without the thread
  ASSERT_EQ(
      post_json(*a_->client(), "/api/admin/threads",
                json{{"key", "wp-42"}, {"title", "Hello"}, {"url", "https://blog.example/2019/hello/"}}.dump(), kAdmin)
          ->status,
      200);
  EXPECT_TRUE(within_a_second([&] { return key_on_b() == "wp-42"; })) << "b does not find a's registration by URL";
}

TEST_F(DeskThreadsTwoInstances, APolicyChangeOnOneAppliesOnTheOther) {
  ASSERT_EQ(post_status(*b_, "p", "frobnicate"), 201);
  ASSERT_EQ(
      post_json(*a_->client(), "/api/admin/policy", R"({"policy": {"banned_words": ["frobnicate"]}})", kAdmin)->status,
      200);
  int n = 0;
  EXPECT_TRUE(within_a_second([&] {
    auto res = post_json(*b_->client(), comments_path("p"),
                         json{{"author", "Ann"}, {"body", "frobnicate " + std::to_string(++n)}}.dump());
    return res && body_json(res)["status"] == "spam";
  })) << "b still judges by the old policy";
  EXPECT_EQ(body_json(b_->client()->Get("/api/admin/policy", kAdmin))["source"], "database");
  ASSERT_EQ(post_json(*b_->client(), "/api/admin/policy/reset", "{}", kAdmin)->status, 200);
  EXPECT_TRUE(
      within_a_second([&] { return body_json(a_->client()->Get("/api/admin/policy", kAdmin))["source"] == "config"; }));
}

TEST_F(DeskThreadsTwoInstances, ABanOnOneAppliesOnTheOtherAndSoDoesLiftingIt) {
  ASSERT_EQ(post_status(*b_, "b", "before the ban"), 201);
  auto added = post_json(*a_->client(), "/api/admin/bans",
                         R"({"kind": "author", "value": "Ann", "reason": "flooding", "expires": null})", kAdmin);
  ASSERT_EQ(added->status, 201) << added->body;
  int n = 0;
  EXPECT_TRUE(within_a_second([&] { return post_status(*b_, "b", "try " + std::to_string(++n)) == 403; }))
      << "b still takes Ann's comments a second after a banned her";
  const std::string id = body_json(added)["id"];
  ASSERT_EQ(post_json(*a_->client(), "/api/admin/bans/" + id + "/delete", "{}", kAdmin)->status, 200);
  EXPECT_TRUE(within_a_second([&] { return post_status(*b_, "b", "lifted " + std::to_string(++n)) == 201; }));
}

}  // namespace
}  // namespace soundoff::test
