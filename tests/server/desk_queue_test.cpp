// The moderator's desk over real HTTP on both backends: every queue and
// filter, cursor paging past thousands of held comments, counts, every
// action one by one and in bulk, pins and edits in the public page JSON,
// and the old moderation routes on the same machinery.
#include <sqlite3.h>

#include <set>

#include "server/desk_support.h"

namespace soundoff::test {
namespace {

using nlohmann::json;

// One comment of each queue in thread "a" and two more in "b", oldest first:
// 1 held (links), 2 reported, 3 spam, 4 published, 5 held in b by Bob from
// another network, 6 published reply to 4.
class DeskQueues : public ::testing::Test {
 protected:
  void SetUp() override {
    desk_.seed({desk_comment("a", "Cheap watches at example.com", Status::pending, {"links: 3 links"}),
                desk_comment("a", "You are all wrong", Status::pending, {"reported"}),
                desk_comment("a", "BUY NOW", Status::spam, {"banned_words: a banned word"}),
                desk_comment("a", "A first comment that somebody will answer", Status::published),
                desk_comment("b", "Held in thread b", Status::pending, {"first_time: first comment"}, "Bob",
                             "Bob@Example.org", "2001:db8:1:2::5")});
    auto reply = desk_comment("a", "An answer", Status::published);
    reply.parent = "4";
    desk_.seed_one(reply);
    desk_.start();
  }
  DeskServer desk_;
};

TEST_F(DeskQueues, EachQueueHoldsWhatItsNameSaysNewestFirst) {
  EXPECT_EQ(desk_.ids("/api/admin/queue/held"), (std::vector<std::string>{"5", "1"}));
  EXPECT_EQ(desk_.ids("/api/admin/queue/reported"), (std::vector<std::string>{"2"}));
  EXPECT_EQ(desk_.ids("/api/admin/queue/spam"), (std::vector<std::string>{"3"}));
  EXPECT_EQ(desk_.ids("/api/admin/queue/recent"), (std::vector<std::string>{"6", "5", "4", "3", "2", "1"}));
  const json page = desk_.get_json("/api/admin/queue/held");
  EXPECT_EQ(page["queue"], "held");
  EXPECT_TRUE(page["next_cursor"].is_null());
  auto res = desk_.get("/api/admin/queue/archive");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 404);
}

TEST_F(DeskQueues, ItemsCarryReasonsNetworkParentAndPermalink) {
  const json item = desk_.get_json("/api/admin/queue/recent?limit=1")["comments"][0];
  EXPECT_EQ(item["id"], "6");
  EXPECT_EQ(item["parent"], "4");
  EXPECT_EQ(item["parent_excerpt"], "A first comment that somebody will answer");
  EXPECT_EQ(item["permalink"], "/demo/a#comment-6");
  EXPECT_EQ(item["ip"], "203.0.113.7");
  EXPECT_EQ(item["network"], "203.0.113.0/24");
  EXPECT_EQ(item["pinned"], false);
  EXPECT_TRUE(item["edited"].is_null());
  EXPECT_EQ(item["created"], "2025-12-02T10:00:00Z");
  const json held = desk_.get_json("/api/admin/queue/held")["comments"];
  EXPECT_EQ(held[0]["network"], "2001:db8:1:2::/64");
  EXPECT_EQ(held[1]["reasons"], json::array({"links"}));
  EXPECT_TRUE(held[1]["parent"].is_null());
  EXPECT_TRUE(held[1]["parent_excerpt"].is_null());
}

TEST_F(DeskQueues, APermalinkGoesToTheArticleWhenTheThreadHasAUrl) {
  auto reg = desk_.post("/api/admin/threads", {{"key", "a"}, {"title", "A"}, {"url", "https://news.example/a"}});
  ASSERT_TRUE(reg);
  ASSERT_EQ(reg->status, 200) << reg->body;
  const json item = desk_.get_json("/api/admin/queue/recent?limit=1")["comments"][0];
  EXPECT_EQ(item["permalink"], "https://news.example/a#comment-6");
  const json other = desk_.get_json("/api/admin/queue/recent?thread=b")["comments"][0];
  EXPECT_EQ(other["permalink"], "/demo/b#comment-5") << "a thread without a URL keeps the demo page";
}

TEST_F(DeskQueues, EveryFilterNarrowsTheQueue) {
  EXPECT_EQ(desk_.ids("/api/admin/queue/recent?thread=b"), (std::vector<std::string>{"5"}));
  EXPECT_EQ(desk_.ids("/api/admin/queue/held?thread=a"), (std::vector<std::string>{"1"}));
  EXPECT_EQ(desk_.ids("/api/admin/queue/recent?author=bob"), (std::vector<std::string>{"5"}));
  EXPECT_EQ(desk_.ids("/api/admin/queue/recent?email=bob%40example.ORG"), (std::vector<std::string>{"5"}));
  EXPECT_EQ(desk_.ids("/api/admin/queue/recent?network=2001:db8:1:2::/64"), (std::vector<std::string>{"5"}));
  EXPECT_EQ(desk_.ids("/api/admin/queue/recent?network=2001:db8:1:2::5"), (std::vector<std::string>{"5"}));
  EXPECT_EQ(desk_.ids("/api/admin/queue/recent?network=2001:db8:1:2::6"), (std::vector<std::string>{}));
  EXPECT_EQ(desk_.ids("/api/admin/queue/held?network=203.0.113.0/24"), (std::vector<std::string>{"1"}));
  EXPECT_EQ(desk_.ids("/api/admin/queue/held?network=203.0.113.7"), (std::vector<std::string>{"1"}));
  EXPECT_EQ(desk_.ids("/api/admin/queue/recent?reason=links"), (std::vector<std::string>{"1"}));
  EXPECT_EQ(desk_.ids("/api/admin/queue/recent?reason=reported"), (std::vector<std::string>{"2"}));
  EXPECT_EQ(desk_.ids("/api/admin/queue/recent?reason=first_time&thread=b"), (std::vector<std::string>{"5"}));
  EXPECT_EQ(desk_.ids("/api/admin/queue/recent?q=WATCHES"), (std::vector<std::string>{"1"}));
  EXPECT_EQ(desk_.ids("/api/admin/queue/spam?q=buy"), (std::vector<std::string>{"3"}));
  EXPECT_EQ(desk_.ids("/api/admin/queue/spam?q=watches"), (std::vector<std::string>{}));
  EXPECT_EQ(desk_.ids("/api/admin/queue/recent?author=Mary&thread=a&q=answer"), (std::vector<std::string>{"6", "4"}));
}

TEST_F(DeskQueues, BadParametersAre400WithTheirOwnCodes) {
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"/api/admin/queue/held?colour=red", "unknown_parameter"},
      {"/api/admin/queue/held?limit=0", "invalid_argument"},
      {"/api/admin/queue/held?limit=201", "invalid_argument"},
      {"/api/admin/queue/held?limit=ten", "invalid_argument"},
      {"/api/admin/queue/held?cursor=abc", "invalid_cursor"},
      {"/api/admin/queue/held?network=203.0.113.0/16", "invalid_argument"},
      {"/api/admin/queue/held?network=localhost", "invalid_argument"},
      {"/api/admin/queue/held?reason=Links!", "invalid_argument"},
      {"/api/admin/queue/held?thread=a%20b", "invalid_thread"},
      {"/api/admin/queue/held?q=a&q=b", "invalid_argument"},
      {"/api/admin/counts?limit=3", "unknown_parameter"},
      {"/api/moderation/queue?thread=a", "unknown_parameter"},
  };
  for (const auto& [path, code] : cases) {
    auto res = desk_.get(path);
    ASSERT_TRUE(res) << path;
    EXPECT_EQ(res->status, 400) << path;
    EXPECT_EQ(body_json(res)["code"], code) << path;
  }
}

