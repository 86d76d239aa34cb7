// `soundoff import --db` (issue 22): merging an export into a database that
// already has comments, by (thread, external id), through the real binary;
// and Isso's own SQLite database read with --from isso-db, checked through
// the HTTP API. Runs on both backends (test_database).
#include <gtest/gtest.h>
#include <sqlite3.h>

#include <cstdio>
#include <fstream>
#include <map>
#include <sstream>

#include "server/server_harness.h"
#include "server/storage.h"
#include "soundoff/url_normalise.h"

namespace soundoff::test {
namespace {

using nlohmann::json;

void write(const std::string& path, const std::string& text) { std::ofstream(path, std::ios::binary) << text; }

// The old system's first export: a thread with a reply and votes, one named by a path.
const char* kFirst = R"({"format":"soundoff-export","version":1,"threads":[
{"thread":"post-1","title":"Post one","url":"https://example.org/post-1","comments":[
  {"id":"d1","author":"Ann","created":"2013-09-09T20:55:00Z","body":"first","status":"published","up":2},
  {"id":"d2","parent":"d1","author":"Bob","created":"2013-09-09T21:00:00Z","body":"reply","status":"pending"}]},
{"thread":"/blog/hello/","title":"Hello","comments":[
  {"id":"h1","author":"Cy","created":"2014-01-01T00:00:00Z","body":"hi","status":"published"}]}]})";

// A later export of the same system: d2 was approved and d1 got a vote more, d3 answers d2
// (stored by the first run), and a new thread appeared. Its title for post-1 changed, which
// an existing thread's registry row does not follow.
const char* kSecond = R"({"format":"soundoff-export","version":1,"threads":[
{"thread":"post-1","title":"Renamed","url":"https://example.org/other","comments":[
  {"id":"d1","author":"Ann","created":"2013-09-09T20:55:00Z","body":"first","status":"published","up":3,"down":1},
  {"id":"d2","parent":"d1","author":"Bob","created":"2013-09-09T21:00:00Z","body":"reply","status":"published"},
  {"id":"d3","parent":"d2","author":"Dee","created":"2013-09-10T08:00:00Z","body":"third","status":"published"}]},
{"thread":"/blog/hello/","title":"Hello","comments":[
  {"id":"h1","author":"Cy","created":"2014-01-01T00:00:00Z","body":"hi","status":"published"}]},
{"thread":"post-3","title":"Post three","url":"https://example.org/post-3","comments":[
  {"id":"t1","author":"Eve","created":"2015-05-05T05:05:05Z","body":"new thread","status":"published"}]}]})";

std::string page_of(InProcessServer& server, const std::string& key) {
  auto res = server.client()->Get("/api/threads/" + key + "/comments?per_page=1000&max_depth=0");
  EXPECT_TRUE(res);
  return res ? std::to_string(res->status) + " " + res->body : std::string();
}

std::map<std::string, Comment> by_external_id(server::Storage& store, const std::string& key) {
  std::map<std::string, Comment> out;
  auto comments = store.load_thread(key);
  EXPECT_TRUE(comments.ok());
  if (comments.ok())
    for (const auto& c : *comments) out[c.external_id] = c;
  return out;
}

