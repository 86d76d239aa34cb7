// Imports into a real SQLite database and exports back out (issue 9's server
// half): reply links and original ids survive, export -> import -> export is
// byte-identical, importing over existing comments is refused.
#include "server/import_export.h"

#include <gtest/gtest.h>

#include <fstream>

#include "import/importers.h"
#include "server/server_harness.h"

namespace soundoff::test {
namespace {

using nlohmann::json;

// Two threads in Soundoff's export format, with a reply chain and a status.
const char* kExport = R"({"format":"soundoff-export","version":1,"threads":[
{"thread":"post-1","comments":[
  {"id":"d1","author":"Ann","created":"2013-09-09T20:55:00Z","body":"first","status":"published"},
  {"id":"d2","parent":"d1","author":"Bob","created":"2013-09-09T21:00:00Z","body":"reply","status":"published"},
  {"id":"d3","parent":"d2","author":"Ann","created":"2013-09-09T21:05:00Z","body":"deeper","status":"pending"}]},
{"thread":"post-2","comments":[
  {"id":"x9","author":"Cy","created":"2014-01-01T00:00:00Z","body":"other","status":"published"}]}]})";

std::unique_ptr<server::Storage> open_store(const std::string& spec) {
  auto store = server::open_storage(spec, {"normal"});
  EXPECT_TRUE(store.ok());
  return std::move(*store);
}

TEST(ImportExport, ImportKeepsReplyLinksStatusesAndOriginalIds) {
  TempDir dir;
  auto imported = import::import_soundoff(kExport);
  ASSERT_TRUE(imported.ok()) << imported.error().message;
  auto store = open_store(test_database(dir, "a.db"));
  auto n = server::import_into(*store, *imported);
  ASSERT_TRUE(n.ok()) << n.error().message;
  EXPECT_EQ(*n, 4u);
  auto thread = store->load_thread("post-1");
  ASSERT_TRUE(thread.ok());
  ASSERT_EQ(thread->size(), 3u);
  const auto& c1 = (*thread)[0];
  const auto& c2 = (*thread)[1];
  const auto& c3 = (*thread)[2];
  EXPECT_EQ(c1.external_id, "d1");
  EXPECT_EQ(c2.parent, c1.id);  // mapped to the new ids
  EXPECT_EQ(c3.parent, c2.id);
  EXPECT_EQ(c3.status, Status::pending);
  EXPECT_EQ(c3.external_id, "d3");
}

TEST(ImportExport, ExportImportExportIsByteIdentical) {
  TempDir dir;
  auto first = open_store(test_database(dir, "a.db"));
  ASSERT_TRUE(server::import_into(*first, *import::import_soundoff(kExport)).ok());
  auto exported = server::export_all(*first);
  ASSERT_TRUE(exported.ok());
  auto again = import::import_soundoff(*exported);
  ASSERT_TRUE(again.ok()) << again.error().message;
  auto second = open_store(test_database(dir, "b.db"));
  ASSERT_TRUE(server::import_into(*second, *again).ok());
  auto reexported = server::export_all(*second);
  ASSERT_TRUE(reexported.ok());
  EXPECT_EQ(*reexported, *exported);
  const json parsed = json::parse(*exported);
  EXPECT_EQ(parsed["threads"].size(), 2u);
  EXPECT_EQ(parsed["threads"][0]["comments"][2]["external_id"], "d3");
}

TEST(ImportExport, ImportingOverExistingCommentsIsRefusedAndWritesNothing) {
  TempDir dir;
  auto store = open_store(test_database(dir, "a.db"));
  auto imported = import::import_soundoff(kExport);
  ASSERT_TRUE(server::import_into(*store, *imported).ok());
  auto twice = server::import_into(*store, *imported);
  ASSERT_FALSE(twice.ok());
  EXPECT_EQ(twice.error().code, "thread_not_empty");
  EXPECT_EQ(store->load_thread("post-2")->size(), 1u);
}

TEST(ImportExport, ServeImportLoadsAnExportBeforeServingIt) {
  TempDir dir;
  std::ofstream(dir.file("export.json")) << kExport;
  ServeProcess server({"--db", test_database(dir, "c.db"), "--import", dir.file("export.json")});
  const json page = body_json(server.client()->Get("/api/threads/post-1/comments?max_depth=0"));
  ASSERT_EQ(page["total"], 2);  // d3 is pending
  EXPECT_EQ(page["items"][0]["author"], "Ann");
  EXPECT_EQ(page["items"][0]["children"][0]["body"], "reply");
}

}  // namespace
}  // namespace soundoff::test