TEST_F(DeskQueues, CountsPerQueueAndPerThread) {
  EXPECT_EQ(desk_.get_json("/api/admin/counts"), (json{{"held", 2}, {"reported", 1}, {"spam", 1}, {"recent", 6}}));
  EXPECT_EQ(desk_.get_json("/api/admin/counts?thread=b"),
            (json{{"held", 1}, {"reported", 0}, {"spam", 0}, {"recent", 1}}));
}

TEST_F(DeskQueues, EveryRouteNeedsAModerator) {
  for (const char* path : {"/api/admin/queue/held", "/api/admin/counts", "/api/admin/bans"}) {
    auto res = desk_.get(path, {});
    ASSERT_TRUE(res);
    EXPECT_EQ(res->status, 401) << path;
  }
  auto res = desk_.post("/api/admin/comments/1/approve", json::object(), {});
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 401);
  EXPECT_EQ(desk_.ids("/api/admin/queue/held").size(), 2u) << "nothing was approved";
}

TEST_F(DeskQueues, TheOldQueueIsHeldReportedAndSpamNewestFirstWithTheSamePaging) {
  const json first = desk_.get_json("/api/moderation/queue?limit=2");
  ASSERT_EQ(first["comments"].size(), 2u);
  EXPECT_EQ(first["comments"][0]["id"], "5");
  EXPECT_EQ(first["comments"][1]["id"], "3");
  EXPECT_EQ(first["comments"][1]["reasons"], json::array({"banned_words: a banned word"}));
  ASSERT_TRUE(first["next_cursor"].is_string());
  const json second = desk_.get_json("/api/moderation/queue?limit=2&cursor=" + first["next_cursor"].get<std::string>());
  ASSERT_EQ(second["comments"].size(), 2u);
  EXPECT_EQ(second["comments"][0]["id"], "2");
  EXPECT_EQ(second["comments"][1]["id"], "1");
  EXPECT_TRUE(second["next_cursor"].is_null());
}