TEST(ImportMerge, RunningTheSameImportTwiceChangesNothing) {
  TempDir dir;
  const std::string db = test_database(dir, "comments.db");
  write(dir.file("first.json"), kFirst);
  const auto first = run_soundoff(dir, {"import", "--db", db, dir.file("first.json")});
  ASSERT_EQ(first.status, 0) << first.err;
  EXPECT_NE(first.err.find("inserted 3, already present 0, updated 0"), std::string::npos) << first.err;
  EXPECT_NE(first.err.find("imported 3 comments ("), std::string::npos) << first.err;
  EXPECT_NE(first.err.find("thread \"/blog/hello/\" is not a valid thread key; stored as \""), std::string::npos)
      << first.err;
  const auto export_one = run_soundoff(dir, {"export", "--db", db});
  ASSERT_EQ(export_one.status, 0) << export_one.err;
  auto config = test_config(dir);
  config.db_path = db;
  std::string page_one;
  {
    InProcessServer server(config);
    page_one = page_of(server, "post-1");
  }

  const auto second = run_soundoff(dir, {"import", "--db", db, dir.file("first.json")});
  ASSERT_EQ(second.status, 0) << second.err;
  EXPECT_NE(second.err.find("inserted 0, already present 3, updated 0"), std::string::npos) << second.err;
  const auto export_two = run_soundoff(dir, {"export", "--db", db});
  EXPECT_EQ(export_two.out, export_one.out);
  auto store = server::open_storage(db, {"normal"});
  ASSERT_TRUE(store.ok());
  EXPECT_EQ(*(*store)->comment_total(), 3);
  InProcessServer server(config);
  EXPECT_EQ(page_of(server, "post-1"), page_one);
  EXPECT_NE(page_one.find("\"first\""), std::string::npos) << page_one;
}

TEST(ImportMerge, ALaterExportAddsNewRepliesUnderStoredParentsAndBringsStatusAndVotes) {
  TempDir dir;
  const std::string db = test_database(dir, "comments.db");
  write(dir.file("first.json"), kFirst);
  write(dir.file("second.json"), kSecond);
  ASSERT_EQ(run_soundoff(dir, {"import", "--db", db, dir.file("first.json")}).status, 0);
  const auto second = run_soundoff(dir, {"import", "--db", db, "--from", "soundoff", dir.file("second.json")});
  ASSERT_EQ(second.status, 0) << second.err;
  // d1 (votes) and d2 (status) updated; d3 and t1 new; h1 unchanged.
  EXPECT_NE(second.err.find("inserted 2, already present 3, updated 2"), std::string::npos) << second.err;
  EXPECT_NE(second.err.find("3 threads (1 new)"), std::string::npos) << second.err;

  auto store = server::open_storage(db, {"normal"});
  ASSERT_TRUE(store.ok());
  auto post = by_external_id(**store, "post-1");
  ASSERT_EQ(post.size(), 3u);
  EXPECT_EQ(post["d3"].parent, post["d2"].id);  // the parent came from the first run
  EXPECT_EQ(post["d2"].parent, post["d1"].id);
  EXPECT_EQ(post["d2"].status, Status::published);
  EXPECT_EQ(post["d1"].up, 3);
  EXPECT_EQ(post["d1"].down, 1);
  auto registry = (*store)->thread_record("post-1");
  ASSERT_TRUE(registry.ok() && registry->has_value());
  EXPECT_EQ((*registry)->title, "Post one");  // an existing thread keeps its registry row
  auto created = (*store)->thread_record("post-3");
  ASSERT_TRUE(created.ok() && created->has_value());
  EXPECT_TRUE((*created)->registered);
  EXPECT_EQ((*created)->title, "Post three");
  EXPECT_EQ((*created)->url, "https://example.org/post-3");

  // And the third run of the newer export is a no-op too.
  const auto third = run_soundoff(dir, {"import", "--db", db, dir.file("second.json")});
  ASSERT_EQ(third.status, 0) << third.err;
  EXPECT_NE(third.err.find("inserted 0, already present 5, updated 0"), std::string::npos) << third.err;
  EXPECT_EQ(*(*store)->comment_total(), 5);
}

