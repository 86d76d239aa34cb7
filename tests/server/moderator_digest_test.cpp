// The moderators' digest (docs/notifications.md, "moderator_digest_minutes"):
// alert rows are written due at the end of their period, the sender hands the
// rows due together to the mailer at once and retries them together, and a
// real SMTP server (python3-aiosmtpd) receives one escaped mail for them.
// Both backends: the server suite runs on SQLite and on PostgreSQL.
#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <thread>

#include "server/mail.h"
#include "server/outbox_sender.h"
#include "server/server_harness.h"
#include "server/smtp_sink.h"
#include "server/storage.h"

namespace soundoff::test {
namespace {

using nlohmann::json;
using server::DeliveryOutcome;
using server::OutboxEntry;

const std::string kToken = "correct-horse-battery-staple-0123456789";

std::unique_ptr<server::Storage> open_store(const TempDir& dir) {
  auto opened = server::open_storage(test_database(dir, "digest.db"));
  if (!opened) throw std::runtime_error(opened.error().message);
  return std::move(*opened);
}

void insert_held(server::Storage& store, const std::string& author, std::int64_t created_ms) {
  auto c = store.insert(
      {.thread = "t", .author = author, .body = "needs a look", .created_ms = created_ms, .status = Status::pending});
  if (!c) throw std::runtime_error(c.error().message);
}

// "destination@due" for each claimed row, which is then marked delivered.
std::vector<std::string> claim_all(server::Storage& store, std::int64_t now_ms) {
  auto rows = store.claim_outbox("w", now_ms, 1000, 50);
  if (!rows) throw std::runtime_error(rows.error().message);
  std::vector<std::string> out;
  for (const auto& row : *rows) {
    out.push_back(row.destination + "@" + std::to_string(row.next_attempt_ms));
    if (!store.outbox_delivered(row.id, "w", now_ms)) throw std::runtime_error("not marked delivered");
  }
  std::sort(out.begin(), out.end());  // RETURNING gives no order
  return out;
}

TEST(ModeratorDigest, RowsAreDueAtTheEndOfTheirPeriodWebhooksAtOnce) {
  EXPECT_EQ(server::next_digest_ms(1000, 60000), 60000);
  EXPECT_EQ(server::next_digest_ms(60000, 60000), 120000) << "a row written on the boundary waits a whole period";
  EXPECT_EQ(server::next_digest_ms(1234, 0), 1234);

  TempDir dir;
  auto store = open_store(dir);
  store->set_outbox_routes({{"email", {"comment.held"}, 60000}, {"https://hook.example/", {"*"}, 0}});
  insert_held(*store, "ann", 1000);
  insert_held(*store, "bob", 30000);
  insert_held(*store, "cy", 61000);

  EXPECT_EQ(claim_all(*store, 59999),
            (std::vector<std::string>{"https://hook.example/@1000", "https://hook.example/@30000"}))
      << "before the boundary only the webhook rows are due";
  EXPECT_EQ(claim_all(*store, 60000), (std::vector<std::string>{"email@60000", "email@60000"}));
  EXPECT_EQ(claim_all(*store, 120000), (std::vector<std::string>{"email@120000", "https://hook.example/@61000"}));
}

// Records what it is handed; fails the first `failures` calls.
class RecordingDeliverer final : public server::Deliverer {
 public:
  RecordingDeliverer(bool gathers, int failures) : gathers_(gathers), failures_(failures) {}
  DeliveryOutcome deliver(const OutboxEntry& entry) override { return deliver_together({&entry}); }
  bool gathers() const override { return gathers_; }
  DeliveryOutcome deliver_together(const std::vector<const OutboxEntry*>& entries) override {
    std::vector<std::int64_t> ids(entries.size());
    std::transform(entries.begin(), entries.end(), ids.begin(), [](const OutboxEntry* e) { return e->id; });
    std::sort(ids.begin(), ids.end());  // a claim returns its rows in no particular order
    calls.push_back(ids);
    if (failures_-- > 0) return {false, "smtp is down"};
    return {true, ""};
  }
  std::vector<std::vector<std::int64_t>> calls;

