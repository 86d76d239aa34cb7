// The reader's erase link end to end (docs/privacy.md, "Erasing a person";
// docs/notifications.md, "Reader mail"): the confirmation and reply mails a
// real SMTP server (python3-aiosmtpd) receives carry /notify/erase; its GET
// only shows a page; its POST erases every comment of the address on the
// site, by the admin erase's path (caches reloaded, audit row without the
// address, nothing of the person left in the database); unsubscribe, confirm
// and tampered tokens erase nothing. Runs on both backends.
#include <gtest/gtest.h>

#include <cctype>
#include <chrono>

#include "server/reader_mail_deliverer.h"
#include "server/reader_mail_support.h"
#include "server/reader_mail_token.h"
#include "server/stored_text.h"

namespace soundoff::test {
namespace {

using nlohmann::json;

const std::string kAnn = "ann.eraser@example.org";
const std::string kAnnBody = "words of the erasing reader";
const std::string kAnnOther = "another thread, another opinion";

std::string page_of(httplib::Client& client, const std::string& thread) {
  auto res = client.Get("/api/threads/" + thread + "/comments");
  EXPECT_TRUE(res && res->status == 200);
  return res ? res->body : "";
}

std::string embed_of(httplib::Client& client, const std::string& thread) {
  auto res = client.Get("/embed/threads/" + thread);
  EXPECT_TRUE(res && res->status == 200);
  return res ? res->body : "";
}

httplib::Result post_form(httplib::Client& client, const std::string& path) {
  return client.Post(path, "", "application/x-www-form-urlencoded");
}

// The token of a /notify/... link (what follows "token=", up to "&").
std::string token_of(const std::string& link) {
  const auto at = link.find("token=");
  if (at == std::string::npos) return {};
  const auto from = at + 6;
  return link.substr(from, link.find('&', from) - from);
}

// The key the server made and keeps in the database (reader_token_key setting).
std::string stored_token_key(server::Storage& store) {
  auto row = store.load_setting("reader_token_key");
  EXPECT_TRUE(row && *row);
  return row && *row ? json::parse((*row)->value).get<std::string>() : "";
}

// Ann comments in two threads (subscribing in the first), Bob replies to her:
// the confirmation and, once she confirmed, the reply mail.
class EraseLink : public ::testing::Test {
 protected:
  EraseLink() : config_(reply_mail_config(dir_, smtp_)), server_(config_), client_(server_.client()) {}

  void subscribe_and_get_a_reply() {
    ASSERT_GT(smtp_.port(), 0) << "the SMTP sink did not start (python3-aiosmtpd missing?)";
    ann_id_ = post(*client_, "t1",
                   {{"author", "Ann Eraser"},
                    {"body", kAnnBody},
                    {"email", "Ann.Eraser@Example.org"},
                    {"notify_replies", true}})["id"];
    const json other = post(*client_, "t2", {{"author", "Ann Eraser"}, {"body", kAnnOther}, {"email", kAnn}});
    ASSERT_EQ(other["status"], "published") << other.dump();
    auto mails = smtp_.messages(1);
    ASSERT_EQ(mails.size(), 1u);
    confirm_mail_ = mails[0];
    const std::string confirm = link_in(confirm_mail_["text/plain"], "/notify/confirm?token=");
    ASSERT_EQ(post_form(*client_, confirm)->status, 200);
    post(*client_, "t1", {{"author", "Bob"}, {"body", "bob answers ann"}, {"parent", ann_id_}});
    mails = smtp_.messages(2);
    ASSERT_EQ(mails.size(), 2u);
    reply_mail_ = mails[1];
    ASSERT_NE(reply_mail_.value("text/plain", "").find("bob answers ann"), std::string::npos) << reply_mail_.dump();
  }
  std::unique_ptr<server::Storage> open_store() {
    auto store = server::open_storage(config_.db_path, {"normal"});
    EXPECT_TRUE(store) << store.error().message;
    return store ? std::move(*store) : nullptr;
  }