// Actions, on the same six comments.
class DeskActions : public DeskQueues {
 protected:
  httplib::Result act(const std::string& id, const std::string& action, const json& body = json::object()) {
    return desk_.post("/api/admin/comments/" + id + "/" + action, body);
  }
  json act_ok(const std::string& id, const std::string& action, const json& body = json::object()) {
    auto res = act(id, action, body);
    EXPECT_TRUE(res);
    EXPECT_EQ(res ? res->status : 0, 200) << action << " " << id << ": " << (res ? res->body : "");
    return body_json(res);
  }
  std::vector<std::string> page_ids(const std::string& query = "per_page=100") {
    std::vector<std::string> out;
    const json page = desk_.page("a", query);
    for (const auto& item : page["items"]) out.push_back(item["id"]);
    return out;
  }
};

TEST_F(DeskActions, ApproveRejectAndDeleteMoveCommentsBetweenQueues) {
  const json approved = act_ok("1", "approve");
  EXPECT_EQ(approved["status"], "published");
  EXPECT_EQ(approved["id"], "1");
  EXPECT_EQ(approved["permalink"], "/demo/a#comment-1");
  EXPECT_EQ(desk_.ids("/api/admin/queue/held"), (std::vector<std::string>{"5"}));
  EXPECT_EQ(page_ids(), (std::vector<std::string>{"1", "4"}));
  EXPECT_EQ(act_ok("2", "approve")["reports"], 0) << "approval resets reports";
  EXPECT_TRUE(desk_.ids("/api/admin/queue/reported").empty());
  EXPECT_EQ(act_ok("1", "reject")["status"], "spam");
  EXPECT_EQ(desk_.ids("/api/admin/queue/spam"), (std::vector<std::string>{"3", "1"}));
  EXPECT_EQ(act_ok("4", "delete")["status"], "deleted");
  const json page = desk_.page("a");
  ASSERT_EQ(page["items"].size(), 2u);
  EXPECT_EQ(page["items"][1]["id"], "4");
  EXPECT_EQ(page["items"][1]["tombstone"], true) << "its reply keeps it in place";
}

