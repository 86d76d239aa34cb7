#include "server/moderator_mail_text.h"

namespace soundoff::server {

namespace {

constexpr ModeratorMailWords kEnglish{
    "A comment is waiting for review",
    "A comment was reported",
    "A comment was hidden by reports and waits for review",
    "Thread",
    "Author",
    "Review it",
    "Review it in the console",
    "{n} moderator alerts: {counts}",
    "{n} held",
    "{n} reported",
    "{n} hidden by reports",
};

constexpr ModeratorMailWords kGerman{
    "Ein Kommentar wartet auf Prüfung",
    "Ein Kommentar wurde gemeldet",
    "Ein Kommentar wurde durch Meldungen ausgeblendet und wartet auf Prüfung",
    "Diskussion",
    "Verfasser",
    "Prüfen",
    "In der Moderation prüfen",
    "{n} Moderationsmeldungen: {counts}",
    "{n} zurückgehalten",
    "{n} gemeldet",
    "{n} durch Meldungen ausgeblendet",
};

}  // namespace

const ModeratorMailWords& moderator_mail_words(std::string_view lang) { return lang == "de" ? kGerman : kEnglish; }

std::string alert_headline(const ModeratorMailWords& words, std::string_view event) {
  if (event == "comment.held") return words.held;
  if (event == "comment.reported") return words.reported;
  if (event == "comment.hidden") return words.hidden;
  return std::string(event);
}

}  // namespace soundoff::server