  TempDir dir_;
  SmtpSink smtp_;
  server::ServerConfig config_;
  InProcessServer server_;
  std::unique_ptr<httplib::Client> client_;
  std::string ann_id_;
  json confirm_mail_, reply_mail_;
};

TEST_F(EraseLink, ReplyMailLinkShowsAPageOnGetAndErasesEveryCommentOfTheAddressOnPost) {
  subscribe_and_get_a_reply();
  // Both mails carry the link, in the text and the HTML part, with words.
  for (const json& mail : {confirm_mail_, reply_mail_}) {
    const std::string text = mail.value("text/plain", "");
    EXPECT_NE(text.find("Erase all my comments on this site: https://news.example/notify/erase?token="),
              std::string::npos)
        << text;
    const std::string html = mail.value("text/html", "");
    EXPECT_NE(html.find("<a href=\"https://news.example/notify/erase?token="), std::string::npos) << html;
    EXPECT_NE(html.find("&amp;lang=en\">Erase all my comments on this site</a>"), std::string::npos) << html;
  }
  const std::string erase = link_in(reply_mail_["text/plain"], "/notify/erase?token=");
  ASSERT_FALSE(erase.empty());
  // The link lasts 30 days from the mail, and is for erasing only.
  {
    auto store = open_store();
    ASSERT_TRUE(store);
    const std::string key = stored_token_key(*store);
    const std::int64_t now =
        std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::system_clock::now().time_since_epoch())
            .count();
    const auto token = server::verify_reader_token(token_of(erase), key, server::ReaderTokenPurpose::erase, now);
    ASSERT_TRUE(token);
    EXPECT_EQ(token->address, kAnn);
    EXPECT_TRUE(server::verify_reader_token(token_of(erase), key, server::ReaderTokenPurpose::erase,
                                            now + server::kEraseLinkMs - 3'600'000));
    EXPECT_FALSE(server::verify_reader_token(token_of(erase), key, server::ReaderTokenPurpose::erase,
                                             now + server::kEraseLinkMs + 3'600'000));
    EXPECT_FALSE(server::verify_reader_token(token_of(erase), key, server::ReaderTokenPurpose::unsubscribe, now));
  }

  // Cached pages first, so the erasure must reach the caches.
  EXPECT_NE(page_of(*client_, "t1").find(kAnnBody), std::string::npos);
  EXPECT_NE(page_of(*client_, "t2").find(kAnnOther), std::string::npos);
  EXPECT_NE(embed_of(*client_, "t1").find(kAnnBody), std::string::npos);

  // A link scanner's GET only shows the page (escaped, with a POST button) and erases nothing.
  auto page = client_->Get(erase);
  ASSERT_TRUE(page);
  EXPECT_EQ(page->status, 200);
  EXPECT_NE(page->body.find("<form method=\"post\" action=\"/notify/erase?token="), std::string::npos) << page->body;
  EXPECT_NE(page->body.find("Erase my comments</button>"), std::string::npos) << page->body;
  EXPECT_NE(page->body.find(kAnn), std::string::npos);
  EXPECT_EQ(page->get_header_value("Cache-Control"), "no-store");
  EXPECT_EQ(page->get_header_value("Referrer-Policy"), "no-referrer");
  EXPECT_NE(page_of(*client_, "t1").find(kAnnBody), std::string::npos) << "the GET erased nothing";
  EXPECT_NE(page_of(*client_, "t2").find(kAnnOther), std::string::npos) << "the GET erased nothing";

  auto erased = post_form(*client_, erase);
  ASSERT_TRUE(erased);
  EXPECT_EQ(erased->status, 200) << erased->body;
  EXPECT_NE(erased->body.find("Comments erased: 2."), std::string::npos) << erased->body;
  EXPECT_EQ(erased->get_header_value("Cache-Control"), "no-store");
  for (const std::string thread : {"t1", "t2"}) {
    const std::string after = page_of(*client_, thread);
    EXPECT_EQ(after.find(kAnnBody), std::string::npos) << thread << ": " << after;
    EXPECT_EQ(after.find(kAnnOther), std::string::npos) << thread << ": " << after;
    EXPECT_EQ(after.find("Ann Eraser"), std::string::npos) << thread << ": " << after;
  }
  EXPECT_NE(page_of(*client_, "t1").find("bob answers ann"), std::string::npos) << "Bob's reply stays, as an orphan";
  EXPECT_EQ(embed_of(*client_, "t1").find(kAnnBody), std::string::npos);

  // Twice is fine: nothing is left to erase.
  auto again = post_form(*client_, erase);
  ASSERT_TRUE(again);
  EXPECT_EQ(again->status, 200);
  EXPECT_NE(again->body.find("Comments erased: 0."), std::string::npos) << again->body;

