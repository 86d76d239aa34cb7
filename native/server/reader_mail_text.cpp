#include "server/reader_mail_text.h"

namespace soundoff::server {

namespace {

const ReaderMailText kConfirmEn{
    "Please confirm: replies from {thread}",
    "Someone (hopefully you) asked to be mailed about replies in \"{thread}\".\r\n\r\n"
    "Confirm here: {link}\r\n\r\nIf it was not you, ignore this mail: nothing more will be sent.\r\n",
    "<p>Someone (hopefully you) asked to be mailed about replies in &ldquo;{thread}&rdquo;.</p>"
    "<p><a href=\"{link}\">Confirm</a></p><p>If it was not you, ignore this mail: nothing more will be sent.</p>"};

const ReaderMailText kConfirmDe{
    "Bitte bestätigen: Antworten aus {thread}",
    "Jemand (hoffentlich Sie) möchte über Antworten in „{thread}“ benachrichtigt werden.\r\n\r\n"
    "Hier bestätigen: {link}\r\n\r\nWaren Sie es nicht, ignorieren Sie diese Mail: es kommt nichts weiter.\r\n",
    "<p>Jemand (hoffentlich Sie) möchte über Antworten in &bdquo;{thread}&ldquo; benachrichtigt werden.</p>"
    "<p><a href=\"{link}\">Bestätigen</a></p><p>Waren Sie es nicht, ignorieren Sie diese Mail: es kommt nichts "
    "weiter.</p>"};

const ReaderMailText kReplyEn{
    "New reply from {author} in {thread}",
    "{author} replied in \"{thread}\":\r\n\r\n{body}\r\n\r\nRead it: {link}\r\n\r\nUnsubscribe: {unsubscribe}\r\n",
    "<p>{author} replied in &ldquo;{thread}&rdquo;:</p><blockquote style=\"white-space:pre-wrap\">{body}</blockquote>"
    "<p><a href=\"{link}\">Read it</a></p><p><a href=\"{unsubscribe}\">Unsubscribe</a></p>"};

const ReaderMailText kReplyDe{
    "Neue Antwort von {author} in {thread}",
    "{author} hat in „{thread}“ geantwortet:\r\n\r\n{body}\r\n\r\nLesen: {link}\r\n\r\nAbbestellen: {unsubscribe}\r\n",
    "<p>{author} hat in &bdquo;{thread}&ldquo; geantwortet:</p><blockquote style=\"white-space:pre-wrap\">{body}"
    "</blockquote><p><a href=\"{link}\">Lesen</a></p><p><a href=\"{unsubscribe}\">Abbestellen</a></p>"};

const ReaderMailLine kEraseEn{"\r\nErase all my comments on this site: {erase}\r\n",
                              "<p><a href=\"{erase}\">Erase all my comments on this site</a></p>"};

const ReaderMailLine kEraseDe{"\r\nAlle meine Kommentare auf dieser Seite löschen: {erase}\r\n",
                              "<p><a href=\"{erase}\">Alle meine Kommentare auf dieser Seite löschen</a></p>"};

}  // namespace

const ReaderMailLine& reader_erase_line(const std::string& lang) { return lang == "de" ? kEraseDe : kEraseEn; }

const ReaderMailText& reader_mail_text(const std::string& kind, const std::string& lang) {
  const bool de = lang == "de";
  if (kind == "reply") return de ? kReplyDe : kReplyEn;
  return de ? kConfirmDe : kConfirmEn;
}

std::string fill_template(const std::string& tmpl, const std::map<std::string, std::string>& values) {
  std::string out;
  std::size_t i = 0;
  while (i < tmpl.size()) {
    const auto open = tmpl.find('{', i);
    if (open == std::string::npos) break;
    const auto close = tmpl.find('}', open);
    if (close == std::string::npos) break;
    out += tmpl.substr(i, open - i);
    const auto it = values.find(tmpl.substr(open + 1, close - open - 1));
    out += it != values.end() ? it->second : tmpl.substr(open, close - open + 1);
    i = close + 1;
  }
  out += tmpl.substr(i);
  return out;
}

}  // namespace soundoff::server