 private:
  bool gathers_;
  int failures_;
};

TEST(ModeratorDigest, TheSenderDeliversTheRowsDueTogetherAsOneAndRetriesThemTogether) {
  TempDir dir;
  auto store = open_store(dir);
  // A 1 ms period: the rows are due at once, and each kind of destination shows how it is handed its rows.
  store->set_outbox_routes({{"email", {"comment.held"}, 1}, {"hook", {"comment.held"}, 0}});
  const std::int64_t now = server::outbox_clock_ms();
  for (const char* who : {"ann", "bob", "cy"}) insert_held(*store, who, now);
  auto mail = std::make_unique<RecordingDeliverer>(true, 1);
  auto hook = std::make_unique<RecordingDeliverer>(false, 0);
  RecordingDeliverer* mail_seen = mail.get();
  RecordingDeliverer* hook_seen = hook.get();
  std::map<std::string, std::unique_ptr<server::Deliverer>> deliverers;
  deliverers.emplace("email", std::move(mail));
  deliverers.emplace("hook", std::move(hook));
  server::OutboxConfig config;
  config.backoff_base_ms = 30;
  config.backoff_cap_ms = 60;
  server::OutboxSender sender(*store, config, std::move(deliverers));
  std::this_thread::sleep_for(std::chrono::milliseconds(5));

  auto first = sender.drain_once();
  ASSERT_TRUE(first) << first.error().message;
  EXPECT_EQ(*first, 6u);
  ASSERT_EQ(mail_seen->calls.size(), 1u) << "the three alerts went to the mailer in one call";
  EXPECT_EQ(mail_seen->calls[0].size(), 3u);
  EXPECT_EQ(hook_seen->calls.size(), 3u) << "a webhook gets one call per row";

  // The failed digest is due again as one: every row at the same retry time.
  std::this_thread::sleep_for(std::chrono::milliseconds(100));
  auto second = sender.drain_once();
  ASSERT_TRUE(second) << second.error().message;
  EXPECT_EQ(*second, 3u);
  ASSERT_EQ(mail_seen->calls.size(), 2u);
  EXPECT_EQ(mail_seen->calls[1], mail_seen->calls[0]);
  auto rest = sender.drain_once();
  ASSERT_TRUE(rest) << rest.error().message;
  EXPECT_EQ(*rest, 0u) << "delivered rows are not sent again";
}

json pending_mail_rows(httplib::Client& client) {
  auto res = client.Get("/api/admin/outbox?state=pending", {{"Authorization", "Bearer " + kToken}});
  EXPECT_TRUE(res && res->status == 200) << (res ? res->body : "no response");
  json rows = json::array();
  if (!res) return rows;
  const json list = body_json(res);
  for (const auto& row : list["entries"])
    if (row["destination"] == "email") rows.push_back(row);
  return rows;
}

TEST(ModeratorDigest, OneMailForThePeriodEscapedWithAQueueLinkPerComment) {
  TempDir dir;
  SmtpSink smtp;
  ASSERT_GT(smtp.port(), 0) << "the SMTP sink did not start (python3-aiosmtpd missing?)";
  constexpr std::int64_t kPeriodMs = 3000;
  auto config = test_config(dir);
  config.admin_token = kToken;
  config.hold_all = true;
  config.public_url = "https://news.example";
  config.notify.smtp =
      server::SmtpConfig{"smtp://127.0.0.1:" + std::to_string(smtp.port()), "soundoff@example.org", "", "", false};
  config.notify.moderator_emails = {"mod@example.org"};
  config.notify.moderator_digest_ms = kPeriodMs;
  config.notify.outbox.poll_ms = 20;
  InProcessServer server(config);
  auto client = server.client();

  // Start just after a boundary, so the three comments fall in one period.
  while (server::outbox_clock_ms() % kPeriodMs > 200) std::this_thread::sleep_for(std::chrono::milliseconds(10));
  for (const char* who : {"Eve <img src=x onerror=alert(1)>", "Ann", "Bob"}) {
    auto res = post_json(*client, "/api/threads/digest/comments",
                         json{{"author", who}, {"body", "<script>alert('x')</script> & more"}}.dump());
    ASSERT_TRUE(res && res->status == 201) << (res ? res->body : "no response");
  }
  const std::int64_t posted = server::outbox_clock_ms();
  const json rows = pending_mail_rows(*client);
  ASSERT_EQ(rows.size(), 3u) << rows.dump();
  for (const auto& row : rows) EXPECT_EQ(row["next_attempt"], rows[0]["next_attempt"]) << rows.dump();
  if (posted % kPeriodMs < kPeriodMs - 300) {
    EXPECT_TRUE(smtp.messages(0).empty()) << "nothing is mailed before the period ends";
  }

  const auto mails = smtp.messages(1);
  ASSERT_EQ(mails.size(), 1u);
  std::this_thread::sleep_for(std::chrono::milliseconds(500));
  EXPECT_EQ(smtp.messages(0).size(), 1u) << "one mail for the period, not one per alert";
  EXPECT_TRUE(pending_mail_rows(*client).empty());
  const json& mail = mails[0];
  EXPECT_EQ(mail["rcpt_tos"], json::array({"mod@example.org"}));
  EXPECT_EQ(mail["list_unsubscribe"], "<mailto:soundoff@example.org?subject=unsubscribe>");
  EXPECT_NE(mail["subject"].get<std::string>().find("3 moderator alerts: 3 held"), std::string::npos) << mail.dump();
  const std::string html = mail.value("text/html", "");
  const std::string text = mail.value("text/plain", "");
  EXPECT_EQ(html.find("<script>"), std::string::npos) << html;
  EXPECT_EQ(html.find("<img"), std::string::npos) << html;
  EXPECT_NE(html.find("Eve &lt;img src=x onerror=alert(1)&gt;"), std::string::npos) << html;
  std::size_t links = 0;
  for (auto at = html.find("href=\"https://news.example/admin#/queue/held\""); at != std::string::npos;
       at = html.find("href=\"https://news.example/admin#/queue/held\"", at + 1))
    ++links;
  EXPECT_EQ(links, 3u) << html;
  for (const char* who : {"Author: Eve <img src=x onerror=alert(1)>", "Author: Ann", "Author: Bob"})
    EXPECT_NE(text.find(who), std::string::npos) << text;
}

TEST(ModeratorDigest, InGermanWhenTheConfigSaysSo) {
  server::OutboxEntry held;
  held.id = 1;
  held.event = "comment.held";
  held.thread = "artikel";
  held.payload = json{{"author", "Jörg <b>"}, {"body", "Schön & gut"}}.dump();
  server::OutboxEntry reported = held;
  reported.id = 2;
  reported.event = "comment.reported";
  server::ModeratorMail mail{{"smtp://127.0.0.1:25", "soundoff@example.org", "", "", false},
                             {"mod@example.org"},
                             "https://zeitung.example",
                             true,
                             "de"};
  const std::string digest = server::moderator_digest({&held, &reported}, mail, 0);
  const std::string headers = digest.substr(0, digest.find("\r\n\r\n"));
  EXPECT_NE(headers.find("Content-Language: de\r\n"), std::string::npos) << headers;
  EXPECT_NE(headers.find("Subject: " +
                         server::encoded_word("[Soundoff] 2 Moderationsmeldungen: 1 zurückgehalten, 1 gemeldet")),
            std::string::npos)
      << headers;
  const std::string alert = server::moderator_alert(held, mail, 0);
  EXPECT_NE(alert.find(server::encoded_word("[Soundoff] Ein Kommentar wartet auf Prüfung (artikel, Jörg <b>)")),
            std::string::npos);
  mail.lang = "en";
  EXPECT_NE(server::moderator_alert(held, mail, 0).find("Content-Language: en\r\n"), std::string::npos);

  server::NotifyConfig config;
  EXPECT_FALSE(server::read_notify_config(json{{"moderator_mail_language", "de"}}, config).has_value());
  EXPECT_EQ(config.moderator_mail_language, "de");
  const auto refused = server::read_notify_config(json{{"moderator_mail_language", "fr"}}, config);
  ASSERT_TRUE(refused.has_value());
  EXPECT_NE(refused->message.find("moderator_mail_language"), std::string::npos) << refused->message;
}

TEST(ModeratorDigest, TheConfigKeyIsInMinutesAndChecked) {
  server::NotifyConfig out;
  const auto read = server::read_notify_config(json{{"moderator_digest_minutes", 15}}, out);
  EXPECT_FALSE(read.has_value()) << read->message;
  EXPECT_EQ(out.moderator_digest_ms, 15 * 60000);
  for (const json& bad : {json(-1), json(1441), json(1.5), json("15")}) {
    server::NotifyConfig refused;
    auto error = server::read_notify_config(json{{"moderator_digest_minutes", bad}}, refused);
    ASSERT_TRUE(error) << bad.dump();
    EXPECT_NE(error->message.find("moderator_digest_minutes"), std::string::npos) << error->message;
  }
}

}  // namespace
}  // namespace soundoff::test