TEST_F(DeskActions, UnknownCommentsAndActionsAre404) {
  for (const char* action : {"approve", "reject", "delete", "erase", "pin", "unpin"}) {
    auto res = act("424242", action);
    ASSERT_TRUE(res);
    EXPECT_EQ(res->status, 404) << action;
    EXPECT_EQ(body_json(res)["code"], "not_found");
  }
  auto res = act("1", "promote");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 404);
}

TEST_F(DeskActions, EditReplacesTheBodyAndMarksItEdited) {
  const json edited = act_ok("4", "edit", {{"body", "  A first comment, edited  "}});
  EXPECT_EQ(edited["body"], "A first comment, edited");
  ASSERT_TRUE(edited["edited"].is_string());
  const json item = desk_.page("a")["items"][0];
  EXPECT_EQ(item["body"], "A first comment, edited");
  EXPECT_EQ(item["edited"], edited["edited"]);
  EXPECT_FALSE(item["children"][0].contains("edited"));
  for (const json& bad : {json{{"body", ""}}, json{{"body", 5}}, json::object(),
                          json{{"body",
                                "a\x01"
                                "b"}}}) {
    auto res = act("4", "edit", bad);
    ASSERT_TRUE(res);
    EXPECT_EQ(res->status, 400) << bad.dump();
    EXPECT_EQ(body_json(res)["code"], "invalid_comment");
  }
  EXPECT_EQ(desk_.page("a")["items"][0]["body"], "A first comment, edited");
}

TEST_F(DeskActions, PinnedCommentsComeFirstInPinOrderInThePublicPage) {
  act_ok("1", "approve");
  act_ok("5", "approve");
  EXPECT_EQ(page_ids(), (std::vector<std::string>{"1", "4"}));
  EXPECT_EQ(act_ok("4", "pin")["pinned"], true);
  act_ok("1", "pin");
  for (const char* sort : {"oldest", "newest", "top", "best", "controversial", "active"}) {
    EXPECT_EQ(page_ids(std::string("sort=") + sort), (std::vector<std::string>{"4", "1"})) << sort;
  }
  const json page = desk_.page("a");
  EXPECT_EQ(page["items"][0]["pinned"], true);
  EXPECT_EQ(page["items"][1]["pinned"], true);
  EXPECT_FALSE(page["items"][0]["children"][0].contains("pinned"));
  EXPECT_EQ(act_ok("4", "unpin")["pinned"], false);
  EXPECT_EQ(page_ids("sort=newest"), (std::vector<std::string>{"1", "4"}));
  EXPECT_FALSE(desk_.page("a")["items"][1].contains("pinned"));
  auto reply = act("6", "pin");
  ASSERT_TRUE(reply);
  EXPECT_EQ(reply->status, 409);
  EXPECT_EQ(body_json(reply)["code"], "not_top_level");
}

TEST_F(DeskActions, EraseRemovesTheRowItsVotesAndReportsOrLeavesAClearedTombstone) {
  ASSERT_EQ(desk_.post("/api/comments/4/vote", {{"value", 1}}, {})->status, 200);
  ASSERT_EQ(desk_.post("/api/comments/4/report", json::object(), {})->status, 200);
  ASSERT_EQ(desk_.post("/api/comments/6/vote", {{"value", -1}}, {})->status, 200);
  // 4 has a reply: it stays as a tombstone with nothing of its writer.
  EXPECT_EQ(act_ok("4", "erase"), (json{{"id", "4"}, {"erased", true}}));
  bool found = false;
  const json recent = desk_.get_json("/api/admin/queue/recent");
  for (const auto& c : recent["comments"]) {
    if (c["id"] != "4") continue;
    found = true;
    EXPECT_EQ(c["status"], "deleted");
    EXPECT_EQ(c["author"], "");
    EXPECT_EQ(c["email"], "");
    EXPECT_EQ(c["ip"], "");
    EXPECT_EQ(c["body"], "");
    EXPECT_EQ(c["reports"], 0);
  }
  EXPECT_TRUE(found);
  const json page = desk_.page("a");
  ASSERT_EQ(page["items"].size(), 1u);
  EXPECT_EQ(page["items"][0]["tombstone"], true);
  EXPECT_EQ(page["items"][0]["children"][0]["id"], "6");
  // 6 has none: it is gone, with its vote.
  act_ok("6", "erase");
  EXPECT_EQ(desk_.ids("/api/admin/queue/recent?thread=a"), (std::vector<std::string>{"4", "3", "2", "1"}));
  EXPECT_EQ(act("6", "erase")->status, 404);
  EXPECT_TRUE(desk_.page("a")["items"].empty()) << "a tombstone without replies is not shown";
  auto store = desk_.open_store();
  ASSERT_TRUE(store);
  const auto dump = store->dump();
  ASSERT_TRUE(dump);
  EXPECT_TRUE(dump->votes.empty());
  EXPECT_TRUE(dump->reports.empty());
  EXPECT_EQ(dump->comments.size(), 5u);
}

