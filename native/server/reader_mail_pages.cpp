#include "server/reader_mail_pages.h"

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
};

}  // namespace

const ReaderPageText& reader_page_text(ReaderPage page, const std::string& lang) {
  return (lang == "de" ? kDe : kEn)[static_cast<int>(page)];
}

}  // namespace soundoff::server
