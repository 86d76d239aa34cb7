// Authors editing and deleting their own comment over real HTTP (issue 21):
// the edit key a POST answers, PATCH and DELETE with it in the header, the
// edit window, the re-run spam check, tombstones and the page's `edited`.
#include <gtest/gtest.h>

#include "server/edit_key.h"
#include "server/server_harness.h"
#include "server/storage.h"

namespace soundoff::test {
namespace {

using nlohmann::json;

const std::string kThread = "own-article";
const std::string kPath = "/api/threads/" + kThread + "/comments";

httplib::Headers with_key(const std::string& key) { return {{"X-Soundoff-Edit-Key", key}}; }

class OwnComments : public ::testing::Test {
 protected:
  // The server starts on first use, so a test can seed the database first.
  InProcessServer& server() {
    if (!server_) server_ = std::make_unique<InProcessServer>(config_);
    return *server_;
  }
  json post(const std::string& body, const std::string& parent = "") {
    json j = {{"author", "Ann"}, {"body", body}};
    if (!parent.empty()) j["parent"] = parent;
    auto res = post_json(*server().client(), kPath, j.dump());
    EXPECT_TRUE(res && res->status == 201) << (res ? res->body : "no response");
    return body_json(res);
  }
  httplib::Result patch(const std::string& id, const std::string& body, const httplib::Headers& headers,
                        const std::string& path = kPath) {
    return server().client()->Patch(path + "/" + id, headers, json{{"body", body}}.dump(), "application/json");
  }
  httplib::Result remove(const std::string& id, const httplib::Headers& headers, const std::string& path = kPath) {
    return server().client()->Delete(path + "/" + id, headers);
  }
  json page() { return body_json(server().client()->Get(kPath + "?per_page=100")); }

  // A comment "old words" posted 20 minutes ago with an edit key we know,
  // written before the server starts. Its id, or "" (with a failure) if the
  // database refused it.
  std::string seed_old_comment(const std::string& key) {
    auto store = server::open_storage(config_.db_path);
    if (!store) {
      ADD_FAILURE() << store.error().message;
      return "";
    }
    const auto now =
        std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::system_clock::now().time_since_epoch())
            .count();
    auto stored = (*store)->insert(server::NewComment{.thread = kThread,
                                                      .author = "Ann",
                                                      .body = "old words",
                                                      .ip = "127.0.0.1",
                                                      .created_ms = now - 20 * 60 * 1000,
                                                      .edit_key_hash = server::edit_key_hash(key)});
    if (!stored) {
      ADD_FAILURE() << stored.error().message;
      return "";
    }
    return stored->id;
  }