TEST_F(DeskActions, BulkActsOnEachIdAndReportsEachResult) {
  auto res = desk_.post("/api/admin/comments/bulk", {{"action", "approve"}, {"ids", {"1", 5, "999", "x", "1"}}});
  ASSERT_TRUE(res);
  ASSERT_EQ(res->status, 200) << res->body;
  const json results = body_json(res)["results"];
  ASSERT_EQ(results.size(), 4u) << "an id named twice is acted on once";
  EXPECT_EQ(results[0], (json{{"id", "1"}, {"ok", true}}));
  EXPECT_EQ(results[1], (json{{"id", "5"}, {"ok", true}}));
  EXPECT_EQ(results[2]["ok"], false);
  EXPECT_EQ(results[2]["code"], "not_found");
  EXPECT_EQ(results[3]["code"], "not_found");
  EXPECT_TRUE(desk_.ids("/api/admin/queue/held").empty());
  const json pins =
      body_json(desk_.post("/api/admin/comments/bulk", {{"action", "pin"}, {"ids", {"4", "6"}}}))["results"];
  EXPECT_EQ(pins[0]["ok"], true);
  EXPECT_EQ(pins[1]["code"], "not_top_level");
  EXPECT_EQ(page_ids(), (std::vector<std::string>{"4", "1"}));
  const json erased =
      body_json(desk_.post("/api/admin/comments/bulk", {{"action", "erase"}, {"ids", {"3", "2"}}}))["results"];
  EXPECT_EQ(erased[0]["ok"], true);
  EXPECT_EQ(erased[1]["ok"], true);
  EXPECT_EQ(desk_.get_json("/api/admin/counts")["recent"], 4);
  for (const auto& [name, n] : {std::pair<std::string, std::size_t>{"reject", 0}, {"reject", 501}}) {
    json ids = json::array();
    for (std::size_t i = 0; i < n; ++i) ids.push_back(std::to_string(i + 1));
    auto bad = desk_.post("/api/admin/comments/bulk", {{"action", name}, {"ids", ids}});
    ASSERT_TRUE(bad);
    EXPECT_EQ(bad->status, 400) << n;
    EXPECT_EQ(body_json(bad)["code"], "invalid_argument");
  }
  for (const json& body : {json{{"action", "edit"}, {"ids", {"1"}}}, json{{"action", "approve"}, {"ids", "1"}},
                           json{{"action", "approve"}, {"ids", {json::object()}}}, json{{"ids", {"1"}}}}) {
    auto bad = desk_.post("/api/admin/comments/bulk", body);
    ASSERT_TRUE(bad);
    EXPECT_EQ(bad->status, 400) << body.dump();
  }
  EXPECT_EQ(desk_.get_json("/api/admin/counts")["spam"], 0) << "no refused bulk request changed anything";
}

TEST_F(DeskActions, TheOldDecisionRoutesStillWork) {
  auto res = desk_.post("/api/comments/1/approve", json::object());
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 200);
  EXPECT_EQ(body_json(res)["status"], "published");
  EXPECT_EQ(body_json(desk_.post("/api/comments/5/reject", json::object()))["status"], "spam");
  EXPECT_EQ(body_json(desk_.post("/api/comments/4/delete", json::object()))["status"], "deleted");
  EXPECT_EQ(desk_.post("/api/comments/999/approve", json::object())->status, 404);
  EXPECT_EQ(desk_.post("/api/comments/1/approve", json::object(), {})->status, 401);
  EXPECT_EQ(desk_.ids("/api/admin/queue/spam"), (std::vector<std::string>{"5", "3"}));
}

