// The pages behind the links in reader mail (/notify/confirm,
// /notify/unsubscribe: reader_mail_routes.cpp; /notify/erase:
// reader_erase_routes.cpp): their words in English and German, as
// reader_mail_text.h does for the mails, with {placeholders} (fill_template)
// filled with plain text that the page escapes; and the one way they are sent.
#pragma once

#include <map>
#include <string>

#include "server/http_types.h"

namespace soundoff::server {

enum class ReaderPage {
  invalid,
  confirm_ask,
  confirm_done,
  confirm_gone,
  unsubscribe_ask,
  unsubscribe_done,
  erase_invalid,
  erase_ask,
  erase_done
};

struct ReaderPageText {
  const char* title;
  const char* message;
  const char* button;  // "" on pages without a form
};

// The words of `page` in `lang` ("de"; anything else: English).
const ReaderPageText& reader_page_text(ReaderPage page, const std::string& lang);

// The language of the page: the `lang` the mail's link carries (the one the
// reader subscribed in), else the browser's Accept-Language.
std::string reader_page_lang(const HttpRequest& req);

// Answers `status` with `page` in `lang`, its placeholders filled from
// `values`, and, when `form_action` is set, a button that POSTs there. Every
// string is escaped; the answer is never cached and sends no Referer (the
// token is in the URL).
void send_reader_page(HttpResponse& res, int status, const std::string& lang, ReaderPage page,
                      const std::map<std::string, std::string>& values = {}, const std::string& form_action = "");

}  // namespace soundoff::server