  TempDir dir_;
  server::ServerConfig config_ = test_config(dir_);
  std::unique_ptr<InProcessServer> server_;
};

TEST_F(OwnComments, APostAnswersARandomEditKeyOfAtLeast128BitsAndOnlyItsHashIsStored) {
  const json a = post("first");
  const json b = post("second");
  ASSERT_TRUE(a["edit_key"].is_string());
  const std::string key = a["edit_key"];
  EXPECT_GE(key.size(), 32u);  // hex: 4 bits a digit
  EXPECT_EQ(key.find_first_not_of("0123456789abcdef"), std::string::npos);
  EXPECT_NE(a["edit_key"], b["edit_key"]);
  EXPECT_TRUE(a["editable_until"].is_string());
  server_.reset();
  auto store = server::open_storage(config_.db_path);
  ASSERT_TRUE(store) << store.error().message;
  const auto hash = (*store)->edit_key_hash(kThread, a["id"]);
  ASSERT_TRUE(hash);
  EXPECT_EQ(*hash, server::edit_key_hash(key));
  EXPECT_NE(*hash, key);
}

TEST_F(OwnComments, TheAuthorEditsWithTheKeyAndThePageShowsEditedWithANewETag) {
  const json c = post("frist!");
  const std::string id = c["id"];
  auto before = server().client()->Get(kPath);
  ASSERT_TRUE(before && before->status == 200);
  const std::string etag = before->get_header_value("ETag");

  auto res = patch(id, "first!", with_key(c["edit_key"]));
  ASSERT_TRUE(res);
  ASSERT_EQ(res->status, 200) << res->body;
  EXPECT_EQ(body_json(res)["status"], "published");
  EXPECT_TRUE(body_json(res)["edited"].is_string());

  auto after = server().client()->Get(kPath, {{"If-None-Match", etag}});
  ASSERT_TRUE(after);
  EXPECT_EQ(after->status, 200) << "the old ETag must no longer match";
  const json item = body_json(after)["items"][0];
  EXPECT_EQ(item["body"], "first!");
  ASSERT_TRUE(item["edited"].is_string());
  EXPECT_EQ(item["edited"].get<std::string>().back(), 'Z');  // ISO 8601, as `created`
}

TEST_F(OwnComments, WithoutAKeyIs401AndAWrongKeyIs403AndNothingChanges) {
  const json c = post("original");
  const std::string id = c["id"];
  auto none = patch(id, "changed", {});
  ASSERT_TRUE(none);
  EXPECT_EQ(none->status, 401);
  EXPECT_EQ(body_json(none)["code"], "edit_key_required");
  auto none_delete = remove(id, {});
  ASSERT_TRUE(none_delete);
  EXPECT_EQ(none_delete->status, 401);

  const std::string other = post("someone else's")["edit_key"];
  auto wrong = patch(id, "changed", with_key(other));
  ASSERT_TRUE(wrong);
  EXPECT_EQ(wrong->status, 403);
  EXPECT_EQ(body_json(wrong)["code"], "wrong_edit_key");
  auto wrong_delete = remove(id, with_key(other));
  ASSERT_TRUE(wrong_delete);
  EXPECT_EQ(wrong_delete->status, 403);
  EXPECT_EQ(page()["items"][0]["body"], "original");
  EXPECT_EQ(page()["total"], 2);
}

TEST_F(OwnComments, TheRightKeyOnAnotherThreadIs403AndAnUnknownCommentIs404) {
  const json c = post("here");
  const std::string id = c["id"];
  auto elsewhere = patch(id, "moved", with_key(c["edit_key"]), "/api/threads/another-article/comments");
  ASSERT_TRUE(elsewhere);
  EXPECT_EQ(elsewhere->status, 403);
  EXPECT_EQ(body_json(elsewhere)["code"], "wrong_thread");
  auto elsewhere_delete = remove(id, with_key(c["edit_key"]), "/api/threads/another-article/comments");
  ASSERT_TRUE(elsewhere_delete);
  EXPECT_EQ(elsewhere_delete->status, 403);

  auto unknown = patch("999999", "x", with_key(c["edit_key"]));
  ASSERT_TRUE(unknown);
  EXPECT_EQ(unknown->status, 404);
  auto nonsense = remove("not-a-number", with_key(c["edit_key"]));
  ASSERT_TRUE(nonsense);
  EXPECT_EQ(nonsense->status, 404);
}

TEST_F(OwnComments, AKeyInTheQueryStringIsRefused) {
  const json c = post("keep me");
  const std::string id = c["id"];
  const std::string key = c["edit_key"];
  auto res =
      server().client()->Patch(kPath + "/" + id + "?edit_key=" + key, json{{"body", "x"}}.dump(), "application/json");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 400);
  EXPECT_EQ(body_json(res)["code"], "key_in_url");
  auto del = server().client()->Delete(kPath + "/" + id + "?key=" + key);
  ASSERT_TRUE(del);
  EXPECT_EQ(del->status, 400);
  EXPECT_EQ(page()["items"][0]["body"], "keep me");
}

TEST_F(OwnComments, AnEditIsValidatedAsAPostIs) {
  const json c = post("fine");
  auto empty = patch(c["id"], "   ", with_key(c["edit_key"]));
  ASSERT_TRUE(empty);
  EXPECT_EQ(empty->status, 400);
  EXPECT_EQ(body_json(empty)["code"], "invalid_comment");
  EXPECT_TRUE(body_json(empty)["fields"].contains("body"));
  auto long_body = patch(c["id"], std::string(config_.max_comment_bytes + 1, 'a'), with_key(c["edit_key"]));
  ASSERT_TRUE(long_body);
  EXPECT_EQ(long_body->status, 400);
}

TEST_F(OwnComments, AnEditThatBecomesSpamIsHeld) {
  const json c = post("a calm remark");
  auto res =
      patch(c["id"], "see http://a.example/one and http://b.example/two for the full story", with_key(c["edit_key"]));
  ASSERT_TRUE(res);
  ASSERT_EQ(res->status, 200) << res->body;
  EXPECT_EQ(body_json(res)["status"], "pending");
  EXPECT_EQ(page()["total"], 0) << "a held comment is not shown to readers";
}

