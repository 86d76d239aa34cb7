#include "server/reader_mail.h"

#include <algorithm>
#include <cctype>
#include <map>

#include "server/http_util.h"
#include "server/mail.h"
#include "server/reader_mail_text.h"
#include "soundoff/utf8.h"

namespace soundoff::server {

namespace {

bool has_control(const std::string& s) {
  return std::any_of(s.begin(), s.end(), [](char c) {
    const auto u = static_cast<unsigned char>(c);
    return u < 0x20 || u == 0x7f;
  });
}

// A URL that may stand between <> in a header: printable ASCII, no spaces or angle brackets.
bool header_safe_url(const std::string& url) {
  return !url.empty() &&
         std::all_of(url.begin(), url.end(), [](char c) { return c > ' ' && c <= '~' && c != '<' && c != '>'; });
}

}  // namespace

std::optional<std::string> reader_input_error(const std::string& name, const std::string& email) {
  if (has_control(name)) return "name must not contain control characters (CR, LF, tab, ...)";
  if (has_control(email)) return "email must not contain control characters (CR, LF, tab, ...)";
  if (email.empty()) return "email is required for reply notifications";
  if (!safe_mail_address(email))
    return "email must be a plain address like ann@example.org (no spaces, <>()[],;:\\\" or non-ASCII)";
  return std::nullopt;
}

std::string reader_lang(const std::string& widget_lang, const std::string& accept_language) {
  auto starts_de = [](const std::string& s) {
    return s.size() >= 2 && std::tolower(static_cast<unsigned char>(s[0])) == 'd' &&
           std::tolower(static_cast<unsigned char>(s[1])) == 'e' &&
           (s.size() == 2 || !std::isalpha(static_cast<unsigned char>(s[2])));
  };
  if (!widget_lang.empty()) return starts_de(widget_lang) ? "de" : "en";
  // The first language range is the reader's first choice (q-values aside: browsers list in order).
  std::string first = accept_language.substr(0, accept_language.find_first_of(",;"));
  first.erase(0, first.find_first_not_of(' '));
  return starts_de(first) ? "de" : "en";
}

std::string reader_message(const ReaderMail& mail, const SmtpConfig& smtp, std::int64_t id, std::int64_t now_ms) {
  const bool reply = mail.kind == ReaderMailKind::reply;
  const ReaderMailText& words = reader_mail_text(reply ? "reply" : "confirm", mail.lang);
  const std::string author = utf8_excerpt(mail.author, 100);
  const std::string body = utf8_excerpt(mail.body, 2000);
  const std::string thread = utf8_excerpt(mail.thread, 200);

  const std::map<std::string, std::string> plain{{"thread", thread},
                                                 {"author", author},
                                                 {"body", body},
                                                 {"link", mail.action_url},
                                                 {"unsubscribe", mail.unsubscribe_url},
                                                 {"erase", mail.erase_url}};
  std::map<std::string, std::string> escaped;
  for (const auto& [key, value] : plain) escaped[key] = html_escape(value);
  std::string text = fill_template(words.text, plain);
  std::string html_body = fill_template(words.html, escaped);
  if (!mail.erase_url.empty()) {
    const ReaderMailLine& erase = reader_erase_line(mail.lang);
    text += fill_template(erase.text, plain);
    html_body += fill_template(erase.html, escaped);
  }
  const std::string html = "<!doctype html><html lang=\"" + std::string(mail.lang == "de" ? "de" : "en") + "\"><body>" +
                           html_body + "</body></html>";

  const std::string boundary = "soundoff-r" + std::to_string(id) + "-" + std::to_string(now_ms);
  // Header values: checked addresses, constants, numbers, checked URLs, or an
  // encoded word for the subject (the only header with user text).
  std::string m;
  m += "From: " + smtp.from + "\r\n";
  m += "To: " + mail.to + "\r\n";
  m += "Subject: " + encoded_word(fill_template(words.subject, plain)) + "\r\n";
  m += "Date: " + rfc5322_date(now_ms) + "\r\n";
  m += "Message-ID: <reader-" + std::to_string(id) + "." + std::to_string(now_ms) + "@soundoff.invalid>\r\n";
  m += "MIME-Version: 1.0\r\n";
  m += "Auto-Submitted: auto-generated\r\n";
  if (header_safe_url(mail.unsubscribe_url)) {
    std::string targets = "<" + mail.unsubscribe_url + ">";
    if (header_safe_url(mail.unsubscribe_mailto)) targets += ", <" + mail.unsubscribe_mailto + ">";
    m += "List-Unsubscribe: " + targets + "\r\n";
    // RFC 8058: a POST of this body to the https URL unsubscribes, no login or page needed.
    m += "List-Unsubscribe-Post: List-Unsubscribe=One-Click\r\n";
  }
  m += multipart_alternative(boundary, text, html);
  return m;
}

}  // namespace soundoff::server