TEST(ImportMerge, LocalVotesAndLocalCommentsStay) {
  TempDir dir;
  const std::string db = test_database(dir, "comments.db");
  write(dir.file("first.json"), kFirst);
  ASSERT_EQ(run_soundoff(dir, {"import", "--db", db, dir.file("first.json")}).status, 0);
  {
    auto store = server::open_storage(db, {"normal"});
    ASSERT_TRUE(store.ok());
    auto post = by_external_id(**store, "post-1");
    // Two readers vote on the new site: d1 now shows 4 up, more than the source's 2.
    ASSERT_TRUE((*store)->add_vote("post-1", post["d1"].id, "reader-a", 1, 1).ok());
    ASSERT_TRUE((*store)->add_vote("post-1", post["d1"].id, "reader-b", 1, 1).ok());
    server::NewComment local;
    local.thread = "post-1";
    local.author = "Local";
    local.body = "posted on the new site";
    ASSERT_TRUE((*store)->insert(local).ok());
  }
  const auto again = run_soundoff(dir, {"import", "--db", db, dir.file("first.json")});
  ASSERT_EQ(again.status, 0) << again.err;
  EXPECT_NE(again.err.find("inserted 0, already present 3, updated 0"), std::string::npos) << again.err;
  auto store = server::open_storage(db, {"normal"});
  ASSERT_TRUE(store.ok());
  auto post = by_external_id(**store, "post-1");
  EXPECT_EQ(post["d1"].up, 4);
  EXPECT_EQ(post.size(), 3u);  // d1, d2 and the local one ("" external id)
}

TEST(ImportMerge, RefusesABadFileAndAMissingDatabaseArgumentClearly) {
  TempDir dir;
  const std::string db = test_database(dir, "comments.db");
  write(dir.file("bad.json"), "{\"format\":\"soundoff-export\",\"threads\":[");
  const auto bad = run_soundoff(dir, {"import", "--db", db, dir.file("bad.json")});
  EXPECT_EQ(bad.status, 2);
  EXPECT_NE(bad.err.find("bad.json"), std::string::npos) << bad.err;
  const auto no_file = run_soundoff(dir, {"import", "--db", db});
  EXPECT_EQ(no_file.status, 2);
  EXPECT_NE(no_file.err.find("one input file"), std::string::npos) << no_file.err;
}

