#include "server/reader_mail_pages.h"

#include "server/http_util.h"
#include "server/reader_mail.h"
#include "server/reader_mail_text.h"

namespace soundoff::server {

namespace {

constexpr ReaderPageText kEn[] = {
    {"Link not valid", "This link is not valid or has expired. Ask for reply mail again with your next comment.", ""},
    {"Confirm reply mail", "Send mail to {address} about replies in the thread {thread}?", "Yes, mail me replies"},
    {"Reply mail confirmed",
     "You will get mail at {address} about new replies in the thread {thread}. Every mail has a link to stop it.", ""},
    {"Nothing to confirm", "There is no such request any more (it was unsubscribed). Ask again with your next comment.",
     ""},
    {"Stop reply mail", "Stop all reply mail to {address} from the thread {thread}?", "Stop the mail"},
    {"Reply mail stopped", "No more mail to {address} about the thread {thread}.", ""},
    {"Link not valid",
     "This link is not valid or has expired (erase links last 30 days). Every reply mail brings a fresh one.", ""},
    {"Erase all my comments",
     "Erase every comment written with {address} on this site, and stop all mail to it? This cannot be undone.",
     "Erase my comments"},
    {"Comments erased", "Comments erased: {count}. No more mail goes to {address}.", ""},
};

constexpr ReaderPageText kDe[] = {
    {"Link ungültig",
     "Dieser Link ist ungültig oder abgelaufen. Bitten Sie mit Ihrem nächsten Kommentar erneut um Benachrichtigungen.",
     ""},
    {"Benachrichtigung bestätigen", "Mail an {address} über Antworten in der Diskussion {thread} senden?",
     "Ja, bitte benachrichtigen"},
    {"Benachrichtigung bestätigt",
     "Sie bekommen Mail an {address} über neue Antworten in der Diskussion {thread}. Jede Mail enthält einen Link "
     "zum Abbestellen.",
     ""},
    {"Nichts zu bestätigen",
     "Diese Anfrage gibt es nicht mehr (sie wurde abbestellt). Bitten Sie mit Ihrem nächsten Kommentar erneut darum.",
     ""},
    {"Benachrichtigung abbestellen", "Alle Mail an {address} aus der Diskussion {thread} abbestellen?", "Abbestellen"},
    {"Benachrichtigung abbestellt", "Keine Mail mehr an {address} über die Diskussion {thread}.", ""},
    {"Link ungültig",
     "Dieser Link ist ungültig oder abgelaufen (Lösch-Links gelten 30 Tage). Jede Benachrichtigung enthält einen "
     "neuen.",
     ""},
    {"Alle meine Kommentare löschen",
     "Alle mit {address} geschriebenen Kommentare auf dieser Seite löschen und keine Mail mehr dorthin senden? Das "
     "lässt sich nicht rückgängig machen.",
     "Meine Kommentare löschen"},
    {"Kommentare gelöscht", "Gelöschte Kommentare: {count}. Es geht keine Mail mehr an {address}.", ""},
};

}  // namespace

const ReaderPageText& reader_page_text(ReaderPage page, const std::string& lang) {
  return (lang == "de" ? kDe : kEn)[static_cast<int>(page)];
}

std::string reader_page_lang(const HttpRequest& req) {
  return reader_lang(req.get_param_value("lang"), req.get_header_value("Accept-Language"));
}

void send_reader_page(HttpResponse& res, int status, const std::string& lang, ReaderPage page,
                      const std::map<std::string, std::string>& values, const std::string& form_action) {
  const ReaderPageText& words = reader_page_text(page, lang);
  const std::string title = words.title;
  const std::string message = fill_template(words.message, values);
  set_html_page_headers(res);
  res.set_header("Cache-Control", "no-store");
  // The token is in the URL: it must not leak to other sites through Referer.
  res.set_header("Referrer-Policy", "no-referrer");
  res.set_header("Content-Language", lang);
  std::string html = "<!doctype html>\n<html lang=\"" + lang +
                     "\">\n<head>\n<meta charset=\"utf-8\">\n"
                     "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<meta name=\"robots\" "
                     "content=\"noindex\">\n<title>" +
                     html_escape(title) + "</title>\n</head>\n<body>\n<main>\n<h1>" + html_escape(title) +
                     "</h1>\n<p>" + html_escape(message) + "</p>\n";
  if (!form_action.empty())
    html += "<form method=\"post\" action=\"" + html_escape(form_action) + "\"><button type=\"submit\">" +
            html_escape(words.button) + "</button></form>\n";
  html += "</main>\n</body>\n</html>\n";
  res.status = status;
  res.set_content(html, "text/html; charset=utf-8");
}

}  // namespace soundoff::server
