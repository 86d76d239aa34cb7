// Account badges (docs/sso.md) over loopback: a signed-in reader's comment
// carries "verified", a staff role's "staff", an anonymous one nothing, and a
// body that claims a badge gets none. The badge shows in the page JSON and the
// server-rendered page, and `soundoff migrate` (copy_storage) and Soundoff's own
// export keep it — and the authors' edit keys — on both backends.
#include <gtest/gtest.h>

#include "import/importers.h"
#include "server/import_export.h"
#include "server/server_harness.h"
#include "server/storage_copy.h"

namespace soundoff::test {
namespace {

using nlohmann::json;

const std::string kThread = "badge-article";
const std::string kBadgeAdminToken = "badge-admin-token-0123456789abcdef0123456789";
const std::string kPath = "/api/threads/" + kThread + "/comments";

class AccountBadge : public ::testing::Test {
 protected:
  void start(const std::string& db) {
    auto c = test_config(dir_);
    c.db_path = db;
    c.spam_policy = SpamPolicy{};
    c.edit_window_minutes = 15;
    c.identity.mode = "optional";
    c.identity.algorithm = "HS256";
    c.identity.secret = "badge-secret-0123456789abcdef0123456789abcdef";
    c.identity.staff_roles = {"editor"};
    c.identity.demo_login = true;  // mints tokens through the same verifier as a site's
    c.admin_token = kBadgeAdminToken;
    server_ = std::make_unique<InProcessServer>(c);
  }
  std::string token(const std::string& name, bool staff) {
    const auto res = post_json(*server_->client(), "/demo/login", json{{"name", name}, {"staff", staff}}.dump());
    EXPECT_TRUE(res && res->status == 200) << (res ? res->body : "no response");
    return body_json(res).value("token", "");
  }
  json post(const json& body, const std::string& user_token = "") {
    httplib::Headers h;
    if (!user_token.empty()) h.emplace("X-Soundoff-User", user_token);
    const auto res = post_json(*server_->client(), kPath, body.dump(), h);
    EXPECT_TRUE(res && res->status == 201) << (res ? res->body : "no response");
    return body_json(res);
  }
  // The page's comments by author: what the widget is given.
  std::map<std::string, json> by_author() {
    std::map<std::string, json> out;
    for (const auto& c : flatten_page(body_json(server_->client()->Get(kPath)))) out[c["author"]] = c;
    return out;
  }
  // Posts one comment of each kind; returns the staff comment's id and edit key.
  std::pair<std::string, std::string> post_all_kinds() {
    post({{"author", "Anon Reader"}, {"body", "No account here."}, {"badge", "staff"}});
    post({{"author", "ignored"}, {"body", "Signed in."}, {"badge", "staff"}}, token("Vera Reader", false));
    const json staff = post({{"body", "From the newsroom."}}, token("Sam Editor", true));
    return {staff["id"], staff.value("edit_key", "")};
  }
  TempDir dir_;
  std::unique_ptr<InProcessServer> server_;
};

TEST_F(AccountBadge, TheServerSetsTheBadgeFromTheTokenNeverFromTheBody) {
  start(test_database(dir_, "badges.db"));
  post_all_kinds();
  auto comments = by_author();
  ASSERT_EQ(comments.size(), 3u);
  EXPECT_FALSE(comments["Anon Reader"].contains("badge")) << "an anonymous body claiming staff gets nothing";
  EXPECT_EQ(comments["Vera Reader"].value("badge", ""), "verified") << "signed in, no staff role";
  EXPECT_EQ(comments["Sam Editor"].value("badge", ""), "staff");
}

TEST_F(AccountBadge, TheServerRenderedPageShowsTheBadgeAsText) {
  start(test_database(dir_, "badges.db"));
  post_all_kinds();
  const auto res = server_->client()->Get("/embed/threads/" + kThread);
  ASSERT_TRUE(res && res->status == 200) << (res ? res->body : "no response");
  const std::string& html = res->body;
  EXPECT_NE(html.find("<span class=\"so-badge so-account-badge\" title=\"Staff\">Staff</span>"), std::string::npos)
      << html;
  EXPECT_NE(html.find("<span class=\"so-badge so-account-badge\" title=\"Signed-in reader\">Verified</span>"),
            std::string::npos);
  std::size_t badges = 0;
  for (auto at = html.find("so-account-badge"); at != std::string::npos; at = html.find("so-account-badge", at + 1))
    ++badges;
  EXPECT_EQ(badges, 2u) << "the anonymous comment has none";
}

// Moderators and feed readers see what readers see: the console's queue items
// and the Atom feeds carry the badge, the anonymous comment none.
TEST_F(AccountBadge, TheModeratorQueueAndTheFeedsCarryTheBadge) {
  start(test_database(dir_, "badges.db"));
  post_all_kinds();
  const httplib::Headers admin = {{"Authorization", "Bearer " + kBadgeAdminToken}};
  const auto queue = server_->client()->Get("/api/admin/queue/recent", admin);
  ASSERT_TRUE(queue && queue->status == 200) << (queue ? queue->body : "no response");
  std::map<std::string, json> badge_of;
  const json page = body_json(queue);  // kept: a range-for over a temporary's member would dangle
  for (const auto& item : page["comments"]) badge_of[item["author"]] = item["badge"];
  ASSERT_EQ(badge_of.size(), 3u) << queue->body;
  EXPECT_EQ(badge_of["Sam Editor"], "staff");
  EXPECT_EQ(badge_of["Vera Reader"], "verified");
  EXPECT_TRUE(badge_of["Anon Reader"].is_null());
  for (const std::string& path : {"/feed/threads/" + kThread + ".atom", std::string("/feed/recent.atom")}) {
    const auto feed = server_->client()->Get(path);
    ASSERT_TRUE(feed && feed->status == 200) << path;
    EXPECT_NE(feed->body.find("<category scheme=\"urn:soundoff:badge\" term=\"staff\"/>"), std::string::npos)
        << feed->body;
    EXPECT_NE(feed->body.find("<category scheme=\"urn:soundoff:badge\" term=\"verified\"/>"), std::string::npos);
    std::size_t categories = 0;
    for (auto at = feed->body.find("<category"); at != std::string::npos; at = feed->body.find("<category", at + 1))
      ++categories;
    EXPECT_EQ(categories, 2u) << path << ": the anonymous comment has none";
  }
}

TEST_F(AccountBadge, MigrateKeepsBadgesAndEditKeysBothWays) {
  // SQLite source; the copy goes to the backend under test (PostgreSQL in that run) and back to SQLite.
  const std::string source = "sqlite:" + dir_.file("source.db");
  start(source);
  const auto [id, key] = post_all_kinds();
  ASSERT_FALSE(key.empty()) << "editing is on: the POST answers an edit key";
  server_.reset();

  const std::string middle = test_database(dir_, "middle.db");
  const std::string back = "sqlite:" + dir_.file("back.db");
  {
    auto from = server::open_storage(source);
    auto to = server::open_storage(middle);
    ASSERT_TRUE(from && to);
    const auto copied = server::copy_storage(**from, **to);
    ASSERT_TRUE(copied) << copied.error().message;
    auto again = server::open_storage(back);
    ASSERT_TRUE(again);
    const auto returned = server::copy_storage(**to, **again);
    ASSERT_TRUE(returned) << returned.error().message;
  }
  for (const std::string& db : {middle, back}) {
    SCOPED_TRACE(db);
    start(db);
    auto comments = by_author();
    EXPECT_EQ(comments["Sam Editor"].value("badge", ""), "staff");
    EXPECT_EQ(comments["Vera Reader"].value("badge", ""), "verified");
    EXPECT_FALSE(comments["Anon Reader"].contains("badge"));
    // The author's edit key still works on the copy: its hash came along.
    std::string comment_path = kPath;
    comment_path += "/" + id;
    const auto wrong = server_->client()->Patch(comment_path, {{"X-Soundoff-Edit-Key", key + "x"}},
                                                json{{"body", "Wrong key."}}.dump(), "application/json");
    ASSERT_TRUE(wrong);
    EXPECT_EQ(wrong->status, 403) << wrong->body;
    const auto edit = server_->client()->Patch(comment_path, {{"X-Soundoff-Edit-Key", key}},
                                               json{{"body", "Corrected after the move."}}.dump(), "application/json");
    ASSERT_TRUE(edit);
    EXPECT_EQ(edit->status, 200) << edit->body;
    server_.reset();
  }
}

TEST_F(AccountBadge, SoundoffsOwnExportKeepsTheBadge) {
  const std::string db = test_database(dir_, "badges.db");
  start(db);
  post_all_kinds();
  server_.reset();
  auto store = server::open_storage(db);
  ASSERT_TRUE(store);
  const auto exported = server::export_all(**store);
  ASSERT_TRUE(exported) << exported.error().message;
  EXPECT_NE(exported->find(R"("author":"Sam Editor","badge":"staff")"), std::string::npos) << *exported;

  auto imported = import::import_soundoff(*exported);
  ASSERT_TRUE(imported) << imported.error().message;
  auto copy = server::open_storage(test_database(dir_, "restored.db"));
  ASSERT_TRUE(copy);
  ASSERT_TRUE(server::import_into(**copy, *imported));
  const auto restored = (*copy)->load_thread(kThread);
  ASSERT_TRUE(restored) << restored.error().message;
  std::map<std::string, std::string> badges;
  for (const auto& c : *restored) badges[c.author] = c.badge;
  EXPECT_EQ(badges, (std::map<std::string, std::string>{
                        {"Anon Reader", ""}, {"Vera Reader", "verified"}, {"Sam Editor", "staff"}}));
}

TEST_F(AccountBadge, AnImportedBadgeOtherThanTheServersIsRefusedWithItsRecordNamed) {
  const auto imported = import::import_soundoff(
      R"({"comments":[{"id":"1","author":"Eve","created":"2024-01-01T00:00:00Z","body":"hi","badge":"admin"}]})");
  ASSERT_FALSE(imported) << "a made-up badge is not imported";
  const std::string& message = imported.error().message;
  EXPECT_NE(message.find("comment #0 (id \"1\")"), std::string::npos) << message;
  EXPECT_NE(message.find("field 'badge'"), std::string::npos) << message;
  EXPECT_NE(message.find("\"admin\""), std::string::npos) << message;
}

}  // namespace
}  // namespace soundoff::test