// `soundoff export --thread KEY`, and the registry's titles and URLs travel
// with the export: imported into a second database, the threads are found
// by their URLs again.
TEST(ImportMerge, ExportCarriesTitlesAndUrlsWholeOrPerThread) {
  TempDir dir;
  const std::string db = test_database(dir, "comments.db");
  write(dir.file("first.json"), kFirst);
  ASSERT_EQ(run_soundoff(dir, {"import", "--db", db, dir.file("first.json")}).status, 0);
  const auto all = run_soundoff(dir, {"export", "--db", db});
  ASSERT_EQ(all.status, 0) << all.err;
  EXPECT_NE(all.out.find(R"("thread":"post-1","title":"Post one","url":"https://example.org/post-1")"),
            std::string::npos)
      << all.out;
  const auto one = run_soundoff(dir, {"export", "--db", db, "--thread", "post-1"});
  ASSERT_EQ(one.status, 0) << one.err;
  EXPECT_NE(one.out.find("\"first\""), std::string::npos);
  EXPECT_EQ(one.out.find("\"hi\""), std::string::npos) << "the other thread's comment";
  const auto wxr = run_soundoff(dir, {"export", "--db", db, "--thread", "post-1", "--format", "wxr"});
  ASSERT_EQ(wxr.status, 0) << wxr.err;
  EXPECT_NE(wxr.out.find("<title>Post one</title>"), std::string::npos) << wxr.out;
  const auto none = run_soundoff(dir, {"export", "--db", db, "--thread", "no-such-thread"});
  EXPECT_EQ(none.status, 2);
  EXPECT_NE(none.err.find("no thread no-such-thread"), std::string::npos) << none.err;
  EXPECT_EQ(run_soundoff(dir, {"export", "--db", db, "--thread", "bad key!"}).status, 2);
  EXPECT_EQ(run_soundoff(dir, {"export", "--db", db, "--thread", "post-1", "--audit"}).status, 2);

  // Into a second database: the registry comes back from the file alone.
  write(dir.file("all.json"), all.out);
  const std::string second = test_database(dir, "second.db");
  ASSERT_EQ(run_soundoff(dir, {"import", "--db", second, dir.file("all.json")}).status, 0);
  auto store = server::open_storage(second, {"normal"});
  ASSERT_TRUE(store.ok());
  auto row = (*store)->thread_record("post-1");
  ASSERT_TRUE(row.ok() && row->has_value());
  EXPECT_EQ((*row)->title, "Post one");
  EXPECT_EQ((*row)->url, "https://example.org/post-1");
}

// A Soundoff export streams thread by thread (cli/import_stream.h), yet a
// strict import still writes nothing when any record or the syntax is bad.
TEST(ImportMerge, StreamedStrictImportWritesNothingWhenAnyRecordIsBadAndLenientKeepsTheRest) {
  TempDir dir;
  const std::string db = test_database(dir, "comments.db");
  const std::string good = R"({"thread":"post-1","comments":[
  {"id":"d1","author":"Ann","created":"2013-09-09T20:55:00Z","body":"first","status":"published"}]})";
  write(dir.file("bad-record.json"), std::string(R"({"format":"soundoff-export","version":1,"threads":[)") + good + R"(,
{"thread":"post-2","comments":[{"id":"e1","author":"Bob","created":"yesterday","body":"x","status":"published"}]}]})");
  write(dir.file("bad-syntax.json"), std::string(R"({"format":"soundoff-export","version":1,"threads":[)") + good +
                                         R"(,{"thread":"post-2","comments":[}]})");
  const auto total = [&] {
    auto store = server::open_storage(db, {"normal"});
    EXPECT_TRUE(store.ok());
    return store.ok() ? *(*store)->comment_total() : -1;
  };
  for (const char* file : {"bad-record.json", "bad-syntax.json"}) {
    const auto strict = run_soundoff(dir, {"import", "--db", db, dir.file(file)});
    EXPECT_EQ(strict.status, 2) << file << ": " << strict.err;
    EXPECT_NE(strict.err.find(file), std::string::npos) << strict.err;
    EXPECT_EQ(total(), 0) << file << ": a strict import wrote before finding the problem";
  }
  const auto record = run_soundoff(dir, {"import", "--db", db, "--lenient", dir.file("bad-record.json")});
  EXPECT_EQ(record.status, 0) << record.err;
  EXPECT_NE(record.err.find("thread #1"), std::string::npos) << record.err;
  EXPECT_NE(record.err.find("inserted 1, already present 0"), std::string::npos) << record.err;
  EXPECT_EQ(total(), 1);
  const auto syntax = run_soundoff(dir, {"import", "--db", db, "--lenient", dir.file("bad-syntax.json")});
  EXPECT_EQ(syntax.status, 2) << syntax.err;
  EXPECT_NE(syntax.err.find("JSON syntax error at byte"), std::string::npos) << syntax.err;
  EXPECT_EQ(total(), 1) << "the thread before the syntax error is the one already imported";
}

// A single comment document is no export: it is read whole, as before streaming.
TEST(ImportMerge, ACommentDocumentFileStillImports) {
  TempDir dir;
  const std::string db = test_database(dir, "comments.db");
  write(dir.file("doc.json"), R"({"thread":"post-9","comments":[
  {"id":"x1","author":"Ann","created":"2013-09-09T20:55:00Z","body":"one","status":"published"},
  {"id":"x2","parent":"x1","author":"Bob","created":"2013-09-09T21:00:00Z","body":"two","status":"published"}]})");
  const auto run = run_soundoff(dir, {"import", "--db", db, dir.file("doc.json")});
  ASSERT_EQ(run.status, 0) << run.err;
  EXPECT_NE(run.err.find("inserted 2, already present 0"), std::string::npos) << run.err;
  auto store = server::open_storage(db, {"normal"});
  ASSERT_TRUE(store.ok());
  EXPECT_EQ(by_external_id(**store, "post-9").at("x2").parent, by_external_id(**store, "post-9").at("x1").id);
}

// ---- Isso's own database ----

