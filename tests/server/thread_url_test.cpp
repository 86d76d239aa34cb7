// Threads by URL (issue 22): every shared thread fixture imported into a fresh
// server (either backend), then every thread read back over HTTP by its page
// URL: found, under an API-valid key, with the source's published count.
#include <gtest/gtest.h>
#include <sys/wait.h>

#include <cstdlib>
#include <fstream>
#include <unordered_map>

#include "import/importers.h"
#include "server/import_export.h"
#include "server/server_harness.h"
#include "server/thread_url_index.h"
#include "soundoff/url_normalise.h"
#include "support/fixtures.h"

namespace soundoff::test {
namespace {

using import::Source;

struct Case {
  Source source;
  const char* fixture;
  bool lenient;
};

constexpr Case kCases[] = {
    {Source::disqus, "isso-disqus.xml", false},          {Source::wxr, "isso-wordpress-wxr.xml", false},
    {Source::isso, "isso-generic.json", false},          {Source::remark42, "remark42-radiot-tree_bench.json", false},
    {Source::wxr, "wp-theme-unit-test-data.xml", false}, {Source::disqus, "remark42-disqus.xml", true},
};

std::string url_encode(const std::string& s) {
  static const char* hex = "0123456789ABCDEF";
  std::string out;
  for (const unsigned char c : s) {
    if (std::isalnum(c) || c == '-' || c == '.' || c == '_' || c == '~') {
      out += static_cast<char>(c);
    } else {
      out += '%';
      out += hex[c >> 4];
      out += hex[c & 15];
    }
  }
  return out;
}

TEST(ThreadUrl, EveryFixtureThreadIsFoundByUrlUnderAValidKey) {
  std::size_t ran = 0;
  std::size_t found_by_url = 0;
  std::size_t votes_checked = 0;
  std::size_t voted = 0;  // of those, with a non-zero score in the source
  for (const auto& c : kCases) {
    const auto text = read_shared(std::string("datasets/threads/") + c.fixture);
    if (!text) continue;
    import::ImportOptions options;
    options.lenient = c.lenient;
    auto imported = import::import_from(c.source, *text, options);
    if (!imported) {  // a malformed fixture: refused with a reason, not a crash
      EXPECT_FALSE(imported.error().message.empty()) << c.fixture;
      continue;
    }
    ++ran;
    TempDir dir;
    auto config = test_config(dir);
    std::unordered_map<std::string, std::unordered_map<std::string, const Comment*>> stored_ids;  // key -> new id
    {
      auto store = server::open_storage(config.db_path, {"normal"});
      ASSERT_TRUE(store.ok()) << store.error().message;
      std::vector<server::KeyMapping> mapped;
      auto n = server::import_into(**store, *imported, &mapped);
      ASSERT_TRUE(n.ok()) << c.fixture << ": " << n.error().message;
      for (const auto& m : mapped) EXPECT_TRUE(is_valid_thread_key(m.key)) << c.fixture << ": " << m.key;
      for (const auto& thread : imported->threads) {
        const std::string key = thread_key_for(thread.key);
        std::unordered_map<std::string, const Comment*> by_source_id;
        for (const auto& comment : thread.comments) by_source_id.emplace(comment.id, &comment);
        auto stored = (*store)->load_thread(key);
        ASSERT_TRUE(stored.ok());
        for (const auto& comment : *stored) {
          const auto src = by_source_id.find(comment.external_id);
          ASSERT_NE(src, by_source_id.end()) << c.fixture << ": " << comment.external_id;
          stored_ids[key][comment.id] = src->second;
        }
      }
    }
    InProcessServer server(config);
    auto client = server.client();
    for (const auto& thread : imported->threads) {
      const std::string key = thread_key_for(thread.key);
      auto by_key = client->Get("/api/threads/" + key);
      ASSERT_TRUE(by_key) << c.fixture;
      ASSERT_EQ(by_key->status, 200) << c.fixture << ": " << key << ": " << by_key->body;
      std::size_t published = 0;
      for (const auto& comment : thread.comments) published += comment.status == Status::published;
      EXPECT_EQ(body_json(by_key)["comments"], published) << c.fixture << ": " << key;
      // Votes and parent links as the source has them, on the page the API serves.
      const auto& by_new_id = stored_ids[key];
      auto page = client->Get("/api/threads/" + key + "/comments?per_page=1000&max_depth=0");
      ASSERT_TRUE(page) << c.fixture;
      ASSERT_EQ(page->status, 200) << c.fixture << ": " << page->body.substr(0, 300);
      for (const auto& shown : flatten_page(body_json(page))) {
        const auto it = by_new_id.find(shown["id"].get<std::string>());
        ASSERT_NE(it, by_new_id.end()) << c.fixture << ": page shows unknown comment " << shown["id"];
        const Comment& src = *it->second;
        if (shown["status"] == "deleted") continue;  // a tombstone shows no votes
        const std::int64_t want = (src.up || src.down) ? src.up - src.down : src.score;
        EXPECT_EQ(shown["score"], want) << c.fixture << ": " << src.id;
        voted += want != 0;
        if (!src.parent.empty() && shown["parent"].is_string()) {
          const auto parent = by_new_id.find(shown["parent"].get<std::string>());
          ASSERT_NE(parent, by_new_id.end()) << c.fixture;
          EXPECT_EQ(parent->second->id, src.parent) << c.fixture << ": " << src.id;
        }
        ++votes_checked;
      }
      auto url = normalise_url(thread.url.empty() ? thread.key : thread.url);
      if (!url) continue;  // a thread named by neither a key-like URL nor a page URL
      for (const auto& spelling : {*url, thread.url.empty() ? thread.key : thread.url}) {
        auto by_url = client->Get("/api/threads?url=" + url_encode(spelling));
        ASSERT_TRUE(by_url) << c.fixture;
        ASSERT_EQ(by_url->status, 200) << c.fixture << ": " << spelling << ": " << by_url->body;
        EXPECT_EQ(body_json(by_url)["key"], key) << c.fixture << ": " << spelling;
        EXPECT_EQ(body_json(by_url)["url"], *url) << c.fixture;
        ++found_by_url;
      }
    }
  }
  if (ran == 0) GTEST_SKIP() << "../shared/datasets/threads is absent";
  std::cerr << ran << " fixtures imported, " << found_by_url << " thread URL spellings found, " << votes_checked
            << " comments checked (score, parent), " << voted << " with votes\n";
  EXPECT_GT(found_by_url, 0u);
  if (read_shared("datasets/threads/remark42-radiot-tree_bench.json")) {
    EXPECT_GT(voted, 0u);
  }
}

TEST(ThreadUrl, LookupNormalisesAndRefusesGarbage) {
  TempDir dir;
  auto config = test_config(dir);
  {
    auto store = server::open_storage(config.db_path, {"normal"});
    ASSERT_TRUE(store.ok());
    import::ImportResult imported;
    import::ImportedThread t;
    t.key = "https://Radio-T.com/p/576/";
    Comment c;
    c.id = "a1";
    c.author = "Ann";
    c.body = "hi";
    c.created_ms = 1000;
    t.comments.push_back(c);
    imported.threads.push_back(t);
    std::vector<server::KeyMapping> mapped;
    ASSERT_TRUE(server::import_into(**store, imported, &mapped).ok());
    ASSERT_EQ(mapped.size(), 1u);
    EXPECT_EQ(mapped[0].source, t.key);
    EXPECT_EQ(mapped[0].key, thread_key_for(t.key));
  }
  InProcessServer server(config);
  auto client = server.client();
  auto found = client->Get("/api/threads?url=" + url_encode("HTTPS://radio-t.com:443/p/576?utm_source=x#c"));
  ASSERT_TRUE(found);
  ASSERT_EQ(found->status, 200) << found->body;
  EXPECT_EQ(body_json(found)["url"], "https://radio-t.com/p/576");
  EXPECT_EQ(body_json(found)["comments"], 1);
  EXPECT_EQ(body_json(found)["exists"], true);
  auto missing = client->Get("/api/threads?url=" + url_encode("https://radio-t.com/p/577"));
  ASSERT_TRUE(missing);
  ASSERT_EQ(missing->status, 200) << missing->body;
  EXPECT_EQ(body_json(missing)["exists"], false);
  EXPECT_EQ(body_json(missing)["comments"], 0);
  for (const std::string bad : {"", "ftp%3A%2F%2Fx%2F", "not-a-url"}) {
    auto refused = client->Get("/api/threads?url=" + bad);
    ASSERT_TRUE(refused);
    EXPECT_EQ(refused->status, 400) << bad;
    EXPECT_EQ(body_json(refused)["code"], "invalid_url") << bad << ": " << refused->body;
  }
}

TEST(ThreadUrl, AroundResolvesOriginalIds) {
  TempDir dir;
  auto config = test_config(dir);
  import::ImportResult imported;
  import::ImportedThread t;
  t.key = "post-7";
  for (int i = 0; i < 30; ++i) {  // 30 top-level comments: with per_page=5 the last is on page 6
    Comment c;
    c.id = "orig-" + std::to_string(i);
    c.author = "Ann";
    c.body = "comment " + std::to_string(i);
    c.created_ms = 1000 + i;
    t.comments.push_back(c);
  }
  imported.threads.push_back(t);
  {
    auto store = server::open_storage(config.db_path, {"normal"});
    ASSERT_TRUE(store.ok());
    ASSERT_TRUE(server::import_into(**store, imported).ok());
  }
  InProcessServer server(config);
  auto client = server.client();
  auto page = client->Get("/api/threads/post-7/comments?per_page=5&around=orig-29");
  ASSERT_TRUE(page);
  ASSERT_EQ(page->status, 200) << page->body;
  std::string stored_id;
  for (const auto& c : flatten_page(body_json(page)))
    if (c["body"] == "comment 29") stored_id = c["id"];
  ASSERT_FALSE(stored_id.empty()) << page->body;
  EXPECT_NE(stored_id, "orig-29");
  // The page names the comment it is around by its stored id, which the widget focuses.
  EXPECT_EQ(body_json(page)["around"], stored_id) << page->body.substr(0, 200);
  auto by_id = client->Get("/api/threads/post-7/comments?per_page=5&around=" + stored_id);
  ASSERT_TRUE(by_id);
  EXPECT_EQ(by_id->body, page->body) << "the original id and the stored id give the same page";
  auto first = client->Get("/api/threads/post-7/comments?per_page=5");
  ASSERT_TRUE(first);
  EXPECT_EQ(first->body.find("comment 29"), std::string::npos) << "page 1 should not hold the last comment";
  auto unknown = client->Get("/api/threads/post-7/comments?around=orig-99");
  ASSERT_TRUE(unknown);
  EXPECT_EQ(unknown->status, 404) << unknown->body;
}

// The issue's own steps: `soundoff serve --import` of the Remark42 backup, then
// the page found by its URL as the widget would spell it, votes and all.
TEST(ThreadUrl, ServeImportOfRemark42IsReachableByItsPageUrl) {
  const auto text = read_shared("datasets/threads/remark42-radiot-tree_bench.json");
  if (!text) GTEST_SKIP() << "../shared/datasets/threads/remark42-radiot-tree_bench.json is absent";
  TempDir dir;
  const std::string path = dir.file("remark42.json");
  std::ofstream(path) << *text;
  ServeProcess server({"--db", test_database(dir, "r.db"), "--import", path, "--import-from", "remark42"});
  auto client = server.client();
  auto thread = client->Get("/api/threads?url=" + url_encode("https://Radio-T.com/p/2017/12/16/podcast-576/#remark42"));
  ASSERT_TRUE(thread);
  ASSERT_EQ(thread->status, 200) << thread->body;
  const std::string key = body_json(thread)["key"];
  EXPECT_TRUE(is_valid_thread_key(key)) << key;
  EXPECT_EQ(body_json(thread)["url"], "https://radio-t.com/p/2017/12/16/podcast-576");
  auto page = client->Get("/api/threads/" + key + "/comments?per_page=1000&max_depth=0&sort=top");
  ASSERT_TRUE(page);
  ASSERT_EQ(page->status, 200) << page->body.substr(0, 300);
  const auto shown = flatten_page(body_json(page));
  EXPECT_GT(shown.size(), 0u);
  std::int64_t votes = 0;
  for (const auto& c : shown) votes += c["up"].get<std::int64_t>() + c["down"].get<std::int64_t>();
  EXPECT_GT(votes, 0) << "the backup's votes did not arrive";
}

// A page with no thread yet (issue 22, the widget's data-soundoff-url): the
// lookup names the key to post under, and the first published comment that
// sends the page's URL and title registers them.
TEST(ThreadUrl, FirstPublishedCommentRegistersItsPage) {
  TempDir dir;
  auto config = test_config(dir);
  config.admin_token = "correct-horse-battery-staple-0123456789";
  InProcessServer server(config);
  auto client = server.client();
  const std::string page = "https://News.example/2013/06/syria-talks/?utm_source=feed#comments";
  const std::string normalised = "https://news.example/2013/06/syria-talks";
  auto before = client->Get("/api/threads?url=" + url_encode(page));
  ASSERT_TRUE(before);
  ASSERT_EQ(before->status, 200) << before->body;
  EXPECT_EQ(body_json(before)["exists"], false);
  EXPECT_EQ(body_json(before)["title"], "");
  const std::string key = body_json(before)["key"];
  EXPECT_EQ(key, thread_key_for(normalised));
  EXPECT_EQ(body_json(before)["url"], normalised);

  const auto post = [&](const nlohmann::json& fields) {
    nlohmann::json comment = {{"author", "saywhat"}, {"body", "First on this page."}};
    comment.update(fields);
    return post_json(*client, "/api/threads/" + key + "/comments", comment.dump());
  };
  // Refused: another page's URL, a URL without a title's companion, bad types.
  struct Refused {
    nlohmann::json fields;
    const char* field;
    const char* code;
  };
  const Refused refused[] = {
      {{{"thread_url", "https://news.example/2013/06/other-story"}}, "thread_url", "not_this_thread"},
      {{{"thread_title", "Syria talks"}}, "thread_title", "without_url"},
      {{{"thread_url", 7}}, "thread_url", "wrong_type"},
      {{{"thread_url", "ftp://news.example/x"}}, "thread_url", "invalid_url"},
      {{{"thread_url", page}, {"thread_title", "Syria\ntalks"}}, "thread_title", "invalid_title"},
  };
  for (const auto& r : refused) {
    auto res = post(r.fields);
    ASSERT_TRUE(res);
    ASSERT_EQ(res->status, 400) << r.fields.dump() << ": " << res->body;
    EXPECT_EQ(body_json(res)["fields"][r.field]["code"], r.code) << res->body;
  }
  auto none = client->Get("/api/threads?url=" + url_encode(page));
  ASSERT_TRUE(none);
  EXPECT_EQ(body_json(none)["exists"], false) << "a refused comment registered the page";

  auto first = post({{"thread_url", page}, {"thread_title", "Russia calls for talks in Moscow on Syria"}});
  ASSERT_TRUE(first);
  ASSERT_EQ(first->status, 201) << first->body;
  ASSERT_EQ(body_json(first)["status"], "published");
  auto second = post({{"thread_url", page}, {"thread_title", "A title someone else sent"}, {"body", "Second."}});
  ASSERT_TRUE(second);
  ASSERT_EQ(second->status, 201) << second->body;

  auto found = client->Get("/api/threads?url=" + url_encode("http://news.example:80/2013/06/syria-talks/"));
  ASSERT_TRUE(found);
  EXPECT_EQ(body_json(found)["exists"], false) << "http and https are different pages";
  found = client->Get("/api/threads?url=" + url_encode(normalised + "/"));
  ASSERT_TRUE(found);
  ASSERT_EQ(found->status, 200) << found->body;
  EXPECT_EQ(body_json(found)["exists"], true);
  EXPECT_EQ(body_json(found)["key"], key);
  EXPECT_EQ(body_json(found)["url"], normalised);
  EXPECT_EQ(body_json(found)["title"], "Russia calls for talks in Moscow on Syria") << "the first title stands";
  EXPECT_EQ(body_json(found)["comments"], 2);

  // The moderators can see which comment titled the thread.
  auto audit = client->Get("/api/admin/audit", {{"Authorization", "Bearer " + config.admin_token}});
  ASSERT_TRUE(audit);
  const auto entries = body_json(audit)["entries"];
  ASSERT_EQ(entries.size(), 1u) << audit->body;
  EXPECT_EQ(entries[0]["action"], "thread.register");
  EXPECT_EQ(entries[0]["actor"], "author");
  EXPECT_EQ(entries[0]["via"], "first_comment");
  EXPECT_EQ(entries[0]["target"], key);
  EXPECT_EQ(entries[0]["detail"]["comment"], body_json(first)["id"]);
  EXPECT_EQ(entries[0]["detail"]["url"], normalised);
}

// A held comment names no page: a spammer's first post cannot title the thread.
TEST(ThreadUrl, HeldCommentDoesNotRegisterItsPage) {
  TempDir dir;
  auto config = test_config(dir);
  config.hold_all = true;
  InProcessServer server(config);
  auto client = server.client();
  const std::string page = "https://news.example/2013/06/held";
  const nlohmann::json comment = {
      {"author", "flood"}, {"body", "cheap pills"}, {"thread_url", page}, {"thread_title", "BUY CHEAP PILLS"}};
  auto res = post_json(*client, "/api/threads/" + thread_key_for(page) + "/comments", comment.dump());
  ASSERT_TRUE(res);
  ASSERT_EQ(res->status, 201) << res->body;
  EXPECT_EQ(body_json(res)["status"], "pending");
  auto found = client->Get("/api/threads?url=" + url_encode(page));
  ASSERT_TRUE(found);
  ASSERT_EQ(found->status, 200) << found->body;
  // The thread exists (its held comment), under the page's key, with no URL or title registered.
  EXPECT_EQ(body_json(found)["key"], thread_key_for(page));
  EXPECT_EQ(body_json(found)["url"], "") << found->body;
  EXPECT_EQ(body_json(found)["title"], "") << found->body;
  EXPECT_EQ(body_json(found)["comments"], 0);
}

// A server with the moderators' token, for registering threads by hand.
class ThreadUrlRegistry : public ::testing::Test {
 protected:
  void SetUp() override {
    auto config = test_config(dir_);
    config.admin_token = "correct-horse-battery-staple-0123456789";
    admin_ = {{"Authorization", "Bearer " + config.admin_token}};
    server_ = std::make_unique<InProcessServer>(config);
    client_ = server_->client();
  }
  // POST /api/admin/threads, expecting 200.
  void register_thread(const std::string& key, const std::string& url) {
    auto res = post_json(*client_, "/api/admin/threads",
                         nlohmann::json{{"key", key}, {"title", "Hello"}, {"url", url}}.dump(), admin_);
    ASSERT_TRUE(res);
    ASSERT_EQ(res->status, 200) << res->body;
  }
  nlohmann::json lookup(const std::string& url) {
    return body_json(client_->Get("/api/threads?url=" + url_encode(url)));
  }
  TempDir dir_;
  httplib::Headers admin_;
  std::unique_ptr<InProcessServer> server_;
  std::unique_ptr<httplib::Client> client_;
};

// A thread a moderator registered under a key of its own is found by its URL
// through the index, and a changed URL moves with it.
TEST_F(ThreadUrlRegistry, AModeratorsKeyIsFoundByItsUrlAndFollowsAChange) {
  EXPECT_EQ(lookup("https://blog.example/2019/hello")["exists"], false);  // builds the index, empty
  register_thread("wp-42", "https://Blog.example/2019/hello/");
  EXPECT_EQ(lookup("https://blog.example/2019/hello")["key"], "wp-42");
  register_thread("wp-42", "https://blog.example/2019/hello-world");
  EXPECT_EQ(lookup("https://blog.example/2019/hello")["exists"], false) << "the old URL is no longer this thread's";
  EXPECT_EQ(lookup("https://blog.example/2019/hello-world/?utm_medium=x")["key"], "wp-42");
}

// POST /api/counts by page URL (count.js's data-soundoff-count-url): the thread registered with the URL, else the
// URL's own key; URLs are answered as sent.
TEST_F(ThreadUrlRegistry, CountsByPageUrl) {
  register_thread("wp-42", "https://blog.example/2019/hello");
  const auto comment = [&](const std::string& key, const std::string& author, const std::string& body) {
    auto res = post_json(*client_, "/api/threads/" + key + "/comments",
                         nlohmann::json{{"author", author}, {"body", body}}.dump());
    ASSERT_TRUE(res);
    ASSERT_EQ(res->status, 201) << res->body;
    ASSERT_EQ(body_json(res)["status"], "published") << res->body;
  };
  comment("wp-42", "Ann", "Hello there, a first comment.");
  comment("wp-42", "Bob", "And a reply of sorts from me.");
  comment(thread_key_for("https://blog.example/2019/second"), "Cy", "The second post is better.");
  const nlohmann::json ask = {{"threads", {"wp-42"}},
                              {"urls",
                               {"https://Blog.example/2019/hello/?utm_source=x", "https://blog.example/2019/second",
                                "https://blog.example/none"}}};
  auto res = post_json(*client_, "/api/counts", ask.dump());
  ASSERT_TRUE(res);
  ASSERT_EQ(res->status, 200) << res->body;
  const auto answer = body_json(res);
  EXPECT_EQ(answer["counts"]["wp-42"], 2);
  EXPECT_EQ(answer["url_counts"]["https://Blog.example/2019/hello/?utm_source=x"], 2);
  EXPECT_EQ(answer["url_counts"]["https://blog.example/2019/second"], 1);
  EXPECT_EQ(answer["url_counts"]["https://blog.example/none"], 0);

  auto bad = post_json(*client_, "/api/counts", R"({"urls":["https://blog.example/a","ftp://x/"]})");
  ASSERT_TRUE(bad);
  EXPECT_EQ(bad->status, 400);
  EXPECT_EQ(body_json(bad)["code"], "invalid_url");
  EXPECT_NE(body_json(bad)["message"].get<std::string>().find("urls[1]"), std::string::npos) << bad->body;
  nlohmann::json many = {{"threads", nlohmann::json::array()}, {"urls", nlohmann::json::array()}};
  for (int i = 0; i < 150; ++i) many["threads"].push_back("t" + std::to_string(i));
  for (int i = 0; i < 51; ++i) many["urls"].push_back("https://blog.example/" + std::to_string(i));
  auto too_many = post_json(*client_, "/api/counts", many.dump());
  ASSERT_TRUE(too_many);
  EXPECT_EQ(too_many->status, 400) << "201 names in all";
}

// Another instance's registration reaches the index per key (Storage::watch_settings calls forget).
TEST(ThreadUrlIndex, ReReadsAKeyAnotherInstanceChanged) {
  TempDir dir;
  auto store = server::open_storage(dir.file("index.db"), {"normal"});
  ASSERT_TRUE(store.ok());
  ASSERT_TRUE((*store)->register_thread("wp-1", "One", "https://blog.example/one", 1000).ok());
  server::ThreadUrlIndex index;
  auto one = index.find(**store, "https://blog.example/one");
  ASSERT_TRUE(one.ok());
  EXPECT_EQ(one->value_or(""), "wp-1");
  ASSERT_TRUE((*store)->register_thread("wp-2", "Two", "https://blog.example/two/", 2000).ok());
  auto missed = index.find(**store, "https://blog.example/two");
  ASSERT_TRUE(missed.ok());
  EXPECT_FALSE(missed->has_value()) << "built once: a write it was not told of is not seen";
  index.forget("wp-2");
  auto two = index.find(**store, "https://blog.example/two");
  ASSERT_TRUE(two.ok());
  EXPECT_EQ(two->value_or(""), "wp-2");
  ASSERT_TRUE((*store)->register_thread("wp-3", "Three", "https://blog.example/three", 3000).ok());
  index.forget_all();
  auto three = index.find(**store, "https://blog.example/three");
  ASSERT_TRUE(three.ok());
  EXPECT_EQ(three->value_or(""), "wp-3");
  EXPECT_EQ(index.find(**store, "https://blog.example/one")->value_or(""), "wp-1");
}

// The deliberately malformed fixture: a strict `serve --import` refuses it
// with the record and the reason, exits with an error and writes nothing.
TEST(ThreadUrl, StrictServeImportOfTheMalformedFixtureSaysWhy) {
  const auto text = read_shared("datasets/threads/remark42-disqus.xml");
  if (!text) GTEST_SKIP() << "../shared/datasets/threads/remark42-disqus.xml is absent";
  TempDir dir;
  std::ofstream(dir.file("bad.xml")) << *text;
  const std::string cmd = soundoff_binary() + " serve --db " + dir.file("bad.db") + " --port 0 --import " +
                          dir.file("bad.xml") + " --import-from disqus >" + dir.file("out.txt") + " 2>&1";
  const int status = std::system(cmd.c_str());
  ASSERT_TRUE(WIFEXITED(status)) << "the server crashed";
  EXPECT_NE(WEXITSTATUS(status), 0);
  const auto out = read_file(dir.file("out.txt"));
  ASSERT_TRUE(out.has_value());
  EXPECT_NE(out->find("XML syntax error at line 147"), std::string::npos) << *out;
}

}  // namespace
}  // namespace soundoff::test
