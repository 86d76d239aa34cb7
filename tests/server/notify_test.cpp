// Notifications (docs/notifications.md): the outbox written with each change,
// drained to a real loopback webhook receiver that checks the signature;
// retries after a 500, dead letters and the console's retry, the private
// address guard, kill -9 of the server between commit and delivery, two
// instances on one PostgreSQL database delivering each event once, and
// moderator mail received by a real SMTP server (python3-aiosmtpd).
#include <gtest/gtest.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <mutex>
#include <set>

#include "server/mail.h"
#include "server/server_harness.h"
#include "server/smtp_sink.h"

namespace soundoff::test {
namespace {

using nlohmann::json;
using Clock = std::chrono::steady_clock;

const std::string kSecret = "whsec-test-0123456789";
const std::string kToken = "correct-horse-battery-staple-0123456789";
const httplib::Headers kAdmin = {{"Authorization", "Bearer " + kToken}};

// The signature a receiver computes on its own: HMAC-SHA256 over "timestamp.body".
std::string expected_signature(const std::string& timestamp, const std::string& body) {
  const std::string message = timestamp + "." + body;
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int length = 0;
  HMAC(EVP_sha256(), kSecret.data(), static_cast<int>(kSecret.size()),
       reinterpret_cast<const unsigned char*>(message.data()), message.size(), digest, &length);
  std::string hex = "sha256=";
  char byte[3];
  for (unsigned int i = 0; i < length; ++i) {
    std::snprintf(byte, sizeof byte, "%02x", digest[i]);
    hex += byte;
  }
  return hex;
}

struct Delivery {
  std::string event;
  std::string id;  // X-Soundoff-Delivery
  std::string timestamp;
  std::string signature;
  std::string body;
  int answered = 0;
};

// A webhook receiver on 127.0.0.1: records every request and answers with
// `status(n)` for the n-th request (0-based), 200 by default.
class Receiver {
 public:
  Receiver() {
    server_.Post("/hook", [this](const httplib::Request& req, httplib::Response& res) {
      std::lock_guard lock(mutex_);
      Delivery d{req.get_header_value("X-Soundoff-Event"), req.get_header_value("X-Soundoff-Delivery"),
                 req.get_header_value("X-Soundoff-Timestamp"), req.get_header_value("X-Soundoff-Signature"), req.body};
      d.answered = status_ ? status_(static_cast<int>(deliveries_.size())) : 200;
      deliveries_.push_back(d);
      res.status = d.answered;
      res.set_content("{}", "application/json");
      changed_.notify_all();
    });
    port_ = server_.bind_to_any_port("127.0.0.1");
    thread_ = std::thread([this] { server_.listen_after_bind(); });
  }
  ~Receiver() {
    server_.stop();
    thread_.join();
  }
  int port() const { return port_; }
  std::string url() const { return "http://127.0.0.1:" + std::to_string(port_) + "/hook"; }
  void answer_with(std::function<int(int)> status) {
    std::lock_guard lock(mutex_);
    status_ = std::move(status);
  }
  std::vector<Delivery> deliveries() {
    std::lock_guard lock(mutex_);
    return deliveries_;
  }
  // Waits (at most `limit`) until `done(deliveries)` holds; returns whether it did.
  bool wait_until(const std::function<bool(const std::vector<Delivery>&)>& done,
                  std::chrono::milliseconds limit = std::chrono::seconds(15)) {
    std::unique_lock lock(mutex_);
    return changed_.wait_for(lock, limit, [&] { return done(deliveries_); });
  }