// Isso's schema (isso/db/threads.py, comments.py), and a site with a reply chain,
// votes, a comment in moderation and a deleted one that still holds a reply.
const char* kIssoDatabase = R"sql(
CREATE TABLE threads (id INTEGER PRIMARY KEY, uri VARCHAR(256) UNIQUE, title VARCHAR(256));
CREATE TABLE comments (
  tid REFERENCES threads(id), id INTEGER PRIMARY KEY, parent INTEGER,
  created FLOAT NOT NULL, modified FLOAT, mode INTEGER, remote_addr VARCHAR,
  text VARCHAR, author VARCHAR, email VARCHAR, website VARCHAR,
  likes INTEGER DEFAULT 0, dislikes INTEGER DEFAULT 0, voters BLOB NOT NULL,
  notification INTEGER DEFAULT 0);
INSERT INTO threads VALUES (1, '/2019/hello-world/', 'Hello, world');
INSERT INTO threads VALUES (2, '/about/', 'About');
INSERT INTO comments VALUES (1, 1, NULL, 1546300800.5, NULL, 1, '192.0.2.0', 'First!', 'Ann', 'ann@example.org', NULL, 3, 1, x'00', 0);
INSERT INTO comments VALUES (1, 2, 1, 1546304400, NULL, 1, '192.0.2.0', 'A reply', 'Bob', NULL, NULL, 0, 0, x'00', 0);
INSERT INTO comments VALUES (1, 3, 2, 1546308000, NULL, 2, '192.0.2.0', 'Held', NULL, NULL, NULL, 0, 0, x'00', 0);
INSERT INTO comments VALUES (2, 4, NULL, 1546311600, NULL, 4, '192.0.2.0', '', NULL, NULL, NULL, 0, 0, x'00', 0);
INSERT INTO comments VALUES (2, 5, 4, 1546315200, NULL, 1, '192.0.2.0', 'Under a deleted one', 'Cy', NULL, NULL, 1, 0, x'00', 0);
)sql";

void make_sqlite(const std::string& path, const char* sql) {
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(path.c_str(), &db), SQLITE_OK);
  char* message = nullptr;
  const int rc = sqlite3_exec(db, sql, nullptr, nullptr, &message);
  const std::string why = message ? message : "";
  sqlite3_free(message);
  sqlite3_close(db);
  ASSERT_EQ(rc, SQLITE_OK) << why;
}

TEST(ImportMerge, IssoDatabaseImportsWithRepliesVotesStatusesAndTitles) {
  TempDir dir;
  const std::string isso = dir.file("isso-comments.db");
  make_sqlite(isso, kIssoDatabase);
  const std::string db = test_database(dir, "comments.db");
  const auto run = run_soundoff(dir, {"import", "--db", db, "--from", "isso-db", isso});
  ASSERT_EQ(run.status, 0) << run.err;
  EXPECT_NE(run.err.find("inserted 5, already present 0"), std::string::npos) << run.err;

  auto store = server::open_storage(db, {"normal"});
  ASSERT_TRUE(store.ok());
  const std::string hello = thread_key_for("/2019/hello-world/");
  const std::string about = thread_key_for("/about/");
  auto stored = by_external_id(**store, hello);
  ASSERT_EQ(stored.size(), 3u);
  EXPECT_EQ(stored["3"].status, Status::pending);
  EXPECT_EQ(stored["3"].parent, stored["2"].id);
  EXPECT_EQ(stored["1"].created_ms, 1546300800500);
  auto config = test_config(dir);
  config.db_path = db;
  InProcessServer server(config);
  auto client = server.client();
  auto thread = client->Get("/api/threads/" + hello);
  ASSERT_TRUE(thread);
  ASSERT_EQ(thread->status, 200) << thread->body;
  EXPECT_EQ(body_json(thread)["title"], "Hello, world") << thread->body;
  EXPECT_EQ(body_json(thread)["comments"], 2) << thread->body;  // published ones; #3 is held

  auto page = client->Get("/api/threads/" + hello + "/comments?per_page=1000&max_depth=0");
  ASSERT_TRUE(page);
  ASSERT_EQ(page->status, 200) << page->body;
  const auto shown = flatten_page(body_json(page));
  ASSERT_EQ(shown.size(), 2u) << page->body;
  EXPECT_EQ(shown[0]["author"], "Ann");
  EXPECT_EQ(shown[0]["up"], 3) << shown[0].dump();
  EXPECT_EQ(shown[0]["down"], 1) << shown[0].dump();
  EXPECT_EQ(shown[1]["parent"], shown[0]["id"]) << shown[1].dump();

  // The deleted comment keeps its reply in place on the other thread.
  auto other = by_external_id(**store, about);
  ASSERT_EQ(other.size(), 2u);
  EXPECT_EQ(other["4"].status, Status::deleted);
  EXPECT_EQ(other["5"].parent, other["4"].id);
  EXPECT_EQ(other["5"].up, 1);
  auto about_row = (*store)->thread_record(about);
  ASSERT_TRUE(about_row.ok() && about_row->has_value());
  EXPECT_EQ((*about_row)->title, "About");

  // Isso's file was opened read-only and a second import is a no-op.
  const auto again = run_soundoff(dir, {"import", "--db", db, "--from", "isso-db", isso});
  ASSERT_EQ(again.status, 0) << again.err;
  EXPECT_NE(again.err.find("inserted 0, already present 5, updated 0"), std::string::npos) << again.err;
}