TEST_F(OwnComments, DeleteWithoutRepliesRemovesItAndWithRepliesLeavesATombstone) {
  const json lonely = post("nobody answers me");
  auto gone = remove(lonely["id"], with_key(lonely["edit_key"]));
  ASSERT_TRUE(gone);
  ASSERT_EQ(gone->status, 200) << gone->body;
  EXPECT_EQ(body_json(gone)["tombstone"], false);
  EXPECT_EQ(page()["total"], 0);

  const json parent = post("answer me");
  const json reply = post("here you are", parent["id"]);
  auto stone = remove(parent["id"], with_key(parent["edit_key"]));
  ASSERT_TRUE(stone);
  ASSERT_EQ(stone->status, 200) << stone->body;
  EXPECT_EQ(body_json(stone)["tombstone"], true);
  const json p = page();
  ASSERT_EQ(p["items"].size(), 1u);
  const json& item = p["items"][0];
  EXPECT_EQ(item["id"], parent["id"]);
  EXPECT_EQ(item["tombstone"], true);
  EXPECT_EQ(item["status"], "deleted");
  EXPECT_TRUE(item["author"].is_null());
  EXPECT_TRUE(item["body"].is_null());
  ASSERT_EQ(item["children"].size(), 1u);
  EXPECT_EQ(item["children"][0]["id"], reply["id"]);
  EXPECT_EQ(p.dump().find("answer me"), std::string::npos);

  auto again = remove(parent["id"], with_key(parent["edit_key"]));
  ASSERT_TRUE(again);
  EXPECT_EQ(again->status, 404);
  auto edit_stone = patch(parent["id"], "back", with_key(parent["edit_key"]));
  ASSERT_TRUE(edit_stone);
  EXPECT_EQ(edit_stone->status, 404);
}

TEST_F(OwnComments, AfterTheWindowEditAndDeleteAre403WithTheWindowInTheMessage) {
  const std::string key = "00112233445566778899aabbccddeeff";
  const std::string id = seed_old_comment(key);
  ASSERT_FALSE(id.empty());
  auto edit = patch(id, "new words", with_key(key));
  ASSERT_TRUE(edit);
  EXPECT_EQ(edit->status, 403);
  EXPECT_EQ(body_json(edit)["code"], "edit_window_closed");
  EXPECT_NE(body_json(edit)["message"].get<std::string>().find("15 minutes"), std::string::npos);
  auto del = remove(id, with_key(key));
  ASSERT_TRUE(del);
  EXPECT_EQ(del->status, 403);
  EXPECT_EQ(page()["items"][0]["body"], "old words");
}

TEST_F(OwnComments, AWiderWindowLetsTheSameOldCommentChange) {
  config_.edit_window_minutes = 30;
  const std::string key = "ffeeddccbbaa99887766554433221100";
  const std::string id = seed_old_comment(key);
  ASSERT_FALSE(id.empty());
  auto edit = patch(id, "new words", with_key(key));
  ASSERT_TRUE(edit);
  EXPECT_EQ(edit->status, 200) << edit->body;
  EXPECT_EQ(page()["items"][0]["body"], "new words");
}

TEST_F(OwnComments, WindowZeroTurnsOwnEditingOff) {
  config_.edit_window_minutes = 0;
  const json c = post("permanent");
  EXPECT_FALSE(c.contains("edit_key"));
  auto res = remove(c["id"], with_key("anything"));
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 403);
  EXPECT_EQ(body_json(res)["code"], "editing_disabled");
}

TEST_F(OwnComments, ImportedCommentsHaveNoKeyAndCannotBeChanged) {
  {
    auto store = server::open_storage(config_.db_path);
    ASSERT_TRUE(store) << store.error().message;
    ASSERT_TRUE((*store)->insert(server::NewComment{.thread = kThread, .author = "Old", .body = "imported"}));
  }
  const std::string id = page()["items"][0]["id"];
  auto res = patch(id, "mine now", with_key(""));
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 401);
  res = patch(id, "mine now", with_key("0"));
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 403);
}

TEST_F(OwnComments, CorsPreflightAllowsPatchDeleteAndTheKeyHeader) {
  config_.cors_origins = {"https://news.example"};
  auto res = server().client()->Options(
      kPath + "/1", {{"Origin", "https://news.example"}, {"Access-Control-Request-Method", "PATCH"}});
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 204);
  EXPECT_NE(res->get_header_value("Access-Control-Allow-Methods").find("DELETE"), std::string::npos);
  EXPECT_NE(res->get_header_value("Access-Control-Allow-Headers").find("X-Soundoff-Edit-Key"), std::string::npos);
}

}  // namespace
}  // namespace soundoff::test
