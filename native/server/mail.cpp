#include "server/mail.h"

#include <curl/curl.h>
#include <openssl/evp.h>

#include <ctime>
#include <memory>
#include <nlohmann/json.hpp>
#include <utility>

#include "server/http_util.h"
#include "server/moderator_mail_text.h"
#include "server/reader_mail_text.h"
#include "soundoff/utf8.h"

namespace soundoff::server {

namespace {

using nlohmann::json;

std::string base64(const std::string& data) {
  std::string out(4 * ((data.size() + 2) / 3) + 1, '\0');
  const int n = EVP_EncodeBlock(reinterpret_cast<unsigned char*>(out.data()),
                                reinterpret_cast<const unsigned char*>(data.data()), static_cast<int>(data.size()));
  out.resize(static_cast<std::size_t>(n));
  return out;
}

struct Upload {
  const std::string* data;
  std::size_t offset = 0;
};

std::size_t read_upload(char* buffer, std::size_t size, std::size_t count, void* user) {
  auto* upload = static_cast<Upload*>(user);
  const std::size_t n = std::min(size * count, upload->data->size() - upload->offset);
  upload->data->copy(buffer, n, upload->offset);  // a byte range of the message: no terminator wanted
  upload->offset += n;
  return n;
}

}  // namespace

// A base64 body part wrapped at 76 characters (RFC 2045).
std::string multipart_alternative(const std::string& boundary, const std::string& text, const std::string& html) {
  std::string m = "Content-Type: multipart/alternative; boundary=\"" + boundary + "\"\r\n\r\n";
  m += "--" + boundary + "\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: base64\r\n\r\n";
  m += base64_lines(text);
  m += "--" + boundary + "\r\nContent-Type: text/html; charset=utf-8\r\nContent-Transfer-Encoding: base64\r\n\r\n";
  m += base64_lines(html);
  m += "--" + boundary + "--\r\n";
  return m;
}

std::string base64_lines(const std::string& data) {
  const std::string encoded = base64(data);
  std::string out;
  for (std::size_t i = 0; i < encoded.size(); i += 76) out += encoded.substr(i, 76) + "\r\n";
  return out;
}

// An RFC 2047 encoded word: whatever the text holds, the header stays one line of ASCII.
std::string encoded_word(const std::string& text) { return "=?UTF-8?B?" + base64(text) + "?="; }

std::string rfc5322_date(std::int64_t now_ms) {
  const std::time_t t = static_cast<std::time_t>(now_ms / 1000);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[64];
  std::strftime(buf, sizeof buf, "%a, %d %b %Y %H:%M:%S +0000", &tm);
  return buf;
}

namespace {

// What a moderator alert says about one row: the headline, the comment's
// author and an excerpt of its text, and the console queue it waits in.
struct AlertItem {
  std::string headline;
  std::string thread;
  std::string author;
  std::string body;
  std::string link;
};

AlertItem alert_item(const OutboxEntry& entry, const ModeratorMail& mail, std::size_t body_bytes) {
  json comment = json::parse(entry.payload, nullptr, false);
  if (comment.is_discarded() || !comment.is_object()) comment = json::object();
  return {alert_headline(moderator_mail_words(mail.lang), entry.event), entry.thread,
          utf8_excerpt(comment.value("author", ""), 100), utf8_excerpt(comment.value("body", ""), body_bytes),
          console_link(mail.public_url, entry.event)};
}

// One alert as text lines and as an HTML fragment, every user string escaped in the HTML.
std::string item_text(const AlertItem& item, const ModeratorMailWords& words, const std::string& indent) {
  return item.headline + "\r\n" + indent + words.thread + ": " + item.thread + "\r\n" + indent + words.author + ": " +
         item.author + "\r\n\r\n" + indent + item.body + "\r\n\r\n" + indent + words.review + ": " + item.link + "\r\n";
}
std::string item_html(const AlertItem& item, const ModeratorMailWords& words) {
  return "<p><strong>" + html_escape(item.headline) + "</strong><br>" + html_escape(words.thread) + ": " +
         html_escape(item.thread) + "<br>" + html_escape(words.author) + ": " + html_escape(item.author) +
         "</p><blockquote style=\"white-space:pre-wrap\">" + html_escape(item.body) + "</blockquote><p><a href=\"" +
         html_escape(item.link) + "\">" + html_escape(words.review_link) + "</a></p>";
}

// The headers of every moderator alert. Every value is a checked config
// address, a constant, a number or an encoded word: no user text can end a
// header line.
std::string alert_headers(const ModeratorMail& mail, const std::string& subject, const std::string& message_id,
                          std::int64_t now_ms) {
  std::string recipients;
  for (const auto& address : mail.to) recipients += (recipients.empty() ? "" : ", ") + address;
  std::string m;
  m += "From: " + mail.smtp.from + "\r\n";
  m += "To: " + recipients + "\r\n";
  m += "Subject: " + encoded_word(subject) + "\r\n";
  m += "Date: " + rfc5322_date(now_ms) + "\r\n";
  m += "Message-ID: <" + message_id + "." + std::to_string(now_ms) + "@soundoff.invalid>\r\n";
  m += "MIME-Version: 1.0\r\n";
  m += std::string("Content-Language: ") + (mail.lang == "de" ? "de" : "en") + "\r\n";
  m += "Auto-Submitted: auto-generated\r\n";
  m += "List-Unsubscribe: <mailto:" + mail.smtp.from + "?subject=unsubscribe>\r\n";
  return m;
}

std::string html_page(const ModeratorMail& mail, const std::string& content) {
  return std::string("<!doctype html><html lang=\"") + (mail.lang == "de" ? "de" : "en") + "\"><body>" + content +
         "</body></html>";
}

}  // namespace

std::string moderator_alert(const OutboxEntry& entry, const ModeratorMail& mail, std::int64_t now_ms) {
  const ModeratorMailWords& words = moderator_mail_words(mail.lang);
  const AlertItem item = alert_item(entry, mail, 2000);
  const std::string boundary = "soundoff-" + std::to_string(entry.id) + "-" + std::to_string(now_ms);
  return alert_headers(mail, "[Soundoff] " + item.headline + " (" + item.thread + ", " + item.author + ")",
                       "outbox-" + std::to_string(entry.id), now_ms) +
         multipart_alternative(boundary, item_text(item, words, ""), html_page(mail, item_html(item, words)));
}

std::string moderator_digest(const std::vector<const OutboxEntry*>& entries, const ModeratorMail& mail,
                             std::int64_t now_ms) {
  const ModeratorMailWords& words = moderator_mail_words(mail.lang);
  std::size_t held = 0;
  std::size_t reported = 0;
  std::size_t hidden = 0;
  std::string text_items;
  std::string html_items;
  for (std::size_t i = 0; i < entries.size(); ++i) {
    const OutboxEntry& entry = *entries[i];
    held += entry.event == "comment.held" ? 1 : 0;
    reported += entry.event == "comment.reported" ? 1 : 0;
    hidden += entry.event == "comment.hidden" ? 1 : 0;
    const AlertItem item = alert_item(entry, mail, 500);
    text_items += std::to_string(i + 1) + ". " + item_text(item, words, "   ") + "\r\n";
    html_items += "<li>" + item_html(item, words) + "</li>";
  }
  // A digest may hold two alerts about one comment (reported, then hidden): it counts alerts.
  const std::pair<std::size_t, const char*> tallies[] = {
      {held, words.count_held}, {reported, words.count_reported}, {hidden, words.count_hidden}};
  std::string counts;
  for (const auto& [n, label] : tallies)
    if (n > 0) counts += (counts.empty() ? "" : ", ") + fill_template(label, {{"n", std::to_string(n)}});
  const std::string headline = fill_template(words.digest, {{"n", std::to_string(entries.size())}, {"counts", counts}});
  const std::string first = std::to_string(entries.front()->id);
  return alert_headers(mail, "[Soundoff] " + headline, "digest-" + first + "-" + std::to_string(entries.size()),
                       now_ms) +
         multipart_alternative(
             "soundoff-digest-" + first + "-" + std::to_string(now_ms), headline + "\r\n\r\n" + text_items,
             html_page(mail, "<p><strong>" + html_escape(headline) + "</strong></p><ol>" + html_items + "</ol>"));
}

MailDeliverer::MailDeliverer(ModeratorMail mail) : mail_(std::move(mail)) {
  curl_global_init(CURL_GLOBAL_DEFAULT);  // on the starting thread, before any sender runs
}

DeliveryOutcome MailDeliverer::deliver(const OutboxEntry& entry) {
  return send_mail(mail_.smtp, mail_.to, moderator_alert(entry, mail_, outbox_clock_ms()));
}

DeliveryOutcome MailDeliverer::deliver_together(const std::vector<const OutboxEntry*>& entries) {
  if (entries.size() == 1) return deliver(*entries.front());
  return send_mail(mail_.smtp, mail_.to, moderator_digest(entries, mail_, outbox_clock_ms()));
}

DeliveryOutcome send_mail(const SmtpConfig& smtp, const std::vector<std::string>& to, const std::string& message) {
  std::unique_ptr<CURL, void (*)(CURL*)> curl(curl_easy_init(), curl_easy_cleanup);
  if (!curl) return {false, "cannot start libcurl"};
  curl_slist* rcpt = nullptr;
  for (const auto& address : to) rcpt = curl_slist_append(rcpt, ("<" + address + ">").c_str());
  std::unique_ptr<curl_slist, void (*)(curl_slist*)> rcpt_list(rcpt, curl_slist_free_all);
  Upload upload{&message};
  const std::string from = "<" + smtp.from + ">";
  CURL* c = curl.get();
  curl_easy_setopt(c, CURLOPT_URL, smtp.url.c_str());
  curl_easy_setopt(c, CURLOPT_PROTOCOLS_STR, "smtp,smtps");
  curl_easy_setopt(c, CURLOPT_MAIL_FROM, from.c_str());
  curl_easy_setopt(c, CURLOPT_MAIL_RCPT, rcpt_list.get());
  if (!smtp.username.empty()) {
    curl_easy_setopt(c, CURLOPT_USERNAME, smtp.username.c_str());
    curl_easy_setopt(c, CURLOPT_PASSWORD, smtp.password.c_str());
  }
  // smtps:// is TLS from the start; smtp:// upgrades with STARTTLS unless told not to.
  if (smtp.starttls) curl_easy_setopt(c, CURLOPT_USE_SSL, static_cast<long>(CURLUSESSL_ALL));
  curl_easy_setopt(c, CURLOPT_UPLOAD, 1L);
  curl_easy_setopt(c, CURLOPT_READFUNCTION, read_upload);
  curl_easy_setopt(c, CURLOPT_READDATA, &upload);
  curl_easy_setopt(c, CURLOPT_INFILESIZE, static_cast<long>(message.size()));
  curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT_MS, 5000L);
  curl_easy_setopt(c, CURLOPT_TIMEOUT_MS, 10000L);
  curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(c, CURLOPT_NOPROXY, "*");
  const CURLcode rc = curl_easy_perform(c);
  if (rc != CURLE_OK) return {false, std::string("mail not sent: ") + curl_easy_strerror(rc)};
  return {true, ""};
}

}  // namespace soundoff::server