TEST(DeskUpgrade, AnOlderDatabaseGetsTheNetworkBlocksItsAddressesNeed) {
  if (testing_postgres()) GTEST_SKIP() << "an SQLite file from before v6; PostgreSQL runs the same fill";
  TempDir dir;
  const std::string path = dir.file("v1.db");
  {
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
      INSERT INTO comments (thread, author, body, created_ms, status, ip)
        VALUES ('t', 'old', 'held in v1', 1000, 'pending', '2001:db8:1:2::5'),
               ('t', 'old', 'imported', 1000, 'pending', '');
      PRAGMA user_version=1;)sql",
                           nullptr, nullptr, nullptr),
              SQLITE_OK);
    sqlite3_close(db);
  }
  auto store = server::open_storage(path, {"normal"});
  ASSERT_TRUE(store) << store.error().message;
  server::QueueQuery q;
  q.network = "2001:db8:1:2::/64";
  auto rows = (*store)->queue_page(q);
  ASSERT_TRUE(rows) << rows.error().message;
  ASSERT_EQ(rows->size(), 1u);
  EXPECT_EQ(rows->front().comment.body, "held in v1");
  EXPECT_EQ(rows->front().comment.pinned, 0);
  EXPECT_EQ(rows->front().comment.edited_ms, 0);
  q.network.clear();
  auto all = (*store)->queue_page(q);
  ASSERT_TRUE(all);
  EXPECT_EQ(all->size(), 2u);
}

TEST(DeskPaging, ThousandsOfHeldCommentsArePagedNewestFirstEachOnce) {
  constexpr int kHeld = 3100;
  DeskServer desk;
  std::vector<server::NewComment> batch;
  for (int i = 0; i < kHeld; ++i) {
    batch.push_back(desk_comment("thread-" + std::to_string(i % 7), "held " + std::to_string(i), Status::pending,
                                 {"premoderation: every new comment waits for a moderator"}));
    if (i % 10 == 0) batch.push_back(desk_comment("thread-0", "spam " + std::to_string(i), Status::spam));
  }
  desk.seed(batch);
  desk.start();
  EXPECT_EQ(desk.get_json("/api/admin/counts")["held"], kHeld);
  std::set<long long> seen;
  long long previous = 0;
  std::string cursor;
  int pages = 0;
  for (;;) {
    const json page = desk.get_json("/api/admin/queue/held?limit=200" + (cursor.empty() ? "" : "&cursor=" + cursor));
    ++pages;
    for (const auto& c : page["comments"]) {
      const long long id = std::stoll(c["id"].get<std::string>());
      EXPECT_TRUE(previous == 0 || id < previous) << "newest first: " << id << " after " << previous;
      EXPECT_TRUE(seen.insert(id).second) << "seen twice: " << id;
      EXPECT_EQ(c["status"], "pending");
      previous = id;
    }
    if (page["next_cursor"].is_null()) break;
    cursor = page["next_cursor"];
    ASSERT_LT(pages, 100) << "the cursor does not advance";
  }
  EXPECT_EQ(seen.size(), static_cast<std::size_t>(kHeld));
  EXPECT_EQ(pages, 16);
  // The old route pages through held and spam alike, without the 500 cap it had.
  std::size_t old_total = 0;
  cursor.clear();
  for (int guard = 0; guard < 100; ++guard) {
    const json page = desk.get_json("/api/moderation/queue?limit=200" + (cursor.empty() ? "" : "&cursor=" + cursor));
    old_total += page["comments"].size();
    if (page["next_cursor"].is_null()) break;
    cursor = page["next_cursor"];
  }
  EXPECT_EQ(old_total, static_cast<std::size_t>(kHeld + kHeld / 10));
}

}  // namespace
}  // namespace soundoff::test