// `serve --import-from isso-db`: the one-step move reads the same database.
TEST(ImportMerge, ServeImportsAnIssoDatabaseBeforeServing) {
  TempDir dir;
  const std::string isso = dir.file("isso-comments.db");
  make_sqlite(isso, kIssoDatabase);
  ServeProcess server({"--db", test_database(dir, "comments.db"), "--import", isso, "--import-from", "isso-db"});
  auto thread = server.client()->Get("/api/threads/" + thread_key_for("/2019/hello-world/"));
  ASSERT_TRUE(thread);
  ASSERT_EQ(thread->status, 200) << thread->body;
  EXPECT_EQ(body_json(thread)["title"], "Hello, world") << thread->body;
  EXPECT_EQ(body_json(thread)["comments"], 2) << thread->body;
}

TEST(ImportMerge, AFileThatIsNotAnIssoDatabaseIsNamedClearly) {
  TempDir dir;
  const std::string db = test_database(dir, "comments.db");
  write(dir.file("text.db"), "this is not a database at all, just some text that is long enough\n");
  const auto text = run_soundoff(dir, {"import", "--db", db, "--from", "isso-db", dir.file("text.db")});
  EXPECT_EQ(text.status, 2);
  EXPECT_NE(text.err.find("is it an SQLite database?"), std::string::npos) << text.err;

  make_sqlite(dir.file("other.db"), "CREATE TABLE threads (id INTEGER PRIMARY KEY, uri TEXT);");
  const auto no_title = run_soundoff(dir, {"import", "--db", db, "--from", "isso-db", dir.file("other.db")});
  EXPECT_EQ(no_title.status, 2);
  EXPECT_NE(no_title.err.find("table \"threads\" has no column \"title\""), std::string::npos) << no_title.err;

  make_sqlite(dir.file("half.db"), "CREATE TABLE threads (id INTEGER PRIMARY KEY, uri TEXT, title TEXT);");
  const auto no_comments = run_soundoff(dir, {"import", "--db", db, "--from", "isso-db", dir.file("half.db")});
  EXPECT_EQ(no_comments.status, 2);
  EXPECT_NE(no_comments.err.find("has no table \"comments\""), std::string::npos) << no_comments.err;

  const auto missing = run_soundoff(dir, {"import", "--db", db, "--from", "isso-db", dir.file("absent.db")});
  EXPECT_EQ(missing.status, 2);
  EXPECT_NE(missing.err.find("absent.db"), std::string::npos) << missing.err;
}

}  // namespace
}  // namespace soundoff::test
