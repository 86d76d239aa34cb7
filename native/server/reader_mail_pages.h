// The words of the /notify/confirm and /notify/unsubscribe pages
// (reader_mail_routes.cpp) in English and German, as reader_mail_text.h does
// for the mails: {address} and {thread} placeholders (fill_template), filled
// with plain text that the page escapes.
#pragma once

#include <string>

namespace soundoff::server {

enum class ReaderPage { invalid, confirm_ask, confirm_done, confirm_gone, unsubscribe_ask, unsubscribe_done };

struct ReaderPageText {
  const char* title;
  const char* message;
  const char* button;  // "" on pages without a form
};

// The words of `page` in `lang` ("de"; anything else: English).
const ReaderPageText& reader_page_text(ReaderPage page, const std::string& lang);

}  // namespace soundoff::server
