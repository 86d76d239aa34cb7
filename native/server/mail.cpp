#include "server/mail.h"

#include <curl/curl.h>
#include <openssl/evp.h>

#include <ctime>
#include <memory>
#include <nlohmann/json.hpp>
#include <utility>

#include "server/http_util.h"
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

std::string what_happened(const std::string& event) {
  if (event == "comment.held") return "A comment is waiting for review";
  if (event == "comment.reported") return "A comment was reported";
  if (event == "comment.hidden") return "A comment was hidden by reports and waits for review";
  return event;
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

AlertItem alert_item(const OutboxEntry& entry, const std::string& public_url, std::size_t body_bytes) {
  json comment = json::parse(entry.payload, nullptr, false);
  if (comment.is_discarded() || !comment.is_object()) comment = json::object();
  return {what_happened(entry.event), entry.thread, utf8_excerpt(comment.value("author", ""), 100),
          utf8_excerpt(comment.value("body", ""), body_bytes), console_link(public_url, entry.event)};
}

// The headers of every moderator alert. Every value is a checked config
// address, a constant, a number or an encoded word: no user text can end a
// header line.
std::string alert_headers(const SmtpConfig& smtp, const std::vector<std::string>& to, const std::string& subject,
                          const std::string& message_id, std::int64_t now_ms) {
  std::string recipients;
  for (const auto& address : to) recipients += (recipients.empty() ? "" : ", ") + address;
  std::string m;
  m += "From: " + smtp.from + "\r\n";
  m += "To: " + recipients + "\r\n";
  m += "Subject: " + encoded_word(subject) + "\r\n";
  m += "Date: " + rfc5322_date(now_ms) + "\r\n";
  m += "Message-ID: <" + message_id + "." + std::to_string(now_ms) + "@soundoff.invalid>\r\n";
  m += "MIME-Version: 1.0\r\n";
  m += "Auto-Submitted: auto-generated\r\n";
  m += "List-Unsubscribe: <mailto:" + smtp.from + "?subject=unsubscribe>\r\n";
  return m;
}

}  // namespace

std::string moderator_alert(const OutboxEntry& entry, const SmtpConfig& smtp, const std::vector<std::string>& to,
                            const std::string& public_url, std::int64_t now_ms) {
  const AlertItem item = alert_item(entry, public_url, 2000);
  const std::string text = item.headline + "\r\n\r\nThread: " + item.thread + "\r\nAuthor: " + item.author +
                           "\r\n\r\n" + item.body + "\r\n\r\nReview it: " + item.link + "\r\n";
  const std::string html =
      "<!doctype html><html><body><p><strong>" + html_escape(item.headline) +
      "</strong></p><p>Thread: " + html_escape(item.thread) + "<br>Author: " + html_escape(item.author) +
      "</p><blockquote style=\"white-space:pre-wrap\">" + html_escape(item.body) + "</blockquote><p><a href=\"" +
      html_escape(item.link) + "\">Review it in the console</a></p></body></html>";
  const std::string boundary = "soundoff-" + std::to_string(entry.id) + "-" + std::to_string(now_ms);
  return alert_headers(smtp, to, "[Soundoff] " + item.headline + " (" + item.thread + ", " + item.author + ")",
                       "outbox-" + std::to_string(entry.id), now_ms) +
         multipart_alternative(boundary, text, html);
}

std::string moderator_digest(const std::vector<const OutboxEntry*>& entries, const SmtpConfig& smtp,
                             const std::vector<std::string>& to, const std::string& public_url, std::int64_t now_ms) {
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
    const AlertItem item = alert_item(entry, public_url, 500);
    text_items += std::to_string(i + 1) + ". " + item.headline + "\r\n   Thread: " + item.thread +
                  "\r\n   Author: " + item.author + "\r\n   " + item.body + "\r\n   Review it: " + item.link +
                  "\r\n\r\n";
    html_items += "<li><p><strong>" + html_escape(item.headline) + "</strong><br>Thread: " + html_escape(item.thread) +
                  "<br>Author: " + html_escape(item.author) + "</p><blockquote style=\"white-space:pre-wrap\">" +
                  html_escape(item.body) + "</blockquote><p><a href=\"" + html_escape(item.link) +
                  "\">Review it in the console</a></p></li>";
  }
  // A digest may hold two alerts about one comment (reported, then hidden): it counts alerts.
  const std::pair<std::size_t, const char*> tallies[] = {
      {held, "held"}, {reported, "reported"}, {hidden, "hidden by reports"}};
  std::string counts;
  for (const auto& [n, label] : tallies)
    if (n > 0) counts += (counts.empty() ? "" : ", ") + std::to_string(n) + " " + label;
  const std::string headline = std::to_string(entries.size()) + " moderator alerts: " + counts;
  const std::string text = headline + "\r\n\r\n" + text_items;
  const std::string html = "<!doctype html><html><body><p><strong>" + html_escape(headline) + "</strong></p><ol>" +
                           html_items + "</ol></body></html>";
  const std::string first = std::to_string(entries.front()->id);
  return alert_headers(smtp, to, "[Soundoff] " + headline, "digest-" + first + "-" + std::to_string(entries.size()),
                       now_ms) +
         multipart_alternative("soundoff-digest-" + first + "-" + std::to_string(now_ms), text, html);
}

MailDeliverer::MailDeliverer(SmtpConfig smtp, std::vector<std::string> to, std::string public_url, bool digest)
    : smtp_(std::move(smtp)), to_(std::move(to)), public_url_(std::move(public_url)), digest_(digest) {
  curl_global_init(CURL_GLOBAL_DEFAULT);  // on the starting thread, before any sender runs
}

DeliveryOutcome MailDeliverer::deliver(const OutboxEntry& entry) {
  return send_mail(smtp_, to_, moderator_alert(entry, smtp_, to_, public_url_, outbox_clock_ms()));
}

DeliveryOutcome MailDeliverer::deliver_together(const std::vector<const OutboxEntry*>& entries) {
  if (entries.size() == 1) return deliver(*entries.front());
  return send_mail(smtp_, to_, moderator_digest(entries, smtp_, to_, public_url_, outbox_clock_ms()));
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
