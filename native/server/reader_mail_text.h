// The words of reader mail, per language: small templates with {placeholders}
// (fill_template), kept apart from the MIME code so a translator edits one file.
#pragma once

#include <map>
#include <string>

namespace soundoff::server {

struct ReaderMailText {
  const char* subject;
  const char* text;  // the text/plain part
  const char* html;  // the text/html part; placeholders receive escaped values
};

// One more paragraph for a mail, as text and as HTML (placeholders as above).
struct ReaderMailLine {
  const char* text;
  const char* html;
};

// The templates for `kind` ("confirm" or "reply") in `lang` ("en" or "de"; anything else: "en").
const ReaderMailText& reader_mail_text(const std::string& kind, const std::string& lang);

// The link to erase all of the reader's comments ({erase}), which ends the
// confirmation and reply mails, in `lang`.
const ReaderMailLine& reader_erase_line(const std::string& lang);

// `tmpl` with each {name} replaced by values.at(name), in one pass (a value
// that contains "{x}" is not expanded again); unknown names stay as written.
std::string fill_template(const std::string& tmpl, const std::map<std::string, std::string>& values);

}  // namespace soundoff::server
