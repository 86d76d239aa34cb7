// Reply mail to readers end to end (docs/notifications.md, "Reader mail"):
// a POST with notify_replies stores a pending subscription and mails a
// confirmation to a real SMTP server (python3-aiosmtpd); the confirm link's
// GET only shows a page, its POST confirms; replies then mail the subscriber
// with RFC 8058 headers, never the replier themself; the one-click
// unsubscribe POST stops the mail; the per-address limit stops the fourth
// confirmation; header injection is refused with 400. Runs on both backends.
#include <gtest/gtest.h>

#include <chrono>
#include <fstream>
#include <thread>

#include "server/address_mask.h"
#include "server/reader_mail_support.h"

namespace soundoff::test {
namespace {

using nlohmann::json;

const httplib::Headers kAdmin = {{"Authorization", "Bearer " + kReaderMailToken}};

bool has_header(const json& mail, const std::string& line) {
  for (const auto& h : mail["header_lines"])
    if (h.get<std::string>() == line) return true;
  return false;
}

// (messages(n) returns every mail received once there are n: after settle(), more than n means too many.)
// Long enough for the sender (polling every 20 ms) to have sent anything that was queued.
void settle() { std::this_thread::sleep_for(std::chrono::milliseconds(800)); }

TEST(ReplyMail, ConfirmedSubscriberHearsOfRepliesUntilOneClickUnsubscribe) {
  TempDir dir;
  SmtpSink smtp;
  ASSERT_GT(smtp.port(), 0) << "the SMTP sink did not start (python3-aiosmtpd missing?)";
  InProcessServer server(reply_mail_config(dir, smtp));
  auto client = server.client();

  const json ann = post(*client, "t1",
                        {{"author", "Ann"}, {"body", "first"}, {"email", "Ann@Example.org"}, {"notify_replies", true}});
  EXPECT_EQ(ann["notify"], "requested");
  const std::string ann_id = ann["id"];
  auto mails = smtp.messages(1);
  ASSERT_EQ(mails.size(), 1u);
  EXPECT_EQ(mails[0]["rcpt_tos"], json::array({"ann@example.org"}));
  const std::string confirm = link_in(mails[0]["text/plain"], "/notify/confirm?token=");
  ASSERT_FALSE(confirm.empty()) << mails[0].dump();

  // A link scanner's GET only shows the page (escaped, with a POST button) and confirms nothing.
  auto page = client->Get(confirm);
  ASSERT_TRUE(page);
  EXPECT_EQ(page->status, 200);
  EXPECT_NE(page->body.find("<form method=\"post\""), std::string::npos) << page->body;
  EXPECT_NE(page->body.find("ann@example.org"), std::string::npos);
  post(*client, "t1", {{"author", "Bob"}, {"body", "reply while unconfirmed"}, {"parent", ann_id}});

  auto confirmed = client->Post(confirm, "", "application/x-www-form-urlencoded");
  ASSERT_TRUE(confirmed);
  EXPECT_EQ(confirmed->status, 200) << confirmed->body;
  post(*client, "t1", {{"author", "Bob"}, {"body", "reply <b>after</b> confirming"}, {"parent", ann_id}});
  mails = smtp.messages(2);
  ASSERT_EQ(mails.size(), 2u);
  const json reply = mails[1];
  EXPECT_EQ(reply["rcpt_tos"], json::array({"ann@example.org"}));
  EXPECT_NE(reply.value("text/plain", "").find("reply <b>after</b> confirming"), std::string::npos) << reply.dump();
  EXPECT_EQ(reply.value("text/plain", "").find("while unconfirmed"), std::string::npos)
      << "the reply before the confirmation mailed nobody";
  EXPECT_NE(reply.value("text/html", "").find("reply &lt;b&gt;after&lt;/b&gt;"), std::string::npos);
  EXPECT_TRUE(has_header(reply, "List-Unsubscribe-Post: List-Unsubscribe=One-Click")) << reply.dump();
  const std::string header = reply["list_unsubscribe"];
  ASSERT_EQ(header.rfind("<https://news.example/notify/unsubscribe?token=", 0), 0u) << header;

  // Ann answering on her own comment mails nobody; Carol's reply mails Ann.
  post(*client, "t1",
       {{"author", "Ann"}, {"body", "my own follow-up"}, {"parent", ann_id}, {"email", "ann@example.org"}});
  post(*client, "t1", {{"author", "Carol"}, {"body", "carol replies"}, {"parent", ann_id}});
  mails = smtp.messages(3);
  ASSERT_EQ(mails.size(), 3u);
  EXPECT_NE(mails[2].value("text/plain", "").find("carol replies"), std::string::npos)
      << "the third mail is Carol's reply, not Ann's own: " << mails[2].dump();

  // RFC 8058 one click: a POST of the fixed body, no cookie, no CSRF token.
  const std::string unsubscribe = header.substr(std::string("<https://news.example").size(),
                                                header.find('>') - std::string("<https://news.example").size());
  auto stopped = client->Post(unsubscribe, "List-Unsubscribe=One-Click", "application/x-www-form-urlencoded");
  ASSERT_TRUE(stopped);
  EXPECT_EQ(stopped->status, 200) << stopped->body;
  post(*client, "t1", {{"author", "Dave"}, {"body", "nobody hears this"}, {"parent", ann_id}});
  settle();
  EXPECT_EQ(smtp.messages(3).size(), 3u) << "no mail after the unsubscribe";
  // The confirmation link of a subscription that is gone confirms nothing.
  auto again = client->Post(confirm, "", "application/x-www-form-urlencoded");
  ASSERT_TRUE(again);
  EXPECT_EQ(again->status, 404);
}

TEST(ReplyMail, HeldReplyMailsOnlyOnceApprovedAndThreadSubscriptionCoversEveryComment) {
  TempDir dir;
  SmtpSink smtp;
  ASSERT_GT(smtp.port(), 0);
  auto config = reply_mail_config(dir, smtp);
  config.hold_all = true;
  InProcessServer server(config);
  auto client = server.client();
  const json ann =
      post(*client, "t2",
           {{"author", "Ann"}, {"body", "watching"}, {"email", "ann@example.org"}, {"subscribe_thread", true}});
  ASSERT_EQ(post_json(*client, "/api/comments/" + ann["id"].get<std::string>() + "/approve", "{}", kAdmin)->status,
            200);
  auto mails = smtp.messages(1);
  ASSERT_EQ(mails.size(), 1u);
  const std::string confirm = link_in(mails[0]["text/plain"], "/notify/confirm?token=");
  ASSERT_EQ(client->Post(confirm, "", "application/x-www-form-urlencoded")->status, 200);

  const json held = post(*client, "t2", {{"author", "Bob"}, {"body", "top-level, held"}});
  EXPECT_EQ(held["status"], "pending");
  settle();
  EXPECT_EQ(smtp.messages(1).size(), 1u) << "a held comment mails nobody";
  ASSERT_EQ(post_json(*client, "/api/comments/" + held["id"].get<std::string>() + "/approve", "{}", kAdmin)->status,
            200);
  mails = smtp.messages(2);
  ASSERT_EQ(mails.size(), 2u) << "approval publishes it, and the thread's subscriber hears of it";
  EXPECT_NE(mails[1].value("text/plain", "").find("top-level, held"), std::string::npos);
}

TEST(ReplyMail, CommentPublishedHiddenAndApprovedAgainMailsEachSubscriberOnce) {
  TempDir dir;
  SmtpSink smtp;
  ASSERT_GT(smtp.port(), 0);
  auto config = reply_mail_config(dir, smtp);
  config.report_threshold = 1;
  InProcessServer server(config);
  auto client = server.client();
  const json ann =
      post(*client, "t6",
           {{"author", "Ann"}, {"body", "watching"}, {"email", "ann@example.org"}, {"subscribe_thread", true}});
  auto mails = smtp.messages(1);
  ASSERT_EQ(mails.size(), 1u);
  ASSERT_EQ(
      client->Post(link_in(mails[0]["text/plain"], "/notify/confirm?token="), "", "application/x-www-form-urlencoded")
          ->status,
      200);
  const std::string bob =
      post(*client, "t6", {{"author", "Bob"}, {"body", "bob's reply"}, {"parent", ann["id"]}})["id"];
  ASSERT_EQ(smtp.messages(2).size(), 2u);

  // Hidden by a report and approved; rejected as spam and approved: published three times in all.
  ASSERT_EQ(post_json(*client, "/api/comments/" + bob + "/report", "{}")->status, 200);
  ASSERT_EQ(post_json(*client, "/api/comments/" + bob + "/approve", "{}", kAdmin)->status, 200);
  ASSERT_EQ(post_json(*client, "/api/comments/" + bob + "/reject", "{}", kAdmin)->status, 200);
  ASSERT_EQ(post_json(*client, "/api/comments/" + bob + "/approve", "{}", kAdmin)->status, 200);
  auto listed = client->Get("/api/threads/t6/comments");
  ASSERT_TRUE(listed);
  EXPECT_NE(listed->body.find("bob's reply"), std::string::npos) << "Bob's reply is published again";
  post(*client, "t6", {{"author", "Carol"}, {"body", "carol's reply"}});
  mails = smtp.messages(3);
  settle();
  mails = smtp.messages(3);
  ASSERT_EQ(mails.size(), 3u) << "one mail for Bob's reply however often it is approved, one for Carol's";
  EXPECT_NE(mails[1].value("text/plain", "").find("bob's reply"), std::string::npos);
  EXPECT_NE(mails[2].value("text/plain", "").find("carol's reply"), std::string::npos) << mails[2].dump();
}

TEST(ReplyMail, ConfirmAndUnsubscribePagesAnswerInTheSubscriptionsLanguageElseAcceptLanguage) {
  TempDir dir;
  SmtpSink smtp;
  ASSERT_GT(smtp.port(), 0);
  InProcessServer server(reply_mail_config(dir, smtp));
  auto client = server.client();
  post(*client, "t7",
       {{"author", "Anna"},
        {"body", "hallo"},
        {"email", "anna@example.org"},
        {"subscribe_thread", true},
        {"lang", "de"}});
  auto mails = smtp.messages(1);
  ASSERT_EQ(mails.size(), 1u);
  const std::string confirm = link_in(mails[0]["text/plain"], "/notify/confirm?token=");
  ASSERT_NE(confirm.find("&lang=de"), std::string::npos) << confirm;
  auto page = client->Get(confirm);
  ASSERT_TRUE(page);
  EXPECT_EQ(page->status, 200);
  EXPECT_NE(page->body.find("<html lang=\"de\">"), std::string::npos) << page->body;
  EXPECT_NE(page->body.find("Benachrichtigung bestätigen"), std::string::npos) << page->body;
  EXPECT_NE(page->body.find("action=\"/notify/confirm?token="), std::string::npos);
  EXPECT_NE(page->body.find("&amp;lang=de\""), std::string::npos) << "the button keeps the language";
  auto done = client->Post(confirm, "", "application/x-www-form-urlencoded");
  ASSERT_TRUE(done);
  EXPECT_EQ(done->status, 200);
  EXPECT_NE(done->body.find("Benachrichtigung bestätigt"), std::string::npos) << done->body;

  // Without lang in the link (an older mail) the browser's first language decides.
  const std::string unsubscribe = link_in(mails[0]["list_unsubscribe"], "/notify/unsubscribe?token=");
  ASSERT_NE(unsubscribe.find("&lang=de"), std::string::npos) << unsubscribe;
  const std::string bare = unsubscribe.substr(0, unsubscribe.find("&lang="));
  auto german = client->Get(bare, {{"Accept-Language", "de-AT,de;q=0.9,en;q=0.5"}});
  ASSERT_TRUE(german);
  EXPECT_NE(german->body.find("Benachrichtigung abbestellen"), std::string::npos) << german->body;
  EXPECT_EQ(german->get_header_value("Content-Language"), "de");
  auto english = client->Get(bare, {{"Accept-Language", "en-GB,de;q=0.8"}});
  ASSERT_TRUE(english);
  EXPECT_NE(english->body.find("Stop reply mail"), std::string::npos) << english->body;
  EXPECT_NE(english->body.find("<html lang=\"en\">"), std::string::npos);
  auto invalid = client->Get("/notify/confirm?token=abc.def", {{"Accept-Language", "de"}});
  ASSERT_TRUE(invalid);
  EXPECT_EQ(invalid->status, 400);
  EXPECT_NE(invalid->body.find("Link ungültig"), std::string::npos) << invalid->body;
  auto stopped = client->Post(unsubscribe, "List-Unsubscribe=One-Click", "application/x-www-form-urlencoded");
  ASSERT_TRUE(stopped);
  EXPECT_EQ(stopped->status, 200);
  EXPECT_NE(stopped->body.find("Benachrichtigung abbestellt"), std::string::npos) << stopped->body;
}

TEST(ReplyMail, AdminOutboxListShowsReaderAddressesMasked) {
  EXPECT_EQ(server::masked_address("mia@example.com"), "m***@example.com");
  EXPECT_EQ(server::masked_address("m@example.com"), "***@example.com") << "one character would be all of it";
  EXPECT_EQ(server::masked_address("no-at-sign"), "***");

  TempDir dir;
  SmtpSink smtp;
  ASSERT_GT(smtp.port(), 0);
  auto config = reply_mail_config(dir, smtp);
  // Nothing listens on port 1: the confirmation stays in the outbox, pending a retry.
  config.notify.smtp->url = "smtp://127.0.0.1:1";
  config.notify.outbox.backoff_base_ms = 60000;
  config.notify.outbox.backoff_cap_ms = 60000;
  InProcessServer server(config);
  auto client = server.client();
  post(*client, "t8",
       {{"author", "Mia"}, {"body", "x"}, {"email", "Mia.Muster@example.com"}, {"notify_replies", true}});
  auto res = client->Get("/api/admin/outbox?state=pending", kAdmin);
  ASSERT_TRUE(res);
  ASSERT_EQ(res->status, 200) << res->body;
  const json listed = body_json(res);
  ASSERT_EQ(listed["entries"].size(), 1u) << listed.dump();
  const json& entry = listed["entries"][0];
  EXPECT_EQ(entry["destination"], "reader");
  EXPECT_EQ(entry["event"], "reader.confirm");
  EXPECT_EQ(entry["comment"]["to"], "m***@example.com") << entry.dump();
  EXPECT_EQ(res->body.find("muster"), std::string::npos) << "the local part appears nowhere: " << res->body;
}

TEST(ReplyMail, FourthConfirmationOfADayIsNotSent) {
  TempDir dir;
  SmtpSink smtp;
  ASSERT_GT(smtp.port(), 0);
  InProcessServer server(reply_mail_config(dir, smtp));
  auto client = server.client();
  // Upper case counts as the same address.
  for (const char* email : {"v@example.org", "v@example.org", "V@Example.org", "v@EXAMPLE.org"}) {
    const json r =
        post(*client, "t3", {{"author", "Mallory"}, {"body", "x"}, {"email", email}, {"notify_replies", true}});
    EXPECT_EQ(r["notify"], "requested") << "the answer does not tell who is at the limit";
  }
  smtp.messages(3);
  settle();
  const auto mails = smtp.messages(3);
  EXPECT_EQ(mails.size(), 3u);
  for (const auto& m : mails) EXPECT_EQ(m["rcpt_tos"], json::array({"v@example.org"}));
}

TEST(ReplyMail, HeaderInjectionAndBadAddressesAreRefusedNamingTheField) {
  TempDir dir;
  SmtpSink smtp;
  ASSERT_GT(smtp.port(), 0);
  InProcessServer server(reply_mail_config(dir, smtp));
  auto client = server.client();
  const auto field_of = [](const json& answer) {
    return answer.contains("fields") && !answer["fields"].empty() ? answer["fields"].begin().key() : std::string();
  };
  json r = post(
      *client, "t4",
      {{"author", "Eve"}, {"body", "x"}, {"email", "eve@example.org\r\nBcc: v@evil.example"}, {"notify_replies", true}},
      400);
  EXPECT_EQ(field_of(r), "email") << r.dump();
  r = post(*client, "t4",
           {{"author", "Eve"}, {"body", "x"}, {"email", "eve@example.org>, v@evil.example"}, {"notify_replies", true}},
           400);
  EXPECT_EQ(field_of(r), "email") << r.dump();
  r = post(
      *client, "t4",
      {{"author", "Eve\r\nBcc: v@evil.example"}, {"body", "x"}, {"email", "eve@example.org"}, {"notify_replies", true}},
      400);
  EXPECT_EQ(field_of(r), "author") << r.dump();
  r = post(*client, "t4", {{"author", "Eve"}, {"body", "x"}, {"notify_replies", true}}, 400);
  EXPECT_EQ(field_of(r), "email") << "an address is needed: " << r.dump();
  r = post(*client, "t4", {{"author", "Eve"}, {"body", "x"}, {"notify_replies", "yes"}}, 400);
  EXPECT_EQ(field_of(r), "notify_replies") << r.dump();
  // Forged and re-purposed tokens are refused.
  auto bad = client->Post("/notify/unsubscribe?token=abc.def", "List-Unsubscribe=One-Click",
                          "application/x-www-form-urlencoded");
  ASSERT_TRUE(bad);
  EXPECT_EQ(bad->status, 400);
  settle();
  EXPECT_EQ(smtp.messages(0).size(), 0u) << "nothing refused was mailed";
}

TEST(ReplyMail, WithReaderMailOffTheRequestIsIgnoredAndSaysSo) {
  TempDir dir;
  InProcessServer server(test_config(dir));
  auto client = server.client();
  const json r =
      post(*client, "t5", {{"author", "Ann"}, {"body", "x"}, {"email", "a@example.org"}, {"notify_replies", true}});
  EXPECT_EQ(r["notify"], "off");
  auto page = client->Get("/notify/confirm?token=anything");
  ASSERT_TRUE(page);
  EXPECT_EQ(page->status, 400);
}

TEST(ReplyMail, ConfigRefusesReaderMailWithoutSmtpAndBadKeysNamingTheKey) {
  TempDir dir;
  const auto load = [&](const std::string& text) {
    const std::string path = dir.file("c.json");
    std::ofstream(path) << text;
    return server::load_config_file(path, {});
  };
  const auto error_of = [&](const std::string& text) {
    const auto c = load(text);
    return c ? std::string() : c.error().message;
  };
  EXPECT_NE(error_of(R"({"reader_mail": {"enabled": true}})").find("reader_mail.enabled"), std::string::npos);
  const std::string smtp = R"("smtp": {"url": "smtp://127.0.0.1:25", "from": "s@example.org", "starttls": false})";
  EXPECT_NE(error_of("{" + smtp + R"(, "reader_mail": {"enabled": true, "token_key": "short"}})")
                .find("reader_mail.token_key"),
            std::string::npos);
  EXPECT_NE(error_of("{" + smtp + R"(, "reader_mail": {"enabled": true, "replies_per_hour": 0}})")
                .find("reader_mail.replies_per_hour"),
            std::string::npos);
  EXPECT_NE(error_of("{" + smtp + R"(, "reader_mail": {"enable": true}})").find("reader_mail.enable"),
            std::string::npos);
  const auto good = load("{" + smtp + R"(, "reader_mail": {"enabled": true, "confirmations_per_day": 5}})");
  ASSERT_TRUE(good) << good.error().message;
  EXPECT_TRUE(good->notify.mails_readers());
  EXPECT_EQ(good->notify.reader_mail.confirmations_per_day, 5u);
}

}  // namespace
}  // namespace soundoff::test