 private:
  httplib::Server server_;
  std::thread thread_;
  int port_ = 0;
  std::mutex mutex_;
  std::condition_variable changed_;
  std::vector<Delivery> deliveries_;
  std::function<int(int)> status_;
};

// Successful deliveries of `event`.
std::vector<Delivery> delivered(const std::vector<Delivery>& all, const std::string& event) {
  std::vector<Delivery> out;
  for (const auto& d : all)
    if (d.answered == 200 && d.event == event) out.push_back(d);
  return out;
}

server::OutboxConfig fast_outbox() {
  server::OutboxConfig o;
  o.backoff_base_ms = 20;
  o.backoff_cap_ms = 100;
  o.poll_ms = 20;
  o.lease_ms = 1000;
  return o;
}

server::ServerConfig notify_config(const TempDir& dir, const std::string& url,
                                   std::vector<std::string> events = {"*"}) {
  auto c = test_config(dir);
  c.admin_token = kToken;
  c.notify.webhooks.push_back({url, std::move(events), kSecret, "soundoff"});
  c.notify.webhook_allow_private = true;
  c.notify.outbox = fast_outbox();
  return c;
}

std::string post_comment(httplib::Client& client, const std::string& thread, const std::string& author,
                         const std::string& body) {
  auto res = post_json(client, "/api/threads/" + thread + "/comments", json{{"author", author}, {"body", body}}.dump());
  EXPECT_TRUE(res && res->status == 201) << (res ? res->body : "no response");
  return res ? body_json(res).value("id", "") : "";
}

json outbox(httplib::Client& client, const std::string& state) {
  auto res = client.Get("/api/admin/outbox?state=" + state, kAdmin);
  EXPECT_TRUE(res && res->status == 200) << (res ? res->body : "no response");
  return res ? body_json(res) : json();
}

TEST(Notify, SignedWebhookIsRetriedAfterA500AndDelivered) {
  TempDir dir;
  Receiver receiver;
  receiver.answer_with([](int n) { return n == 0 ? 500 : 200; });
  InProcessServer server(notify_config(dir, receiver.url()));
  auto client = server.client();
  const std::string id = post_comment(*client, "hooked", "Ann <b>&", "First! <script>x</script>");

  ASSERT_TRUE(receiver.wait_until([](const auto& all) { return !delivered(all, "comment.published").empty(); }));
  const auto all = receiver.deliveries();
  ASSERT_EQ(all.size(), 2u) << "one 500, then one retry that succeeded";
  EXPECT_EQ(all[0].answered, 500);
  EXPECT_EQ(all[0].id, all[1].id) << "the retry is the same delivery";
  for (const auto& d : all) {
    EXPECT_EQ(d.signature, expected_signature(d.timestamp, d.body));
    const auto age =
        std::chrono::system_clock::now().time_since_epoch() / std::chrono::seconds(1) - std::stoll(d.timestamp);
    EXPECT_LE(std::llabs(age), 300) << "timestamp within the documented 5 minute window";
  }
  const json body = json::parse(all[1].body);
  EXPECT_EQ(body["id"], all[1].id);
  EXPECT_EQ(body["event"], "comment.published");
  EXPECT_EQ(body["thread"], "hooked");
  EXPECT_EQ(body["comment"]["id"], id);
  EXPECT_EQ(body["comment"]["author"], "Ann <b>&");
  EXPECT_EQ(body["comment"]["body"], "First! <script>x</script>");
  EXPECT_EQ(body["comment"]["status"], "published");
  EXPECT_TRUE(body["comment"]["parent"].is_null());
  EXPECT_FALSE(body["comment"].contains("email")) << "webhooks never carry the commenter's email or address";
  EXPECT_FALSE(body["comment"].contains("ip"));

  // A tampered body no longer matches: the check above can fail.
  EXPECT_NE(all[1].signature, expected_signature(all[1].timestamp, all[1].body + " "));
  // Delivered (recorded just after the receiver answered): nothing pending, nothing dead.
  for (int i = 0; i < 100 && !outbox(*client, "pending")["entries"].empty(); ++i)
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  EXPECT_TRUE(outbox(*client, "pending")["entries"].empty());
  EXPECT_TRUE(outbox(*client, "dead")["entries"].empty());
}

TEST(Notify, HoldReportAndModerationEventsReachTheirSubscribers) {
  TempDir dir;
  Receiver everything;
  Receiver held_only;
  auto config = notify_config(dir, everything.url());
  config.notify.webhooks.push_back({held_only.url(), {"comment.held"}, kSecret, "soundoff"});
  config.hold_all = true;
  config.report_threshold = 1;
  InProcessServer server(config);
  auto client = server.client();

  const std::string id = post_comment(*client, "moderated", "Bo", "Please hold me");
  ASSERT_EQ(post_json(*client, "/api/comments/" + id + "/approve", "{}", kAdmin)->status, 200);
  ASSERT_EQ(post_json(*client, "/api/comments/" + id + "/report", "{}")->status, 200);
  ASSERT_EQ(post_json(*client, "/api/comments/" + id + "/reject", "{}", kAdmin)->status, 200);
  ASSERT_EQ(post_json(*client, "/api/comments/" + id + "/delete", "{}", kAdmin)->status, 200);

  const std::vector<std::string> expected = {"comment.held",   "comment.approved", "comment.reported",
                                             "comment.hidden", "comment.rejected", "comment.deleted"};
  ASSERT_TRUE(everything.wait_until([&](const auto& all) { return all.size() >= expected.size(); }));
  std::this_thread::sleep_for(std::chrono::milliseconds(300));  // nothing extra arrives
  const auto all = everything.deliveries();
  ASSERT_EQ(all.size(), expected.size());
  std::vector<std::string> events;
  for (const auto& d : all) {
    events.push_back(d.event);
    EXPECT_EQ(json::parse(d.body)["comment"]["id"], id);
  }
  EXPECT_EQ(events, expected) << "one event per change, in order";
  // The payload is the comment as the change left it.
  EXPECT_EQ(json::parse(all[0].body)["comment"]["status"], "pending");
  EXPECT_EQ(json::parse(all[1].body)["comment"]["status"], "published");
  EXPECT_EQ(json::parse(all[3].body)["comment"]["reasons"].back(), "reported");

  ASSERT_TRUE(held_only.wait_until([](const auto& got) { return !got.empty(); }));
  std::this_thread::sleep_for(std::chrono::milliseconds(200));
  ASSERT_EQ(held_only.deliveries().size(), 1u) << "a webhook gets only the events it asked for";
  EXPECT_EQ(held_only.deliveries()[0].event, "comment.held");
}

TEST(Notify, DeadLetterAfterMaxAttemptsIsListedAndCanBeRetried) {
  TempDir dir;
  Receiver receiver;
  std::atomic<bool> healthy{false};
  receiver.answer_with([&](int) { return healthy ? 200 : 500; });
  auto config = notify_config(dir, receiver.url());
  config.notify.outbox.max_attempts = 3;
  InProcessServer server(config);
  auto client = server.client();
  const std::string id = post_comment(*client, "dead", "Cy", "nobody hears this");

  ASSERT_TRUE(receiver.wait_until([](const auto& all) { return all.size() >= 3; }));
  json dead;
  for (int i = 0; i < 500 && (dead = outbox(*client, "dead"))["entries"].empty(); ++i)
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  ASSERT_EQ(dead["entries"].size(), 1u) << dead.dump();
  const json entry = dead["entries"][0];
  EXPECT_EQ(entry["event"], "comment.published");
  EXPECT_EQ(entry["comment_id"], id);
  EXPECT_EQ(entry["attempts"], 3);
  EXPECT_EQ(entry["state"], "dead");
  EXPECT_NE(entry["last_error"].get<std::string>().find("500"), std::string::npos) << entry.dump();
  std::this_thread::sleep_for(std::chrono::milliseconds(300));
  EXPECT_EQ(receiver.deliveries().size(), 3u) << "a dead letter is not tried again by itself";

  // The console: admins only, and clear errors.
  EXPECT_EQ(client->Get("/api/admin/outbox?state=dead")->status, 401);
  EXPECT_EQ(client->Get("/api/admin/outbox?state=bogus", kAdmin)->status, 400);
  EXPECT_EQ(post_json(*client, "/api/admin/outbox/999999/retry", "{}", kAdmin)->status, 404);
  EXPECT_EQ(post_json(*client, "/api/admin/outbox/x1/retry", "{}", kAdmin)->status, 404);

  healthy = true;
  const std::string entry_id = entry["id"];
  auto retried = post_json(*client, "/api/admin/outbox/" + entry_id + "/retry", "{}", kAdmin);
  ASSERT_EQ(retried->status, 200) << retried->body;
  ASSERT_TRUE(receiver.wait_until([](const auto& all) { return !delivered(all, "comment.published").empty(); }));
  EXPECT_EQ(receiver.deliveries().back().id, entry_id);
  // The receiver answers before the sender records the delivery: wait until
  // the row has left the pending list too, or the second retry races it.
  const auto undelivered = [&] {
    return !outbox(*client, "dead")["entries"].empty() || !outbox(*client, "pending")["entries"].empty();
  };
  for (int i = 0; i < 500 && undelivered(); ++i) std::this_thread::sleep_for(std::chrono::milliseconds(20));
  ASSERT_FALSE(undelivered()) << outbox(*client, "pending").dump();
  auto again = post_json(*client, "/api/admin/outbox/" + entry_id + "/retry", "{}", kAdmin);
  EXPECT_EQ(again->status, 409) << again->body;
  EXPECT_EQ(body_json(again)["code"], "already_delivered");
}

TEST(Notify, WebhooksRefuseLoopbackUnlessAllowed) {
  TempDir dir;
  Receiver receiver;
  auto config = notify_config(dir, receiver.url());
  config.notify.webhook_allow_private = false;
  config.notify.outbox.max_attempts = 1;
  InProcessServer server(config);
  auto client = server.client();
  post_comment(*client, "guarded", "Di", "to localhost?");
  json dead;
  for (int i = 0; i < 200 && (dead = outbox(*client, "dead"))["entries"].empty(); ++i)
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  ASSERT_EQ(dead["entries"].size(), 1u);
  EXPECT_NE(dead["entries"][0]["last_error"].get<std::string>().find("private or loopback"), std::string::npos)
      << dead.dump();
  EXPECT_TRUE(receiver.deliveries().empty()) << "the request never reached the loopback receiver";
}

TEST(Notify, SlackFormatEscapesUserText) {
  TempDir dir;
  Receiver receiver;
  auto config = notify_config(dir, receiver.url());
  config.notify.webhooks[0].format = "slack";
  config.public_url = "https://news.example";
  InProcessServer server(config);
  auto client = server.client();
  post_comment(*client, "slack", "<!channel> & co", "see <https://evil.example|this> & that");
  ASSERT_TRUE(receiver.wait_until([](const auto& all) { return !all.empty(); }));
  const json body = json::parse(receiver.deliveries()[0].body);
  ASSERT_TRUE(body["text"].is_string());
  const std::string text = body["text"];
  EXPECT_NE(text.find("&lt;!channel&gt; &amp; co"), std::string::npos) << text;
  EXPECT_NE(text.find("see &lt;https://evil.example|this&gt; &amp; that"), std::string::npos) << text;
  EXPECT_EQ(text.find("<!channel>"), std::string::npos);
  EXPECT_NE(text.find("<https://news.example/demo/slack|Open>"), std::string::npos) << text;
}

TEST(Notify, NothingIsWrittenWhenNotificationsAreOff) {
  TempDir dir;
  auto config = test_config(dir);
  config.admin_token = kToken;
  InProcessServer server(config);
  auto client = server.client();
  post_comment(*client, "quiet", "Ed", "no hooks");
  EXPECT_TRUE(outbox(*client, "pending")["entries"].empty());
  EXPECT_TRUE(outbox(*client, "dead")["entries"].empty());
}

TEST(Notify, BadWebhookConfigIsRefusedWithTheKey) {
  TempDir dir;
  const auto load = [&](const std::string& text) {
    const std::string path = dir.file("c.json");
    std::ofstream(path) << text;
    return server::load_config_file(path, {});
  };
  EXPECT_TRUE(load(R"({"webhooks": [{"url": "https://hooks.example/x", "events": ["comment.held"]}]})"));
  const auto bad_url = load(R"({"webhooks": [{"url": "ftp://x.example/"}]})");
  ASSERT_FALSE(bad_url);
  EXPECT_NE(bad_url.error().message.find("webhooks[0].url"), std::string::npos);
  const auto bad_event = load(R"({"webhooks": [{"url": "https://x.example/", "events": ["comment.eaten"]}]})");
  ASSERT_FALSE(bad_event);
  EXPECT_NE(bad_event.error().message.find("comment.eaten"), std::string::npos);
  const auto bad_format = load(R"({"webhooks": [{"url": "https://x.example/", "format": "xml"}]})");
  ASSERT_FALSE(bad_format);
  EXPECT_NE(bad_format.error().message.find("format"), std::string::npos);
  const auto bad_outbox = load(R"({"outbox": {"max_attempts": 0}})");
  ASSERT_FALSE(bad_outbox);
  EXPECT_NE(bad_outbox.error().message.find("outbox.max_attempts"), std::string::npos);
}

// kill -9 between commit and delivery: the receiver is down (503) while
// comments are posted, the server dies, a new one on the same database
// delivers every event once the receiver is back.
TEST(Notify, KillNineBeforeDeliveryLosesNoEvent) {
  TempDir dir;
  Receiver receiver;
  std::atomic<bool> up{false};
  receiver.answer_with([&](int) { return up ? 200 : 503; });
  const std::string config = dir.file("notify.json");
  std::ofstream(config) << json{
      {"admin_token", kToken},
      {"webhooks", json::array({{{"url", receiver.url()}, {"secret", kSecret}}})},
      {"webhook_allow_private", true},
      {"outbox",
       {{"backoff_base_ms", 50},
        {"backoff_cap_ms", 200},
        {"poll_ms", 20},
        {"lease_ms", 500},
        {"max_attempts",
         100}}}}.dump();
  const std::vector<std::string> args = {"--db", test_database(dir, "k.db"), "--config", config, "--no-rate-limit"};
  constexpr int kComments = 20;
  std::set<std::string> posted;
  {
    ServeProcess first(args);
    auto client = first.client();
    for (int i = 0; i < kComments; ++i) posted.insert(post_comment(*client, "killed", "Fi", "n" + std::to_string(i)));
    ASSERT_TRUE(receiver.wait_until([](const auto& all) { return !all.empty(); })) << "the sender was trying";
    ASSERT_NE(first.stop(SIGKILL), -1);
  }
  ASSERT_EQ(posted.size(), static_cast<std::size_t>(kComments));
  up = true;
  ServeProcess second(args);
  std::set<std::string> arrived;
  const bool all_arrived = receiver.wait_until(
      [&](const std::vector<Delivery>& all) {
        arrived.clear();
        for (const auto& d : delivered(all, "comment.published")) {
          EXPECT_EQ(d.signature, expected_signature(d.timestamp, d.body));
          arrived.insert(json::parse(d.body)["comment"]["id"].get<std::string>());
        }
        return arrived.size() == posted.size();
      },
      std::chrono::seconds(30));
  EXPECT_TRUE(all_arrived) << arrived.size() << " of " << posted.size() << " arrived";
  EXPECT_EQ(arrived, posted) << "every committed comment's event arrives after the restart";
}

// Two instances on one PostgreSQL database drain one outbox: each event is delivered once.
TEST(Notify, TwoInstancesOnPostgresDeliverEachEventOnce) {
  if (!testing_postgres())
    GTEST_SKIP() << "several instances need a shared database: this runs in server_tests_postgres";
  TempDir dir;
  Receiver receiver;
  auto config = notify_config(dir, receiver.url());
  config.notify.outbox.batch = 2;  // small batches: both senders take part
  InProcessServer one(config);
  InProcessServer two(config);
  auto a = one.client();
  auto b = two.client();
  constexpr int kComments = 40;
  std::set<std::string> posted;
  for (int i = 0; i < kComments; ++i)
    posted.insert(post_comment(i % 2 ? *a : *b, "clustered", "Gu", "c" + std::to_string(i)));
  ASSERT_TRUE(receiver.wait_until([&](const auto& all) { return all.size() >= posted.size(); }));
  std::this_thread::sleep_for(std::chrono::milliseconds(500));  // any duplicate would arrive by now
  std::multiset<std::string> ids;
  for (const auto& d : receiver.deliveries()) ids.insert(json::parse(d.body)["comment"]["id"].get<std::string>());
  EXPECT_EQ(ids.size(), posted.size()) << "no event delivered twice";
  EXPECT_EQ(std::set<std::string>(ids.begin(), ids.end()), posted);
}

TEST(Notify, ModeratorAlertMailEscapesHtmlAndCarriesListUnsubscribe) {
  TempDir dir;
  SmtpSink smtp;
  ASSERT_GT(smtp.port(), 0) << "the SMTP sink did not start (python3-aiosmtpd missing?)";
  auto config = test_config(dir);
  config.hold_all = true;
  config.public_url = "https://news.example";
  config.notify.smtp =
      server::SmtpConfig{"smtp://127.0.0.1:" + std::to_string(smtp.port()), "soundoff@example.org", "", "", false};
  config.notify.moderator_emails = {"mod@example.org", "lead@example.org"};
  config.notify.outbox = fast_outbox();
  InProcessServer server(config);
  auto client = server.client();
  post_comment(*client, "mailed", "Eve <img src=x onerror=alert(1)>", "<script>alert('x')</script> & more");

  const auto mails = smtp.messages(1);
  ASSERT_EQ(mails.size(), 1u);
  const json& mail = mails[0];
  EXPECT_EQ(mail["mail_from"], "soundoff@example.org");
  EXPECT_EQ(mail["rcpt_tos"], json::array({"mod@example.org", "lead@example.org"}));
  EXPECT_EQ(mail["list_unsubscribe"], "<mailto:soundoff@example.org?subject=unsubscribe>");
  EXPECT_NE(mail["subject"].get<std::string>().find("waiting for review"), std::string::npos) << mail.dump();
  const std::string html = mail.value("text/html", "");
  const std::string text = mail.value("text/plain", "");
  EXPECT_NE(html.find("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; more"), std::string::npos) << html;
  EXPECT_NE(html.find("Eve &lt;img src=x onerror=alert(1)&gt;"), std::string::npos) << html;
  EXPECT_EQ(html.find("<script>"), std::string::npos);
  EXPECT_EQ(html.find("<img"), std::string::npos);
  EXPECT_NE(html.find("href=\"https://news.example/admin#/queue/held\""), std::string::npos) << html;
  EXPECT_NE(text.find("<script>alert('x')</script> & more"), std::string::npos) << "plain text stays as written";
  EXPECT_NE(text.find("https://news.example/admin#/queue/held"), std::string::npos);
}

TEST(Notify, HeaderInjectionThroughNamesAndAddressesIsRefused) {
  // The API refuses line breaks in names before anything is stored...
  TempDir dir;
  InProcessServer server(test_config(dir));
  auto client = server.client();
  auto res = post_json(*client, "/api/threads/inject/comments",
                       json{{"author", "Eve\r\nBcc: victim@evil.example"}, {"body", "hi"}}.dump());
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 400) << res->body;
  // ...and a stored name that holds one still cannot add a header: it only reaches the subject as an encoded word.
  server::OutboxEntry entry;
  entry.id = 7;
  entry.event = "comment.held";
  entry.thread = "inject";
  entry.payload = json{{"author", "Eve\r\nBcc: victim@evil.example"}, {"body", "x\r\n.\r\nBcc: y@evil.example"}}.dump();
  const server::SmtpConfig smtp{"smtp://127.0.0.1:25", "soundoff@example.org", "", "", false};
  const std::string message = server::moderator_alert(entry, server::ModeratorMail{smtp, {"mod@example.org"}, ""}, 0);
  const std::string headers = message.substr(0, message.find("\r\n\r\n"));
  EXPECT_EQ(headers.find("\nBcc:"), std::string::npos) << headers;
  EXPECT_EQ(headers.find("evil.example"), std::string::npos) << "user text is encoded, never raw, in headers";
  EXPECT_EQ(message.find("Bcc:"), std::string::npos) << "bodies are base64: no line of user text at all";
  // Addresses in the config must be plain addresses.
  const auto load = [&](const std::string& text) {
    const std::string path = dir.file("c.json");
    std::ofstream(path) << text;
    return server::load_config_file(path, {});
  };
  EXPECT_FALSE(load(R"({"moderator_emails": ["mod@example.org\r\nBcc: x@evil.example"]})"));
  EXPECT_FALSE(load(R"({"moderator_emails": ["Mod <mod@example.org>"]})"));
  EXPECT_FALSE(load(R"({"smtp": {"url": "smtp://127.0.0.1:25", "from": "a@b.example\nBcc: x@y"}})"));
  EXPECT_FALSE(load(R"({"smtp": {"url": "http://127.0.0.1:25", "from": "a@b.example"}})"));
  EXPECT_TRUE(
      load(R"({"smtp": {"url": "smtp://127.0.0.1:25", "from": "a@b.example"}, "moderator_emails": ["m@b.example"]})"));
}

// A moderator closing a thread writes thread.closed once (closing it again,
// or reopening, writes nothing); the body names the thread and has no comment.
TEST(Notify, ClosingAThreadWritesThreadClosedOnce) {
  TempDir dir;
  Receiver receiver;
  InProcessServer server(notify_config(dir, receiver.url(), {"thread.closed"}));
  auto client = server.client();
  post_comment(*client, "closing", "Bo", "last word");
  ASSERT_EQ(post_json(*client, "/api/admin/threads/closing/close", "{}", kAdmin)->status, 200);
  ASSERT_EQ(post_json(*client, "/api/admin/threads/closing/close", "{}", kAdmin)->status, 200);
  ASSERT_EQ(post_json(*client, "/api/admin/threads/closing/reopen", "{}", kAdmin)->status, 200);
  ASSERT_TRUE(receiver.wait_until([](const auto& all) { return !all.empty(); }));
  std::this_thread::sleep_for(std::chrono::milliseconds(300));  // nothing extra arrives
  const auto all = receiver.deliveries();
  ASSERT_EQ(all.size(), 1u);
  EXPECT_EQ(all[0].event, "thread.closed");
  const json body = json::parse(all[0].body);
  EXPECT_EQ(body["thread"], "closing");
  EXPECT_TRUE(body["comment"].is_null()) << all[0].body;
}

}  // namespace
}  // namespace soundoff::test
