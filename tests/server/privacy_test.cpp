// Privacy by default (docs/privacy.md): the retention job with a set clock,
// key rotation, a person's erasure (hard and anonymised, by route and CLI)
// down to the bytes of the SQLite file, their export, and emails never
// leaving the moderator views. Both backends.
#include <gtest/gtest.h>
#include <sys/wait.h>

#include <atomic>
#include <fstream>
#include <sstream>
#include <thread>

#include "server/desk_support.h"
#include "server/network_pseudonym.h"
#include "server/privacy_key.h"
#include "server/pseudonymous_history.h"
#include "server/retention_job.h"
#include "server/stored_text.h"

namespace soundoff::test {
namespace {

using nlohmann::json;

constexpr std::int64_t kDay = 86400000;
constexpr std::int64_t kNow = 1796000000000;  // a fixed "now" for the set clock (2026-11-29)
const std::string kThread = "privacy-thread";
const std::string kEmail = "zq.erasable@example.org";
const std::string kName = "Zebulon Quarterhouse";

server::NewComment comment_at(const std::string& body, std::int64_t created_ms, const std::string& ip,
                              const std::string& author = "Mary", const std::string& email = "m@example.org") {
  server::NewComment c = desk_comment(kThread, body, Status::published, {}, author, email, ip);
  c.created_ms = created_ms;
  return c;
}

std::unique_ptr<server::Storage> open_db(const std::string& spec) {
  auto store = server::open_storage(spec, {"normal"});
  EXPECT_TRUE(store) << store.error().message;
  return store ? std::move(*store) : nullptr;
}

std::string ip_of(server::Storage& store, const std::string& id) {
  auto c = store.desk_comment(id);
  EXPECT_TRUE(c && *c) << id;
  return c && *c ? (*c)->ip : "";
}

TEST(PrivacyRetention, ASetClockHashesOldAddressesAndLeavesNewOnes) {
  TempDir dir;
  auto store = open_db(test_database(dir, "retention.db"));
  ASSERT_TRUE(store);
  auto old_one = store->insert(comment_at("old", kNow - 10 * kDay, "203.0.113.7"));
  auto new_one = store->insert(comment_at("new", kNow - 1 * kDay, "2001:db8:1:2::5"));
  ASSERT_TRUE(old_one && new_one);
  ASSERT_TRUE(store->add_vote(kThread, old_one->id, "203.0.113.7", 1, kNow - 10 * kDay));
  ASSERT_TRUE(store->add_vote(kThread, old_one->id, "account:reader-1", 1, kNow - 10 * kDay));
  ASSERT_TRUE(store->add_report(kThread, old_one->id, "203.0.113.8", kNow - 9 * kDay, 100));
  server::AuditRecord row{.time_ms = kNow - 30 * kDay,
                          .actor = "ada",
                          .via = "session",
                          .network = "198.51.100.4",
                          .action = "comment.approve"};
  ASSERT_TRUE(store->add_audit(row));

  std::atomic<std::int64_t> now{kNow};
  server::PrivacyConfig privacy;  // the default window: 7 days
  server::RetentionJob job(*store, privacy, [&now] { return now.load(); });
  auto first = job.run_once();
  ASSERT_TRUE(first) << first.error().message;
  EXPECT_EQ(first->comments, 1);
  EXPECT_EQ(first->votes, 1);  // the account's vote keys no address
  EXPECT_EQ(first->reports, 1);
  EXPECT_EQ(first->audit, 1);

  auto key = server::load_network_key(*store, privacy, kNow);
  ASSERT_TRUE(key);
  const std::string hashed = ip_of(*store, old_one->id);
  EXPECT_TRUE(server::is_network_pseudonym(hashed)) << hashed;
  // The pseudonym is the network's: another address of the same /24 gives the same one.
  EXPECT_EQ(hashed, server::network_pseudonym("203.0.113.200", *key));
  EXPECT_NE(hashed, server::network_pseudonym("203.0.114.7", *key));
  EXPECT_EQ(ip_of(*store, new_one->id), "2001:db8:1:2::5");
  auto dump = store->dump();
  ASSERT_TRUE(dump);
  for (const auto& v : dump->votes) EXPECT_TRUE(v.voter == hashed || v.voter == "account:reader-1") << v.voter;
  ASSERT_EQ(dump->reports.size(), 1u);
  EXPECT_EQ(dump->reports[0].reporter, hashed);  // the reporter's /24 is the comment's
  auto audit = store->list_audit({});
  ASSERT_TRUE(audit);
  EXPECT_EQ((*audit)[0].network, server::network_pseudonym("198.51.100.4", *key));

  // Nothing left to do at the same time; a week later the newer one goes too.
  auto again = job.run_once();
  ASSERT_TRUE(again);
  EXPECT_EQ(again->comments + again->votes + again->reports + again->audit, 0);
  now = kNow + 7 * kDay;
  auto later = job.run_once();
  ASSERT_TRUE(later);
  EXPECT_EQ(later->comments, 1);
  EXPECT_EQ(ip_of(*store, new_one->id), server::network_pseudonym("2001:db8:1:2::ffff", *key));
}

TEST(PrivacyRetention, RotatingTheKeyChangesNewPseudonymsAndLeavesOldOnes) {
  TempDir dir;
  auto store = open_db(test_database(dir, "rotate.db"));
  ASSERT_TRUE(store);
  auto first = store->insert(comment_at("first", kNow - 20 * kDay, "203.0.113.7"));
  ASSERT_TRUE(first);
  std::int64_t now = kNow;
  server::RetentionJob job(*store, {}, [&now] { return now; });
  ASSERT_TRUE(job.run_once());
  const std::string before = ip_of(*store, first->id);

  auto old_key = server::load_network_key(*store, {}, kNow);
  auto new_key = server::rotate_network_key(*store, "test", kNow);
  ASSERT_TRUE(old_key && new_key);
  EXPECT_NE(old_key->bytes, new_key->bytes);
  auto second = store->insert(comment_at("second", kNow - 20 * kDay, "203.0.113.9"));
  ASSERT_TRUE(second);
  ASSERT_TRUE(job.run_once());
  EXPECT_EQ(ip_of(*store, first->id), before);
  const std::string after = ip_of(*store, second->id);
  EXPECT_TRUE(server::is_network_pseudonym(after));
  EXPECT_NE(after, before);  // the same network, unlinkable across the rotation
  EXPECT_EQ(after, server::network_pseudonym("203.0.113.1", *new_key));

  // A key in the config wins over the stored one.
  server::PrivacyConfig configured;
  configured.network_hash_key = std::string(64, 'a');
  auto from_config = server::load_network_key(*store, configured, kNow);
  ASSERT_TRUE(from_config);
  EXPECT_EQ(server::parse_network_key(std::string(64, 'a'))->bytes, from_config->bytes);
}

TEST(PrivacyRetention, HashedRowsStillCountAsTheWritersNetwork) {
  TempDir dir;
  auto store = open_db(test_database(dir, "history.db"));
  ASSERT_TRUE(store);
  ASSERT_TRUE(store->insert(comment_at("trusted before", kNow - 30 * kDay, "203.0.113.7", "Regular")));
  ASSERT_TRUE(store->insert(comment_at("elsewhere", kNow - 30 * kDay, "198.51.100.7", "Regular")));
  std::int64_t now = kNow;
  server::RetentionJob job(*store, {}, [&now] { return now; });
  ASSERT_TRUE(job.run_once());
  auto key = server::load_network_key(*store, {}, kNow);
  ASSERT_TRUE(key);

  const std::string client = "203.0.113.50";  // the same /24, another address
  auto history = store->author_history("Newcomer", client, 20);
  auto recent = store->thread_recent(kThread, 20);
  ASSERT_TRUE(history && recent);
  EXPECT_TRUE(history->empty());
  auto r = server::include_pseudonymous_history(*store, "Newcomer", client, server::network_pseudonym(client, *key), 20,
                                                *recent, *history);
  ASSERT_TRUE(r) << r.error().message;
  ASSERT_EQ(history->size(), 1u);
  EXPECT_EQ((*history)[0].comment.body, "trusted before");
  EXPECT_EQ((*history)[0].ip, client);  // seen by the spam check as from here
  int from_here = 0;
  for (const auto& c : *recent) from_here += c.ip == client;
  EXPECT_EQ(from_here, 1);  // the other network's row keeps its own pseudonym
}

TEST(PrivacyRetention, TheServersJobHashesOldRowsWhileItRuns) {
  DeskServer desk([](server::ServerConfig& c) {
    c.privacy.ip_retention_days = 7;
    c.privacy.purge_interval_s = 1;
  });
  const std::int64_t now = server::system_clock_ms();
  desk.seed({comment_at("old", now - 8 * kDay, "203.0.113.7", "Old", "old@example.org"),
             comment_at("new", now - 1 * kDay, "203.0.113.8", "New", "new@example.org")});
  desk.start();
  auto store = desk.open_store();
  ASSERT_TRUE(store);
  auto old_rows = store->person_comments("old@example.org");
  auto new_rows = store->person_comments("new@example.org");
  ASSERT_TRUE(old_rows && new_rows && old_rows->size() == 1 && new_rows->size() == 1);
  std::string ip;
  for (int i = 0; i < 100 && !server::is_network_pseudonym(ip); ++i) {
    ip = ip_of(*store, (*old_rows)[0].comment.id);
    if (!server::is_network_pseudonym(ip)) std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  EXPECT_TRUE(server::is_network_pseudonym(ip)) << ip;
  EXPECT_EQ(ip_of(*store, (*new_rows)[0].comment.id), "203.0.113.8");
}

class PrivacyErase : public ::testing::Test {
 protected:
  // Two comments of the person (one with a reply by someone else), one of another reader.
  void seed() {
    desk_.seed({comment_at("first words of the erasable person", kNow, "203.0.113.7", kName, kEmail),
                comment_at("a comment by someone else", kNow, "198.51.100.7")});
    auto store = desk_.open_store();
    ASSERT_TRUE(store);
    // Events about new comments go to the outbox; the erasure must take them along.
    store->set_outbox_routes({{"https://hooks.example/soundoff", {"comment.published"}}});
    auto rows = store->person_comments(kEmail);
    ASSERT_TRUE(rows && rows->size() == 1);
    first_ = (*rows)[0].comment.id;
    auto reply = desk_comment(kThread, "a reply that must keep its place", Status::published, {}, "Other",
                              "other@example.org", "198.51.100.8");
    reply.parent = first_;
    auto stored_reply = store->insert(reply);
    ASSERT_TRUE(stored_reply);
    reply_ = stored_reply->id;
    // They asked for reply mail: a subscription and its confirmation mail name their address.
    store->set_reader_mail({.enabled = true});
    auto own = desk_comment(kThread, "second words, no replies", Status::published, {}, kName, kEmail);
    own.subscribe = server::SubscriptionRequest{kEmail, "en", false};
    ASSERT_TRUE(store->insert(own));
    auto outbox = store->list_outbox(server::OutboxState::pending, 100);
    ASSERT_TRUE(outbox);
    EXPECT_EQ(outbox->size(), 3u);
  }
  // Nothing of the person in the database: on SQLite not a byte of the files.
  void expect_nothing_remains() {
    auto store = desk_.open_store();
    ASSERT_TRUE(store);
    const std::string rows = dump_text(*store);
    EXPECT_EQ(rows.find(kEmail), std::string::npos);
    EXPECT_EQ(rows.find(kName), std::string::npos);
    EXPECT_EQ(rows.find("words"), std::string::npos);
    if (testing_postgres()) return;
    for (const std::string suffix : {"", "-wal"}) {
      const std::string bytes = file_bytes(desk_.config().db_path + suffix);
      EXPECT_EQ(bytes.find(kEmail), std::string::npos) << "the email is in comments.db" << suffix;
      EXPECT_EQ(bytes.find(kName), std::string::npos) << "the name is in comments.db" << suffix;
      EXPECT_EQ(bytes.find("erasable person"), std::string::npos) << "the text is in comments.db" << suffix;
    }
  }
  DeskServer desk_;
  std::string first_, reply_;
};

TEST_F(PrivacyErase, TheAdminRouteNeedsAModeratorAndDeletesEverythingOfThePerson) {
  seed();
  desk_.start();
  // The person's words are in the file before (so the check below can fail).
  if (!testing_postgres()) {
    const std::string before = file_bytes(desk_.config().db_path) + file_bytes(desk_.config().db_path + "-wal");
    EXPECT_NE(before.find(kName), std::string::npos);
  }
  EXPECT_EQ(desk_.post("/api/admin/erase", {{"email", kEmail}}, {})->status, 401);
  EXPECT_EQ(desk_.post("/api/admin/erase", {{"email", 7}})->status, 400);
  EXPECT_EQ(desk_.post("/api/admin/erase", {{"email", kEmail}, {"bogus", true}})->status, 400);
  EXPECT_EQ(flatten_page(desk_.page(kThread)).size(), 4u);
  auto res = desk_.post("/api/admin/erase", {{"email", "ZQ.Erasable@Example.org"}});
  ASSERT_TRUE(res);
  ASSERT_EQ(res->status, 200) << res->body;
  const json body = json::parse(res->body);
  EXPECT_EQ(body["removed"], 2);
  EXPECT_EQ(body["tombstoned"], 0);
  // The event of their own comment and their confirmation mail; the other reader's reply keeps its event.
  EXPECT_EQ(body["outbox"], 2);
  EXPECT_EQ(body["subscriptions"], 1);
  EXPECT_EQ(body["threads"], json::array({kThread}));
  // The reply stays (now an orphan, shown top-level); the person's comments are gone from the page.
  const std::string page = desk_.page(kThread).dump();
  EXPECT_EQ(page.find(kName), std::string::npos);
  EXPECT_NE(page.find("a reply that must keep its place"), std::string::npos);
  EXPECT_NE(page.find("a comment by someone else"), std::string::npos);
  // Audited, without naming whom.
  auto store = desk_.open_store();
  auto outbox = store->list_outbox(server::OutboxState::pending, 100);
  ASSERT_TRUE(outbox);
  ASSERT_EQ(outbox->size(), 1u);
  EXPECT_EQ((*outbox)[0].comment_id, reply_);
  auto audit = store->list_audit({.action = "person.erase"});
  ASSERT_TRUE(audit);
  ASSERT_EQ(audit->size(), 1u);
  EXPECT_EQ((*audit)[0].actor, "token");
  EXPECT_EQ((*audit)[0].detail.find("zq"), std::string::npos);
  expect_nothing_remains();
}

TEST_F(PrivacyErase, AnonymiseKeepsARepliedCommentAsAnEmptyTombstone) {
  seed();
  desk_.start();
  auto res = desk_.post("/api/admin/erase", {{"email", kEmail}, {"anonymise", true}});
  ASSERT_TRUE(res);
  ASSERT_EQ(res->status, 200) << res->body;
  const json body = json::parse(res->body);
  EXPECT_EQ(body["removed"], 1);
  EXPECT_EQ(body["tombstoned"], 1);
  auto store = desk_.open_store();
  auto tomb = store->desk_comment(first_);
  ASSERT_TRUE(tomb && *tomb);
  EXPECT_EQ((*tomb)->comment.status, Status::deleted);
  EXPECT_EQ((*tomb)->comment.author, "");
  EXPECT_EQ((*tomb)->comment.body, "");
  EXPECT_EQ((*tomb)->email, "");
  EXPECT_EQ((*tomb)->ip, "");
  auto reply = store->desk_comment(reply_);
  ASSERT_TRUE(reply && *reply);
  EXPECT_EQ((*reply)->comment.parent, first_);  // still under its place
  expect_nothing_remains();
}

TEST_F(PrivacyErase, TheCliExportsThePersonFirstThenErasesThem) {
  seed();
  const std::string db = desk_.config().db_path;
  auto [exported_status, exported] = run_cli({"export", "--db", db, "--email", "ZQ.ERASABLE@example.org"});
  ASSERT_EQ(exported_status, 0);
  const json person = json::parse(exported, nullptr, false);
  ASSERT_FALSE(person.is_discarded()) << exported;
  ASSERT_EQ(person["comments"].size(), 2u);
  EXPECT_EQ(person["comments"][0]["body"], "first words of the erasable person");
  EXPECT_EQ(person["comments"][0]["author"], kName);
  EXPECT_EQ(person["comments"][0]["ip"], "203.0.113.7");
  EXPECT_EQ(person["comments"][1]["body"], "second words, no replies");
  EXPECT_EQ(exported.find("someone else"), std::string::npos);
  EXPECT_EQ(run_cli({"export", "--db", db, "--email", kEmail, "--audit"}).first, 2);
  EXPECT_EQ(run_cli({"erase", "--db", db}).first, 2);

  auto [erase_status, erased] = run_cli({"erase", "--db", db, "--email", kEmail});
  ASSERT_EQ(erase_status, 0);
  EXPECT_EQ(json::parse(erased)["removed"], 2);
  auto empty = run_cli({"export", "--db", db, "--email", kEmail});
  EXPECT_EQ(json::parse(empty.second)["comments"], json::array());
  // The file is clean although no server ever ran on it.
  expect_nothing_remains();
}

TEST_F(PrivacyErase, TheCliPurgesAndRotatesTheKey) {
  seed();
  const std::string db = desk_.config().db_path;
  EXPECT_EQ(run_cli({"privacy", "purge"}).first, 2);
  EXPECT_EQ(run_cli({"privacy", "sideways", "--db", db}).first, 2);
  auto [kept_status, kept] = run_cli({"privacy", "purge", "--db", db, "--days", "3650"});
  ASSERT_EQ(kept_status, 0);
  EXPECT_EQ(json::parse(kept)["comments"], 0);  // all younger than ten years
  // Every seeded comment is at least a day old by the real clock (kNow and 2025-12-02).
  auto [status, out] = run_cli({"privacy", "purge", "--db", db, "--days", "1"});
  ASSERT_EQ(status, 0);
  EXPECT_EQ(json::parse(out)["comments"], 4);
  auto store = desk_.open_store();
  auto key = server::load_network_key(*store, {}, kNow);
  ASSERT_TRUE(key);
  EXPECT_EQ(ip_of(*store, first_), server::network_pseudonym("203.0.113.7", *key));
  ASSERT_EQ(run_cli({"privacy", "rotate-key", "--db", db}).first, 0);
  auto rotated = server::load_network_key(*store, {}, kNow);
  ASSERT_TRUE(rotated);
  EXPECT_NE(rotated->bytes, key->bytes);
}

TEST(PrivacyPublic, EmailsNeverLeaveThePublicResponses) {
  DeskServer desk;
  desk.start();
  const std::string email = "never-shown-7f3a@example.org";
  auto posted = desk.post("/api/threads/" + kThread + "/comments",
                          {{"author", "Shown Name"}, {"email", email}, {"body", "a perfectly ordinary comment"}}, {});
  ASSERT_TRUE(posted);
  ASSERT_EQ(posted->status, 201) << posted->body;
  EXPECT_EQ(posted->body.find(email), std::string::npos);
  for (const std::string& path :
       {"/api/threads/" + kThread + "/comments", "/api/threads/" + kThread + "/comments?sort=newest",
        "/api/threads/" + kThread, "/api/threads/" + kThread + "/count", "/embed/threads/" + kThread,
        "/demo/" + kThread, "/feed/threads/" + kThread + ".atom", std::string("/feed/recent.atom")}) {
    auto res = desk.get(path, {});
    ASSERT_TRUE(res) << path;
    EXPECT_EQ(res->body.find(email), std::string::npos) << path;
    EXPECT_EQ(res->body.find("never-shown"), std::string::npos) << path;
  }
  // The check can fail: the page does show the comment, and the moderator's view does show the email.
  EXPECT_NE(desk.get("/api/threads/" + kThread + "/comments", {})->body.find("Shown Name"), std::string::npos);
  EXPECT_NE(desk.get("/api/admin/queue/recent")->body.find(email), std::string::npos);
}

}  // namespace
}  // namespace soundoff::test
