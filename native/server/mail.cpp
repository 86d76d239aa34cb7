#include "server/mail.h"

#include <curl/curl.h>
#include <openssl/evp.h>

#include <cstring>
#include <ctime>
#include <memory>
#include <nlohmann/json.hpp>

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
  std::memcpy(buffer, upload->data->data() + upload->offset, n);
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

std::string moderator_alert(const OutboxEntry& entry, const SmtpConfig& smtp, const std::vector<std::string>& to,
                            const std::string& public_url, std::int64_t now_ms) {
  json comment = json::parse(entry.payload, nullptr, false);
  if (comment.is_discarded() || !comment.is_object()) comment = json::object();
  const std::string author = utf8_excerpt(comment.value("author", ""), 100);
  const std::string body = utf8_excerpt(comment.value("body", ""), 2000);
  const std::string headline = what_happened(entry.event);
  const std::string queue = public_url + "/admin#queue/held";

  const std::string text = headline + "\r\n\r\nThread: " + entry.thread + "\r\nAuthor: " + author + "\r\n\r\n" + body +
                           "\r\n\r\nReview it: " + queue + "\r\n";
  const std::string html = "<!doctype html><html><body><p><strong>" + html_escape(headline) +
                           "</strong></p><p>Thread: " + html_escape(entry.thread) +
                           "<br>Author: " + html_escape(author) + "</p><blockquote style=\"white-space:pre-wrap\">" +
                           html_escape(body) + "</blockquote><p><a href=\"" + html_escape(queue) +
                           "\">Review it in the console</a></p></body></html>";

  std::string recipients;
  for (const auto& address : to) recipients += (recipients.empty() ? "" : ", ") + address;
  const std::string boundary = "soundoff-" + std::to_string(entry.id) + "-" + std::to_string(now_ms);
  // Every header value is a checked config address, a constant, a number or
  // an encoded word: no user text can end a header line.
  std::string m;
  m += "From: " + smtp.from + "\r\n";
  m += "To: " + recipients + "\r\n";
  m += "Subject: " + encoded_word("[Soundoff] " + headline + " (" + entry.thread + ", " + author + ")") + "\r\n";
  m += "Date: " + rfc5322_date(now_ms) + "\r\n";
  m += "Message-ID: <outbox-" + std::to_string(entry.id) + "." + std::to_string(now_ms) + "@soundoff.invalid>\r\n";
  m += "MIME-Version: 1.0\r\n";
  m += "Auto-Submitted: auto-generated\r\n";
  m += "List-Unsubscribe: <mailto:" + smtp.from + "?subject=unsubscribe>\r\n";
  m += multipart_alternative(boundary, text, html);
  return m;
}

MailDeliverer::MailDeliverer(SmtpConfig smtp, std::vector<std::string> to, std::string public_url)
    : smtp_(std::move(smtp)), to_(std::move(to)), public_url_(std::move(public_url)) {
  curl_global_init(CURL_GLOBAL_DEFAULT);  // on the starting thread, before any sender runs
}

DeliveryOutcome MailDeliverer::deliver(const OutboxEntry& entry) {
  return send_mail(smtp_, to_, moderator_alert(entry, smtp_, to_, public_url_, outbox_clock_ms()));
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
