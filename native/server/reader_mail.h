// Mail to readers (docs/notifications.md, "Reader mail"): the double opt-in
// confirmation and the reply notification, multipart text + HTML in the
// reader's language (en/de, reader_mail_text.cpp), every user string escaped
// in HTML and encoded in headers, and RFC 8058 one-click unsubscribe headers;
// both may end with the reader's link to erase their comments.
// Also the checks a "mail me replies" request must pass first.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "server/notify_config.h"

namespace soundoff::server {

enum class ReaderMailKind { confirm, reply };

struct ReaderMail {
  ReaderMailKind kind = ReaderMailKind::confirm;
  std::string lang = "en";         // "en" or "de" (reader_lang)
  std::string to;                  // a checked address (reader_input_error)
  std::string thread;              // thread id or title, user-controlled
  std::string author;              // reply: who replied (user text)
  std::string body;                // reply: the reply (user text)
  std::string action_url;          // confirm: the signed confirmation link; reply: the comment's page
  std::string unsubscribe_url;     // https link with a signed unsubscribe token (POST = one click)
  std::string unsubscribe_mailto;  // optional second List-Unsubscribe target
  std::string erase_url;           // optional: the signed link that erases all the reader's comments
};

// Why a reader's name or address cannot be used (for a 400 answer), or
// nullopt: the address must be a plain local@domain (safe_mail_address), and
// neither may hold CR, LF or other control characters (header injection).
std::optional<std::string> reader_input_error(const std::string& name, const std::string& email);

// "de" when the widget says so or, without a widget language, when German
// comes first in Accept-Language; else "en".
std::string reader_lang(const std::string& widget_lang, const std::string& accept_language);

// The whole RFC 5322 message (CRLF line ends). `id` makes the Message-ID and boundary unique.
std::string reader_message(const ReaderMail& mail, const SmtpConfig& smtp, std::int64_t id, std::int64_t now_ms);

}  // namespace soundoff::server
