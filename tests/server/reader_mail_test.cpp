// Reader mail building blocks (docs/notifications.md, "Reader mail"): signed
// confirmation/unsubscribe/erase tokens, the checks against header injection, the
// language choice, and the confirmation and reply messages as a real SMTP
// server (tests/server/smtp_sink.py) receives and parses them.
#include "server/reader_mail.h"

#include <gtest/gtest.h>

#include "server/mail.h"
#include "server/reader_mail_text.h"
#include "server/reader_mail_token.h"
#include "server/smtp_sink.h"

namespace soundoff::test {
namespace {

using nlohmann::json;
using server::ReaderMail;
using server::ReaderMailKind;
using server::ReaderToken;
using server::ReaderTokenPurpose;

constexpr std::int64_t kNow = 1'800'000'000'000;

ReaderToken sample_token() {
  return {ReaderTokenPurpose::unsubscribe, "ann@example.org", "my-article", "42", kNow + 60'000};
}

TEST(ReaderMailToken, RoundTripsAndIsUrlSafe) {
  const std::string key = server::new_reader_token_key();
  const std::string text = server::sign_reader_token(sample_token(), key);
  EXPECT_EQ(text.find_first_not_of("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_."),
            std::string::npos)
      << text;
  const auto back = server::verify_reader_token(text, key, ReaderTokenPurpose::unsubscribe, kNow);
  ASSERT_TRUE(back);
  EXPECT_EQ(back->address, "ann@example.org");
  EXPECT_EQ(back->thread, "my-article");
  EXPECT_EQ(back->comment, "42");
}

TEST(ReaderMailToken, RefusesOtherKeyTamperingExpiryAndPurpose) {
  const std::string key = server::new_reader_token_key();
  const std::string text = server::sign_reader_token(sample_token(), key);
  EXPECT_FALSE(
      server::verify_reader_token(text, server::new_reader_token_key(), ReaderTokenPurpose::unsubscribe, kNow));
  EXPECT_FALSE(server::verify_reader_token(text, key, ReaderTokenPurpose::confirm, kNow)) << "an unsubscribe link "
                                                                                             "cannot confirm";
  EXPECT_FALSE(server::verify_reader_token(text, key, ReaderTokenPurpose::unsubscribe, kNow + 60'000)) << "expired";
  // Another address under the same MAC.
  ReaderToken other = sample_token();
  other.address = "eve@example.org";
  const std::string other_signed = server::sign_reader_token(other, key);
  const std::string forged = other_signed.substr(0, other_signed.find('.')) + text.substr(text.find('.'));
  EXPECT_FALSE(server::verify_reader_token(forged, key, ReaderTokenPurpose::unsubscribe, kNow));
  std::string flipped = text;
  flipped.back() = flipped.back() == 'A' ? 'B' : 'A';
  EXPECT_FALSE(server::verify_reader_token(flipped, key, ReaderTokenPurpose::unsubscribe, kNow));
  EXPECT_FALSE(server::verify_reader_token("", key, ReaderTokenPurpose::unsubscribe, kNow));
  EXPECT_FALSE(server::verify_reader_token("no-dot-here", key, ReaderTokenPurpose::unsubscribe, kNow));
  EXPECT_THROW(server::sign_reader_token(sample_token(), "short"), std::invalid_argument);
}

TEST(ReaderMailToken, AnEraseTokenOnlyErasesAndNoOtherTokenErases) {
  const std::string key = server::new_reader_token_key();
  const ReaderToken erase{ReaderTokenPurpose::erase, "ann@example.org", "", "", kNow + 60'000};
  const std::string text = server::sign_reader_token(erase, key);
  const auto back = server::verify_reader_token(text, key, ReaderTokenPurpose::erase, kNow);
  ASSERT_TRUE(back);
  EXPECT_EQ(back->address, "ann@example.org");
  EXPECT_FALSE(server::verify_reader_token(text, key, ReaderTokenPurpose::unsubscribe, kNow));
  EXPECT_FALSE(server::verify_reader_token(text, key, ReaderTokenPurpose::confirm, kNow));
  for (const auto purpose : {ReaderTokenPurpose::unsubscribe, ReaderTokenPurpose::confirm}) {
    ReaderToken other = erase;
    other.purpose = purpose;
    EXPECT_FALSE(
        server::verify_reader_token(server::sign_reader_token(other, key), key, ReaderTokenPurpose::erase, kNow));
  }
}

TEST(ReaderMailInput, RefusesHeaderInjectionAndBadAddresses) {
  EXPECT_FALSE(server::reader_input_error("Ann", "ann@example.org"));
  EXPECT_TRUE(server::reader_input_error("Ann\r\nBcc: victim@example.org", "ann@example.org"));
  EXPECT_TRUE(server::reader_input_error("Ann", "ann@example.org\r\nBcc: victim@example.org"));
  EXPECT_TRUE(server::reader_input_error("Ann", "ann@example.org\n"));
  EXPECT_TRUE(server::reader_input_error("Ann", "Ann <ann@example.org>"));
  EXPECT_TRUE(server::reader_input_error("Ann", "ann@example.org, eve@example.org"));
  EXPECT_TRUE(server::reader_input_error("Ann", "not-an-address"));
  EXPECT_TRUE(server::reader_input_error("Ann", ""));
  const auto why = server::reader_input_error("Ann", "a\rb@example.org");
  ASSERT_TRUE(why);
  EXPECT_NE(why->find("email"), std::string::npos) << *why;
}

TEST(ReaderMailInput, PicksGermanFromWidgetOrAcceptLanguage) {
  EXPECT_EQ(server::reader_lang("de", "en-US"), "de");
  EXPECT_EQ(server::reader_lang("en", "de-DE"), "en") << "the widget's language wins";
  EXPECT_EQ(server::reader_lang("", "de-AT,de;q=0.9,en;q=0.5"), "de");
  EXPECT_EQ(server::reader_lang("", "en-GB,de;q=0.8"), "en");
  EXPECT_EQ(server::reader_lang("", ""), "en");
  EXPECT_EQ(server::reader_lang("", "dev"), "en");
}

TEST(ReaderMailText, FillsOncePerPlaceholder) {
  EXPECT_EQ(server::fill_template("{a} and {b} {unknown}", {{"a", "{b}"}, {"b", "x"}}), "{b} and x {unknown}");
}

server::SmtpConfig sink_config(const SmtpSink& sink) {
  return {"smtp://127.0.0.1:" + std::to_string(sink.port()), "soundoff@example.org", "", "", false};
}

TEST(ReaderMail, ReplyMailInGermanEscapesUserTextAndOffersOneClickUnsubscribe) {
  SmtpSink sink;
  ASSERT_GT(sink.port(), 0) << "the SMTP sink did not start (python3-aiosmtpd missing?)";
  const auto smtp = sink_config(sink);
  ReaderMail mail;
  mail.kind = ReaderMailKind::reply;
  mail.lang = "de";
  mail.to = "ann@example.org";
  mail.thread = "Artikel <b>eins</b>";
  mail.author = "Eve <img src=x onerror=alert(1)>";
  mail.body = "<script>alert('x')</script> & mehr";
  mail.action_url = "https://news.example/a?x=1&y=2#comment-7";
  mail.unsubscribe_url = "https://news.example/api/notify/unsubscribe?t=abc.def";
  mail.unsubscribe_mailto = "mailto:soundoff@example.org?subject=unsubscribe";
  const auto sent = server::send_mail(smtp, {mail.to}, server::reader_message(mail, smtp, 7, kNow));
  ASSERT_TRUE(sent.delivered) << sent.error;

  const auto got = sink.messages(1);
  ASSERT_EQ(got.size(), 1u);
  const json& m = got[0];
  EXPECT_EQ(m["rcpt_tos"], json::array({"ann@example.org"}));
  EXPECT_EQ(m["subject"], "Neue Antwort von Eve <img src=x onerror=alert(1)> in Artikel <b>eins</b>");
  EXPECT_EQ(
      m["list_unsubscribe"],
      "<https://news.example/api/notify/unsubscribe?t=abc.def>, <mailto:soundoff@example.org?subject=unsubscribe>");
  bool one_click = false;
  for (const auto& line : m["header_lines"]) one_click |= line == "List-Unsubscribe-Post: List-Unsubscribe=One-Click";
  EXPECT_TRUE(one_click) << m["header_lines"].dump();

  const std::string text = m["text/plain"];
  EXPECT_NE(text.find("hat in „Artikel <b>eins</b>“ geantwortet"), std::string::npos) << text;
  EXPECT_NE(text.find("<script>alert('x')</script> & mehr"), std::string::npos) << "text part is verbatim";
  EXPECT_NE(text.find("Abbestellen: https://news.example/api/notify/unsubscribe?t=abc.def"), std::string::npos);

  const std::string html = m["text/html"];
  EXPECT_EQ(html.find("<script>"), std::string::npos) << html;
  EXPECT_EQ(html.find("<img"), std::string::npos) << html;
  EXPECT_EQ(html.find("<b>"), std::string::npos) << html;
  EXPECT_NE(html.find("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; mehr"), std::string::npos) << html;
  EXPECT_NE(html.find("href=\"https://news.example/a?x=1&amp;y=2#comment-7\""), std::string::npos) << html;
  EXPECT_NE(html.find("lang=\"de\""), std::string::npos);
}

TEST(ReaderMail, ConfirmationMailCarriesTheSignedLinkThatVerifies) {
  SmtpSink sink;
  ASSERT_GT(sink.port(), 0) << "the SMTP sink did not start (python3-aiosmtpd missing?)";
  const auto smtp = sink_config(sink);
  const std::string key = server::new_reader_token_key();
  ReaderToken token{ReaderTokenPurpose::confirm, "ann@example.org", "my-article", "", kNow + 86'400'000};
  ReaderMail mail;
  mail.to = token.address;
  mail.thread = "my-article";
  mail.action_url = "https://news.example/api/notify/confirm?t=" + server::sign_reader_token(token, key);
  mail.unsubscribe_url = "https://news.example/api/notify/unsubscribe?t=x";
  const auto sent = server::send_mail(smtp, {mail.to}, server::reader_message(mail, smtp, 8, kNow));
  ASSERT_TRUE(sent.delivered) << sent.error;
  const auto got = sink.messages(1);
  ASSERT_EQ(got.size(), 1u);
  EXPECT_EQ(got[0]["subject"], "Please confirm: replies from my-article");
  const std::string text = got[0]["text/plain"];
  const auto at = text.find("?t=");
  ASSERT_NE(at, std::string::npos) << text;
  const std::string link_token = text.substr(at + 3, text.find_first_of("\r\n", at) - at - 3);
  const auto back = server::verify_reader_token(link_token, key, ReaderTokenPurpose::confirm, kNow);
  ASSERT_TRUE(back) << link_token;
  EXPECT_EQ(back->address, "ann@example.org");
}

TEST(ReaderMail, UnsafeUnsubscribeUrlIsLeftOutOfTheHeaders) {
  server::SmtpConfig smtp{"smtp://127.0.0.1:1", "soundoff@example.org", "", "", false};
  ReaderMail mail;
  mail.to = "ann@example.org";
  mail.unsubscribe_url = "https://x.example/u\r\nBcc: victim@example.org";
  const std::string message = server::reader_message(mail, smtp, 1, kNow);
  const std::string headers = message.substr(0, message.find("\r\n\r\n"));
  EXPECT_EQ(headers.find("Bcc"), std::string::npos) << headers;
  EXPECT_EQ(headers.find("List-Unsubscribe"), std::string::npos) << headers;
}

}  // namespace
}  // namespace soundoff::test
