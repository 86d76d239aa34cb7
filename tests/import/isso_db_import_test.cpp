// Isso's SQLite database read directly (--from isso-db): the same threads
// the Isso JSON importer produces from the same site, and clear errors for
// files that are not Isso databases.
#include "import/isso_db_import.h"

#include <gtest/gtest.h>
#include <sqlite3.h>
#include <unistd.h>

#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string>

#include "import/importers.h"

namespace soundoff::import {
namespace {

std::string bytes_of(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

// A scratch file path, removed with the fixture.
class IssoDb : public ::testing::Test {
 protected:
  void SetUp() override {
    char name[] = "/tmp/isso-db-test-XXXXXX";
    const int fd = mkstemp(name);
    ASSERT_GE(fd, 0);
    close(fd);
    path_ = name;
  }
  void TearDown() override { std::remove(path_.c_str()); }

  void make(const char* sql) {
    sqlite3* db = nullptr;
    ASSERT_EQ(sqlite3_open(path_.c_str(), &db), SQLITE_OK);
    char* message = nullptr;
    const int rc = sqlite3_exec(db, sql, nullptr, nullptr, &message);
    const std::string why = message ? message : "";
    sqlite3_free(message);
    sqlite3_close(db);
    ASSERT_EQ(rc, SQLITE_OK) << why;
  }

  std::string path_;
};

constexpr const char* kSchema = R"sql(
CREATE TABLE threads (id INTEGER PRIMARY KEY, uri VARCHAR(256) UNIQUE, title VARCHAR(256));
CREATE TABLE comments (
  tid REFERENCES threads(id), id INTEGER PRIMARY KEY, parent INTEGER,
  created FLOAT NOT NULL, modified FLOAT, mode INTEGER, remote_addr VARCHAR,
  text VARCHAR, author VARCHAR, email VARCHAR, website VARCHAR,
  likes INTEGER DEFAULT 0, dislikes INTEGER DEFAULT 0, voters BLOB NOT NULL,
  notification INTEGER DEFAULT 0);
)sql";

TEST_F(IssoDb, ReadsWhatTheIssoJsonImporterReadsFromTheSameSite) {
  make((std::string(kSchema) + R"sql(
INSERT INTO threads VALUES (1, '/post/', 'A post');
INSERT INTO comments VALUES (1, 7, NULL, 1546300800, NULL, 1, '::1', 'Top', 'Ann', NULL, NULL, 2, 1, x'00', 0);
INSERT INTO comments VALUES (1, 9, 7, 1546304400, NULL, 2, '::1', 'Held reply', 'Bob', NULL, NULL, 0, 0, x'00', 0);
INSERT INTO comments VALUES (1, 11, 9, 1546308000, NULL, 4, '::1', '', NULL, NULL, NULL, 0, 0, x'00', 0);
)sql")
           .c_str());
  const std::string before = bytes_of(path_);
  auto from_db = import_isso_db(path_);
  ASSERT_TRUE(from_db.ok()) << from_db.error().message;
  EXPECT_EQ(bytes_of(path_), before);  // opened read-only: not even a journal or header change
  auto from_json = import_isso(R"([{"id":"/post/","title":"A post","comments":[
    {"id":"7","author":"Ann","created":1546300800,"text":"Top","mode":1,"likes":2,"dislikes":1},
    {"id":"9","parent":"7","author":"Bob","created":1546304400,"text":"Held reply","mode":2},
    {"id":"11","parent":"9","author":"","created":1546308000,"text":"","mode":4}]}])");
  ASSERT_TRUE(from_json.ok()) << from_json.error().message;
  EXPECT_EQ(write_export(from_db->threads), write_export(from_json->threads));
  ASSERT_EQ(from_db->threads.size(), 1u);
  EXPECT_EQ(from_db->threads[0].title, "A post");
  EXPECT_EQ(from_db->threads[0].comments[1].status, Status::pending);
  EXPECT_EQ(from_db->threads[0].comments[2].status, Status::deleted);
  EXPECT_EQ(from_db->threads[0].comments[0].up, 2);
}

TEST_F(IssoDb, AnUnknownModeIsRejectedNamingTheComment) {
  make((std::string(kSchema) + R"sql(
INSERT INTO threads VALUES (1, '/p/', 'P');
INSERT INTO comments VALUES (1, 1, NULL, 1546300800, NULL, 8, '::1', 'x', 'A', NULL, NULL, 0, 0, x'00', 0);
INSERT INTO comments VALUES (1, 2, NULL, 1546300800, NULL, 1, '::1', 'y', 'B', NULL, NULL, 0, 0, x'00', 0);
)sql")
           .c_str());
  auto strict = import_isso_db(path_);
  ASSERT_FALSE(strict.ok());
  EXPECT_NE(strict.error().message.find("comment id 1"), std::string::npos) << strict.error().message;
  EXPECT_NE(strict.error().message.find("mode is 8"), std::string::npos) << strict.error().message;
  ImportOptions lenient;
  lenient.lenient = true;
  auto kept = import_isso_db(path_, lenient);
  ASSERT_TRUE(kept.ok());
  ASSERT_EQ(kept->comment_count(), 1u);
  EXPECT_EQ(kept->threads[0].comments[0].id, "2");
}

TEST_F(IssoDb, NamesTheMissingTableOrColumn) {
  make(
      "CREATE TABLE threads (id INTEGER PRIMARY KEY, uri TEXT, title TEXT);"
      "CREATE TABLE comments (tid INTEGER, id INTEGER, parent INTEGER, created FLOAT, mode INTEGER, text TEXT,"
      " author TEXT, likes INTEGER);");
  auto missing = import_isso_db(path_);
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.error().code, "not_isso_database");
  EXPECT_NE(missing.error().message.find("table \"comments\" has no column \"dislikes\""), std::string::npos)
      << missing.error().message;
  auto absent = import_isso_db(path_ + ".absent");
  ASSERT_FALSE(absent.ok());
  EXPECT_NE(absent.error().message.find("cannot open it read-only"), std::string::npos) << absent.error().message;
}

}  // namespace
}  // namespace soundoff::import