  // No more mail: the subscription is gone with the comments.
  post(*client_, "t1", {{"author", "Carol"}, {"body", "carol posts after the erasure"}});
  auto store = open_store();
  ASSERT_TRUE(store);
  auto still = store->subscribed(kAnn, "t1");
  ASSERT_TRUE(still);
  EXPECT_FALSE(*still);
  // Audited like the admin erase, with counts only.
  auto audit = store->list_audit({.action = "person.erase"});
  ASSERT_TRUE(audit);
  ASSERT_EQ(audit->size(), 2u);
  const json detail = json::parse((*audit)[1].detail);  // newest first: [1] is the first erasure
  EXPECT_EQ((*audit)[1].actor, "reader");
  EXPECT_EQ((*audit)[1].via, "erase_link");
  EXPECT_EQ(detail["removed"], 2) << detail.dump();
  EXPECT_EQ(detail["subscriptions"], 1) << detail.dump();
  EXPECT_EQ(detail["anonymise"], false);
  // Nothing of Ann in the database: on SQLite not a byte of the files.
  std::string rows = dump_text(*store);
  for (auto& c : rows) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  EXPECT_EQ(rows.find(kAnn), std::string::npos) << rows;
  EXPECT_EQ(rows.find("ann eraser"), std::string::npos) << rows;
  EXPECT_EQ(rows.find(kAnnBody), std::string::npos) << rows;
  EXPECT_EQ(rows.find(kAnnOther), std::string::npos) << rows;
  if (testing_postgres()) return;
  for (const std::string suffix : {"", "-wal"}) {
    std::string bytes = file_bytes(config_.db_path + suffix);
    for (auto& c : bytes) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    EXPECT_EQ(bytes.find(kAnn), std::string::npos) << "the email is in comments.db" << suffix;
    EXPECT_EQ(bytes.find(kAnnBody), std::string::npos) << "the text is in comments.db" << suffix;
  }
}

TEST_F(EraseLink, UnsubscribeConfirmAndTamperedTokensEraseNothing) {
  subscribe_and_get_a_reply();
  const std::string erase = link_in(reply_mail_["text/plain"], "/notify/erase?token=");
  const std::string unsubscribe = link_in(reply_mail_["list_unsubscribe"], "/notify/unsubscribe?token=");
  const std::string confirm = link_in(confirm_mail_["text/plain"], "/notify/confirm?token=");
  ASSERT_FALSE(erase.empty() || unsubscribe.empty() || confirm.empty());
  const std::string on_erase = "/notify/erase?token=";
  // One changed character in the signed part, and one in the MAC.
  std::string tampered = token_of(erase);
  tampered[0] = tampered[0] == 'A' ? 'B' : 'A';
  std::string bad_mac = token_of(erase);
  bad_mac.back() = bad_mac.back() == 'A' ? 'B' : 'A';
  for (const std::string& path : {on_erase + token_of(unsubscribe), on_erase + token_of(confirm), on_erase + tampered,
                                  on_erase + bad_mac, on_erase, on_erase + "abc.def"}) {
    for (const bool is_post : {false, true}) {
      auto res = is_post ? post_form(*client_, path) : client_->Get(path);
      ASSERT_TRUE(res);
      EXPECT_EQ(res->status, 400) << path;
      EXPECT_NE(res->body.find("Link not valid"), std::string::npos) << res->body;
      EXPECT_EQ(res->body.find("<form"), std::string::npos) << "no button on an invalid link";
    }
  }
  // Nor does an erase token unsubscribe or confirm.
  EXPECT_EQ(post_form(*client_, "/notify/unsubscribe?token=" + token_of(erase))->status, 400);
  EXPECT_EQ(post_form(*client_, "/notify/confirm?token=" + token_of(erase))->status, 400);
  EXPECT_NE(page_of(*client_, "t1").find(kAnnBody), std::string::npos) << "nothing was erased";
  EXPECT_NE(page_of(*client_, "t2").find(kAnnOther), std::string::npos) << "nothing was erased";
  auto store = open_store();
  ASSERT_TRUE(store);
  auto still = store->subscribed(kAnn, "t1");
  ASSERT_TRUE(still);
  EXPECT_TRUE(*still) << "still subscribed";
}

TEST_F(EraseLink, GermanMailsAndPagesSayItInGerman) {
  ASSERT_GT(smtp_.port(), 0);
  post(*client_, "t3",
       {{"author", "Anna"},
        {"body", "hallo"},
        {"email", "anna@example.org"},
        {"subscribe_thread", true},
        {"lang", "de"}});
  auto mails = smtp_.messages(1);
  ASSERT_EQ(mails.size(), 1u);
  const std::string text = mails[0]["text/plain"];
  EXPECT_NE(text.find("Alle meine Kommentare auf dieser Seite löschen: https://news.example/notify/erase?token="),
            std::string::npos)
      << text;
  EXPECT_NE(mails[0].value("text/html", "").find(">Alle meine Kommentare auf dieser Seite löschen</a>"),
            std::string::npos);
  const std::string erase = link_in(text, "/notify/erase?token=");
  ASSERT_NE(erase.find("&lang=de"), std::string::npos) << erase;
  auto page = client_->Get(erase);
  ASSERT_TRUE(page);
  EXPECT_EQ(page->status, 200);
  EXPECT_NE(page->body.find("<html lang=\"de\">"), std::string::npos) << page->body;
  EXPECT_NE(page->body.find("Meine Kommentare löschen</button>"), std::string::npos) << page->body;
  auto done = post_form(*client_, erase);
  ASSERT_TRUE(done);
  EXPECT_EQ(done->status, 200);
  EXPECT_NE(done->body.find("Gelöschte Kommentare: 1."), std::string::npos) << done->body;
  auto invalid = client_->Get("/notify/erase?token=abc.def", {{"Accept-Language", "de"}});
  ASSERT_TRUE(invalid);
  EXPECT_EQ(invalid->status, 400);
  EXPECT_NE(invalid->body.find("Link ungültig"), std::string::npos) << invalid->body;
}

}  // namespace
}  // namespace soundoff::test
