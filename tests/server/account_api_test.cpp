// The console's identity over real HTTP (docs/moderation-api.md, "Who may
// call" and "Audit log"): login, the session cookie and its flags, CSRF,
// roles, logout, expiry, login throttling, the users API, the audit log, and
// `soundoff user` / `soundoff export --audit` on the same database. Runs on
// both backends like the rest of the suite.
#include <gtest/gtest.h>
#include <sys/wait.h>

#include <chrono>
#include <cstdio>
#include <fstream>
#include <functional>
#include <regex>
#include <thread>

#include "server/passwords.h"
#include "server/server_harness.h"
#include "server/storage.h"

namespace soundoff::test {
namespace {

using nlohmann::json;

const std::string kToken = "correct-horse-battery-staple-0123456789";
const httplib::Headers kBearer = {{"Authorization", "Bearer " + kToken}};
const std::string kAdaPassword = "ada-lovelace-1815";

// What a browser holds after login: the cookie value and the CSRF token.
struct Session {
  std::string cookie;  // the soundoff_session value
  std::string csrf;
  httplib::Headers reading() const { return {{"Cookie", "soundoff_session=" + cookie}}; }
  httplib::Headers writing() const { return {{"Cookie", "soundoff_session=" + cookie}, {"X-CSRF-Token", csrf}}; }
};

std::string cookie_value(const std::string& set_cookie) {
  std::smatch m;
  return std::regex_search(set_cookie, m, std::regex("^soundoff_session=([^;]*)")) ? m[1].str() : "";
}

class AccountApi : public ::testing::Test {
 protected:
  void start(const std::function<void(server::ServerConfig&)>& adjust = nullptr) {
    auto c = test_config(dir_);
    c.admin_token = kToken;
    c.hold_all = true;
    c.login_limit = {600, 100};  // tests that are not about throttling fail logins freely
    if (adjust) adjust(c);
    server_ = std::make_unique<InProcessServer>(c);
  }
  std::unique_ptr<httplib::Client> client() const { return server_->client(); }

  httplib::Result add_user(const std::string& name, const std::string& role, const std::string& password,
                           const httplib::Headers& as = kBearer) {
    return post_json(*client(), "/api/admin/users", json{{"name", name}, {"role", role}, {"password", password}}.dump(),
                     as);
  }
  httplib::Result login_raw(const std::string& name, const std::string& password, const httplib::Headers& h = {}) {
    return post_json(*client(), "/api/admin/login", json{{"name", name}, {"password", password}}.dump(), h);
  }
  Session login(const std::string& name, const std::string& password) {
    auto res = login_raw(name, password);
    EXPECT_TRUE(res);
    if (!res) return {};
    EXPECT_EQ(res->status, 200) << res->body;
    return {cookie_value(res->get_header_value("Set-Cookie")), body_json(res).value("csrf", "")};
  }
  std::string post_comment() {
    auto res = post_json(*client(), "/api/threads/desk-1/comments", R"({"author":"Reader","body":"hold me"})");
    return res && res->status == 201 ? body_json(res)["id"].get<std::string>() : "";
  }
  json audit(const std::string& query = "") {
    return body_json(client()->Get(("/api/admin/audit" + query).c_str(), kBearer));
  }

  TempDir dir_;
  std::unique_ptr<InProcessServer> server_;
};

TEST_F(AccountApi, LoginSetsAStrictHttpOnlyCookieAndReturnsTheCsrfToken) {
  start();
  ASSERT_EQ(add_user("Ada", "admin", kAdaPassword)->status, 201);
  auto res = login_raw("ada", kAdaPassword);  // names compare case-insensitively
  ASSERT_TRUE(res);
  ASSERT_EQ(res->status, 200) << res->body;
  const json body = body_json(res);
  EXPECT_EQ(body["name"], "Ada");
  EXPECT_EQ(body["role"], "admin");
  EXPECT_TRUE(std::regex_match(body["csrf"].get<std::string>(), std::regex("[0-9a-f]{64}")));
  EXPECT_TRUE(body["expires"].is_string());
  EXPECT_EQ(res->get_header_value("Cache-Control"), "no-store");
  const std::string set_cookie = res->get_header_value("Set-Cookie");
  EXPECT_TRUE(std::regex_match(cookie_value(set_cookie), std::regex("[0-9a-f]{64}"))) << set_cookie;
  EXPECT_NE(set_cookie.find("; HttpOnly"), std::string::npos) << set_cookie;
  EXPECT_NE(set_cookie.find("; SameSite=Strict"), std::string::npos) << set_cookie;
  EXPECT_NE(set_cookie.find("; Path=/"), std::string::npos) << set_cookie;
  EXPECT_EQ(set_cookie.find("Secure"), std::string::npos) << "plain HTTP without a trusted proxy: " << set_cookie;

  // The database knows the session only by the hash of its id.
  auto store = server::open_storage(test_database(dir_, "comments.db"));
  ASSERT_TRUE(store) << store.error().message;
  const std::string id = cookie_value(set_cookie);
  EXPECT_FALSE(*(*store)->find_session(id));
  const auto by_hash = (*store)->find_session(server::session_id_hash(id));
  ASSERT_TRUE(by_hash && *by_hash);
  EXPECT_EQ((*by_hash)->user, "Ada");
  const auto user = (*store)->find_user("ADA");
  ASSERT_TRUE(user && *user);
  EXPECT_EQ((*user)->password_hash.rfind("$argon2id$", 0), 0u) << "argon2id, not " << (*user)->password_hash;
}

TEST_F(AccountApi, TheCookieIsSecureWhenATrustedProxySaysTheBrowserUsedTls) {
  start([](server::ServerConfig& c) { c.trusted_proxies = {"127.0.0.1"}; });
  ASSERT_EQ(add_user("ada", "admin", kAdaPassword)->status, 201);
  auto tls = login_raw("ada", kAdaPassword, {{"X-Forwarded-Proto", "https"}, {"X-Forwarded-For", "198.51.100.4"}});
  ASSERT_TRUE(tls);
  ASSERT_EQ(tls->status, 200);
  EXPECT_NE(tls->get_header_value("Set-Cookie").find("; Secure"), std::string::npos);
  auto plain = login_raw("ada", kAdaPassword, {{"X-Forwarded-Proto", "http"}});
  ASSERT_TRUE(plain);
  EXPECT_EQ(plain->get_header_value("Set-Cookie").find("Secure"), std::string::npos);
}

TEST_F(AccountApi, AnUntrustedPeerCannotClaimTls) {
  start();  // no trusted proxies: the header is the client's own claim
  ASSERT_EQ(add_user("ada", "admin", kAdaPassword)->status, 201);
  auto res = login_raw("ada", kAdaPassword, {{"X-Forwarded-Proto", "https"}});
  ASSERT_TRUE(res);
  EXPECT_EQ(res->get_header_value("Set-Cookie").find("Secure"), std::string::npos);
}

TEST_F(AccountApi, WrongPasswordAndUnknownNameGetTheSameAnswerInAboutTheSameTime) {
  start();
  ASSERT_EQ(add_user("ada", "admin", kAdaPassword)->status, 201);
  const auto timed = [&](const std::string& name) {
    double best = 1e9;
    json answer;
    for (int i = 0; i < 3; ++i) {
      const auto t0 = std::chrono::steady_clock::now();
      auto res = login_raw(name, "not-the-password");
      best = std::min(best, std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count());
      EXPECT_TRUE(res);
      if (!res) continue;
      EXPECT_EQ(res->status, 401);
      EXPECT_TRUE(res->get_header_value("Set-Cookie").empty());
      answer = body_json(res);
    }
    return std::make_pair(best, answer);
  };
  timed("nobody");  // the dummy hash is made on first use; do not time that
  const auto [wrong_ms, wrong] = timed("ada");
  const auto [unknown_ms, unknown] = timed("nobody");
  EXPECT_EQ(wrong["code"], "bad_credentials");
  EXPECT_EQ(unknown, wrong) << "an unknown name must not be told apart";
  EXPECT_GT(unknown_ms * 3, wrong_ms) << "an unknown name must cost a hash verification too";
}

TEST_F(AccountApi, BadLoginBodiesAreSpecific400s) {
  start();
  auto missing = post_json(*client(), "/api/admin/login", R"({"name":"ada"})");
  ASSERT_TRUE(missing);
  EXPECT_EQ(missing->status, 400);
  EXPECT_EQ(body_json(missing)["code"], "invalid_argument");
  auto form = client()->Post("/api/admin/login", "name=ada&password=x", "application/x-www-form-urlencoded");
  ASSERT_TRUE(form);
  EXPECT_EQ(form->status, 415) << "a cross-site form cannot log anyone in";
  auto foreign = post_json(*client(), "/api/admin/login", R"({"name":"ada","password":"0123456789"})",
                           {{"Origin", "https://evil.example"}});
  ASSERT_TRUE(foreign);
  EXPECT_EQ(foreign->status, 403);
  EXPECT_EQ(body_json(foreign)["code"], "origin_not_allowed");
}

TEST_F(AccountApi, ASessionOpensTheSessionRouteAndTheModerationQueue) {
  start();
  ASSERT_EQ(add_user("mia", "moderator", "moderator-password")->status, 201);
  const Session s = login("mia", "moderator-password");
  auto info = client()->Get("/api/admin/session", s.reading());
  ASSERT_TRUE(info);
  ASSERT_EQ(info->status, 200) << info->body;
  EXPECT_EQ(body_json(info)["name"], "mia");
  EXPECT_EQ(body_json(info)["role"], "moderator");
  EXPECT_EQ(body_json(info)["csrf"], s.csrf);
  const std::string id = post_comment();
  auto queue = client()->Get("/api/moderation/queue", s.reading());
  ASSERT_TRUE(queue);
  ASSERT_EQ(queue->status, 200);
  ASSERT_EQ(body_json(queue)["comments"].size(), 1u);
  EXPECT_EQ(body_json(queue)["comments"][0]["id"], id);

  auto nobody = client()->Get("/api/admin/session");
  ASSERT_TRUE(nobody);
  EXPECT_EQ(nobody->status, 401);
  auto forged = client()->Get("/api/admin/session", {{"Cookie", "soundoff_session=" + std::string(64, 'a')}});
  ASSERT_TRUE(forged);
  EXPECT_EQ(forged->status, 401);
  EXPECT_EQ(body_json(forged)["code"], "unauthorized");
}

TEST_F(AccountApi, StateChangesWithASessionNeedItsCsrfToken) {
  start();
  ASSERT_EQ(add_user("mia", "moderator", "moderator-password")->status, 201);
  const Session s = login("mia", "moderator-password");
  const std::string id = post_comment();
  const std::string approve = "/api/comments/" + id + "/approve";
  auto missing = post_json(*client(), approve, "{}", s.reading());
  ASSERT_TRUE(missing);
  EXPECT_EQ(missing->status, 403);
  EXPECT_EQ(body_json(missing)["code"], "csrf");
  auto wrong = post_json(*client(), approve, "{}",
                         {{"Cookie", "soundoff_session=" + s.cookie}, {"X-CSRF-Token", std::string(64, '0')}});
  ASSERT_TRUE(wrong);
  EXPECT_EQ(wrong->status, 403);
  EXPECT_EQ(body_json(wrong)["code"], "csrf");
  auto right = post_json(*client(), approve, "{}", s.writing());
  ASSERT_TRUE(right);
  EXPECT_EQ(right->status, 200) << right->body;
  EXPECT_EQ(body_json(right)["status"], "published");
}

TEST_F(AccountApi, TheBearerTokenStillWorksAndNeedsNoCsrf) {
  start();
  const std::string id = post_comment();
  auto approve = post_json(*client(), "/api/comments/" + id + "/approve", "{}", kBearer);
  ASSERT_TRUE(approve);
  EXPECT_EQ(approve->status, 200);
  auto info = client()->Get("/api/admin/session", kBearer);
  ASSERT_TRUE(info);
  ASSERT_EQ(info->status, 200);
  EXPECT_EQ(body_json(info)["name"], "token");
  EXPECT_EQ(body_json(info)["role"], "admin");
  EXPECT_EQ(body_json(info)["via"], "token");
  auto users = client()->Get("/api/admin/users", kBearer);
  ASSERT_TRUE(users);
  EXPECT_EQ(users->status, 200);
}

TEST_F(AccountApi, AModeratorCannotManageUsers) {
  start();
  ASSERT_EQ(add_user("mia", "moderator", "moderator-password")->status, 201);
  const Session s = login("mia", "moderator-password");
  auto add = add_user("eve", "admin", "eve-password-1", s.writing());
  ASSERT_TRUE(add);
  EXPECT_EQ(add->status, 403);
  EXPECT_EQ(body_json(add)["code"], "forbidden");
  auto list = client()->Get("/api/admin/users", s.reading());
  ASSERT_TRUE(list);
  EXPECT_EQ(list->status, 403);
  auto passwd = post_json(*client(), "/api/admin/users/mia/password", R"({"password":"a-new-password"})", s.writing());
  ASSERT_TRUE(passwd);
  EXPECT_EQ(passwd->status, 403);
  EXPECT_FALSE(*(*server::open_storage(test_database(dir_, "comments.db")))->find_user("eve"));
}

TEST_F(AccountApi, LogoutEndsTheSessionAndClearsTheCookie) {
  start();
  ASSERT_EQ(add_user("ada", "admin", kAdaPassword)->status, 201);
  const Session s = login("ada", kAdaPassword);
  auto without_csrf = post_json(*client(), "/api/admin/logout", "{}", s.reading());
  ASSERT_TRUE(without_csrf);
  EXPECT_EQ(without_csrf->status, 403) << "another site cannot sign a moderator out";
  auto out = post_json(*client(), "/api/admin/logout", "{}", s.writing());
  ASSERT_TRUE(out);
  EXPECT_EQ(out->status, 204);
  const std::string cleared = out->get_header_value("Set-Cookie");
  EXPECT_EQ(cookie_value(cleared), "");
  EXPECT_NE(cleared.find("Max-Age=0"), std::string::npos) << cleared;
  auto after = client()->Get("/api/admin/session", s.reading());
  ASSERT_TRUE(after);
  EXPECT_EQ(after->status, 401);
  auto queue = client()->Get("/api/moderation/queue", s.reading());
  ASSERT_TRUE(queue);
  EXPECT_EQ(queue->status, 401);
}

TEST_F(AccountApi, AnUnusedSessionEndsAfterTheIdleLimit) {
  start([](server::ServerConfig& c) { c.session_idle_minutes = 0.02; });  // 1.2 s
  ASSERT_EQ(add_user("ada", "admin", kAdaPassword)->status, 201);
  const Session s = login("ada", kAdaPassword);
  EXPECT_EQ(client()->Get("/api/admin/session", s.reading())->status, 200);
  std::this_thread::sleep_for(std::chrono::milliseconds(1600));
  EXPECT_EQ(client()->Get("/api/admin/session", s.reading())->status, 401);
}

TEST_F(AccountApi, ASessionInUseStillEndsAfterSessionHours) {
  start([](server::ServerConfig& c) { c.session_hours = 2.0 / 3600; });  // 2 s, idle limit untouched
  ASSERT_EQ(add_user("ada", "admin", kAdaPassword)->status, 201);
  const Session s = login("ada", kAdaPassword);
  const auto until = std::chrono::steady_clock::now() + std::chrono::milliseconds(2600);
  int ok = 0;
  int last = 0;
  while (std::chrono::steady_clock::now() < until) {
    auto res = client()->Get("/api/admin/session", s.reading());
    ASSERT_TRUE(res);
    last = res->status;
    if (last == 200) ++ok;
    std::this_thread::sleep_for(std::chrono::milliseconds(200));
  }
  EXPECT_GT(ok, 0);
  EXPECT_EQ(last, 401);
}

TEST_F(AccountApi, FailedLoginsAreThrottledPerNetworkAndPerName) {
  start([](server::ServerConfig& c) {
    c.login_limit = {1, 3};  // three failures, then one a minute
    c.trusted_proxies = {"127.0.0.1"};
  });
  ASSERT_EQ(add_user("ada", "admin", kAdaPassword)->status, 201);
  const httplib::Headers net_a = {{"X-Forwarded-For", "198.51.100.1"}};
  const httplib::Headers net_b = {{"X-Forwarded-For", "203.0.113.1"}};
  for (int i = 0; i < 3; ++i) EXPECT_EQ(login_raw("ada", "wrong-password", net_a)->status, 401);
  auto locked = login_raw("ada", kAdaPassword, net_a);
  ASSERT_TRUE(locked);
  EXPECT_EQ(locked->status, 429) << "not even the right password is checked";
  EXPECT_EQ(body_json(locked)["code"], "rate_limited");
  EXPECT_FALSE(locked->get_header_value("Retry-After").empty());
  // The account's allowance is used up whichever network asks...
  EXPECT_EQ(login_raw("ada", kAdaPassword, net_b)->status, 429);
  // ...but another name from another network is not held back.
  EXPECT_EQ(login_raw("bob", "wrong-password", net_b)->status, 401);
  // A network guessing many names meets its own limit.
  const httplib::Headers net_c = {{"X-Forwarded-For", "192.0.2.77"}};
  for (int i = 0; i < 3; ++i) EXPECT_EQ(login_raw("guess" + std::to_string(i), "wrong-password", net_c)->status, 401);
  EXPECT_EQ(login_raw("guess9", "wrong-password", net_c)->status, 429);
}

TEST_F(AccountApi, TheUsersApiChecksNamesPasswordsAndRoles) {
  start();
  ASSERT_EQ(add_user("ada", "admin", kAdaPassword)->status, 201);
  const auto code = [](const httplib::Result& r) { return r ? body_json(r).value("code", "") : "no answer"; };
  auto short_pw = add_user("bob", "moderator", "123456789");
  EXPECT_EQ(short_pw->status, 400);
  EXPECT_EQ(code(short_pw), "invalid_password");
  EXPECT_EQ(code(add_user("bob", "moderator", std::string(1025, 'x'))), "invalid_password");
  EXPECT_EQ(add_user("bob", "moderator", std::string(1024, 'x'))->status, 201) << "1024 bytes is allowed";
  EXPECT_EQ(code(add_user("b b", "moderator", "long-enough-password")), "invalid_user_name");
  EXPECT_EQ(code(add_user("", "moderator", "long-enough-password")), "invalid_user_name");
  EXPECT_EQ(code(add_user("carl", "root", "long-enough-password")), "invalid_role");
  auto taken = add_user("ADA", "moderator", "long-enough-password");
  EXPECT_EQ(taken->status, 409);
  EXPECT_EQ(code(taken), "user_exists");

  const json users = body_json(client()->Get("/api/admin/users", kBearer))["users"];
  ASSERT_EQ(users.size(), 2u);
  EXPECT_EQ(users[0]["name"], "ada");
  EXPECT_EQ(users[0]["role"], "admin");
  EXPECT_EQ(users[1]["name"], "bob");
  EXPECT_FALSE(users.dump().find("argon2") != std::string::npos) << "hashes never leave the server";

  auto last = post_json(*client(), "/api/admin/users/ada/delete", "{}", kBearer);
  EXPECT_EQ(last->status, 409);
  EXPECT_EQ(code(last), "last_admin");
  auto gone = post_json(*client(), "/api/admin/users/BOB/delete", "{}", kBearer);
  EXPECT_EQ(gone->status, 200);
  EXPECT_EQ(post_json(*client(), "/api/admin/users/bob/delete", "{}", kBearer)->status, 404);
}

TEST_F(AccountApi, RemovingAUserEndsItsSessions) {
  start();
  ASSERT_EQ(add_user("mia", "moderator", "moderator-password")->status, 201);
  const Session s = login("mia", "moderator-password");
  ASSERT_EQ(post_json(*client(), "/api/admin/users/mia/delete", "{}", kBearer)->status, 200);
  EXPECT_EQ(client()->Get("/api/moderation/queue", s.reading())->status, 401);
  EXPECT_EQ(login_raw("mia", "moderator-password")->status, 401);
}

TEST_F(AccountApi, AChangedPasswordEndsTheOtherSessions) {
  start();
  ASSERT_EQ(add_user("ada", "admin", kAdaPassword)->status, 201);
  const Session here = login("ada", kAdaPassword);
  const Session elsewhere = login("ada", kAdaPassword);
  auto weak = post_json(*client(), "/api/admin/users/ada/password", R"({"password":"short"})", here.writing());
  EXPECT_EQ(weak->status, 400);
  auto changed =
      post_json(*client(), "/api/admin/users/ada/password", R"({"password":"a-brand-new-password"})", here.writing());
  ASSERT_TRUE(changed);
  ASSERT_EQ(changed->status, 200) << changed->body;
  EXPECT_EQ(client()->Get("/api/admin/session", here.reading())->status, 200) << "the one who changed it stays in";
  EXPECT_EQ(client()->Get("/api/admin/session", elsewhere.reading())->status, 401);
  EXPECT_EQ(login_raw("ada", kAdaPassword)->status, 401);
  EXPECT_EQ(login_raw("ada", "a-brand-new-password")->status, 200);
  EXPECT_EQ(post_json(*client(), "/api/admin/users/nobody/password", R"({"password":"a-brand-new-password"})", kBearer)
                ->status,
            404);
}

TEST_F(AccountApi, AuditRowsRecordWhoDidWhatFromWhereNewestFirst) {
  start([](server::ServerConfig& c) { c.trusted_proxies = {"127.0.0.1"}; });
  ASSERT_EQ(add_user("ada", "admin", kAdaPassword)->status, 201);
  auto logged_in = login_raw("ada", kAdaPassword, {{"X-Forwarded-For", "198.51.100.23"}});
  ASSERT_EQ(logged_in->status, 200);
  const Session s{cookie_value(logged_in->get_header_value("Set-Cookie")), body_json(logged_in)["csrf"]};
  const std::string id = post_comment();
  ASSERT_EQ(post_json(*client(), "/api/comments/" + id + "/approve", "{}", s.writing())->status, 200);
  ASSERT_EQ(add_user("mia", "moderator", "moderator-password", s.writing())->status, 201);
  ASSERT_EQ(
      post_json(*client(), "/api/admin/users/mia/password", R"({"password":"another-password"})", s.writing())->status,
      200);
  EXPECT_EQ(login_raw("mia", "wrong-password")->status, 401);
  ASSERT_EQ(post_json(*client(), "/api/admin/users/mia/delete", "{}", s.writing())->status, 200);
  ASSERT_EQ(post_json(*client(), "/api/admin/logout", "{}", s.writing())->status, 204);

  const json all = audit();
  std::vector<std::string> actions;
  for (const auto& e : all["entries"]) actions.push_back(e["action"]);
  EXPECT_EQ(actions, (std::vector<std::string>{"logout", "user.remove", "login.failed", "user.password", "user.add",
                                               "comment.approve", "login", "user.add"}));
  const json& approve = all["entries"][5];
  EXPECT_EQ(approve["actor"], "ada");
  EXPECT_EQ(approve["via"], "session");
  EXPECT_EQ(approve["target_kind"], "comment");
  EXPECT_EQ(approve["target"], id);
  EXPECT_EQ(approve["detail"]["thread"], "desk-1");
  EXPECT_TRUE(approve["time"].is_string());
  const json& login_row = all["entries"][6];
  EXPECT_EQ(login_row["network"], "198.51.100.23");
  const json& first = all["entries"][7];
  EXPECT_EQ(first["actor"], "token");
  EXPECT_EQ(first["via"], "token");
  EXPECT_EQ(first["target"], "ada");
  EXPECT_EQ(first["detail"]["role"], "admin");
  EXPECT_TRUE(all["next_cursor"].is_null());

  // Filters.
  const json by_action = audit("?action=user.add");
  ASSERT_EQ(by_action["entries"].size(), 2u);
  EXPECT_EQ(by_action["entries"][0]["target"], "mia");
  EXPECT_EQ(audit("?actor=token")["entries"].size(), 1u);
  EXPECT_EQ(audit("?target=mia")["entries"].size(), 4u);
  EXPECT_EQ(audit("?actor=ada&action=login")["entries"].size(), 1u);

  // Cursor paging: no row twice, none missed.
  std::vector<std::string> paged;
  std::string cursor;
  for (int guard = 0; guard < 10; ++guard) {
    const json page = audit("?limit=3" + (cursor.empty() ? "" : "&cursor=" + cursor));
    ASSERT_LE(page["entries"].size(), 3u);
    for (const auto& e : page["entries"]) paged.push_back(e["action"]);
    if (page["next_cursor"].is_null()) break;
    cursor = page["next_cursor"];
  }
  EXPECT_EQ(paged, actions);

  auto unknown = client()->Get("/api/admin/audit?who=ada", kBearer);
  EXPECT_EQ(unknown->status, 400);
  EXPECT_EQ(body_json(unknown)["code"], "unknown_parameter");
  EXPECT_EQ(body_json(client()->Get("/api/admin/audit?cursor=x", kBearer))["code"], "invalid_cursor");
  EXPECT_EQ(client()->Get("/api/admin/audit?limit=0", kBearer)->status, 400);
  EXPECT_EQ(client()->Get("/api/admin/audit")->status, 401);
}

TEST_F(AccountApi, TheCliAddsUsersThatCanSignInAndExportsTheAuditLog) {
  const std::string db = test_database(dir_, "comments.db");
  const std::string password_file = dir_.file("password.txt");
  std::ofstream(password_file) << "file-password-123\n";
  EXPECT_EQ(run_cli({"user", "add", "Ada", "--role", "admin", "--db", db, "--password-file", password_file}).first, 0);
  EXPECT_EQ(run_cli({"user", "add", "mia", "--role", "moderator", "--db", db}, "stdin-password-1\n").first, 0);
  const auto generated = run_cli({"user", "add", "gen", "--role", "moderator", "--db", db, "--generate-password"});
  EXPECT_EQ(generated.first, 0);
  const std::string gen_password = generated.second.substr(0, generated.second.find('\n'));
  EXPECT_EQ(gen_password.size(), 20u) << generated.second;
  EXPECT_EQ(run_cli({"user", "add", "ada", "--role", "admin", "--db", db}, "another-password\n").first, 2)
      << "the name is taken";
  EXPECT_EQ(run_cli({"user", "add", "bob", "--role", "moderator", "--db", db}, "short\n").first, 2);
  EXPECT_EQ(run_cli({"user", "add", "bob", "--role", "boss", "--db", db}, "long-enough-pw\n").first, 2);
  const auto listed = run_cli({"user", "list", "--db", db});
  EXPECT_EQ(listed.first, 0);
  EXPECT_NE(listed.second.find("Ada\tadmin\t"), std::string::npos) << listed.second;
  EXPECT_NE(listed.second.find("mia\tmoderator\t"), std::string::npos) << listed.second;
  EXPECT_EQ(run_cli({"user", "passwd", "mia", "--db", db}, "changed-password\n").first, 0);
  EXPECT_EQ(run_cli({"user", "remove", "gen", "--db", db}).first, 0);
  EXPECT_EQ(run_cli({"user", "remove", "gen", "--db", db}).first, 2);

  start();  // the server on the same database
  EXPECT_EQ(login_raw("ada", "file-password-123")->status, 200);
  EXPECT_EQ(login_raw("mia", "changed-password")->status, 200);
  EXPECT_EQ(login_raw("mia", "stdin-password-1")->status, 401);
  EXPECT_EQ(login_raw("gen", gen_password)->status, 401);
  server_.reset();

  const auto exported = run_cli({"export", "--audit", "--db", db});
  ASSERT_EQ(exported.first, 0);
  std::vector<json> rows;
  std::stringstream lines(exported.second);
  for (std::string line; std::getline(lines, line);) rows.push_back(json::parse(line, nullptr, false));
  std::vector<std::string> actions;
  actions.reserve(rows.size());
  for (const auto& r : rows) actions.push_back(r.value("action", "?"));
  EXPECT_EQ(actions, (std::vector<std::string>{"user.add", "user.add", "user.add", "user.password", "user.remove",
                                               "login", "login", "login.failed"}))
      << "oldest first";
  ASSERT_FALSE(rows.empty());
  EXPECT_EQ(rows[0]["actor"], "cli");
  EXPECT_EQ(rows[0]["via"], "cli");
  EXPECT_EQ(rows[0]["target"], "Ada");
}

TEST_F(AccountApi, MigrateCarriesTheAccountsAndTheAuditLog) {
  const std::string source = "sqlite:" + dir_.file("source.db");
  const std::string target = test_database(dir_, "migrated.db");
  const std::string password_file = dir_.file("password.txt");
  std::ofstream(password_file) << "migrated-password\n";
  ASSERT_EQ(run_cli({"user", "add", "ada", "--role", "admin", "--db", source, "--password-file", password_file}).first,
            0);
  ASSERT_EQ(
      run_cli({"user", "add", "mia", "--role", "moderator", "--db", source, "--password-file", password_file}).first,
      0);
  const auto migrated = run_cli({"migrate", "--from", source, "--to", target});
  ASSERT_EQ(migrated.first, 0) << migrated.second;
  EXPECT_NE(migrated.second.find("audit_log"), std::string::npos) << migrated.second;
  EXPECT_EQ(run_cli({"migrate", "--from", source, "--to", target}).first, 2) << "a target with accounts is refused";

  start([&](server::ServerConfig& c) { c.db_path = target; });
  EXPECT_EQ(login_raw("ada", "migrated-password")->status, 200) << "the password hash came along";
  const json log = audit();
  std::vector<std::string> actions;
  for (const auto& e : log["entries"]) actions.push_back(e["action"]);
  EXPECT_EQ(actions, (std::vector<std::string>{"login", "user.add", "user.add"})) << log.dump();
}

}  // namespace
}  // namespace soundoff::test
