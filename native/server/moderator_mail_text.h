// The words of moderator alerts and digests, per language ("en", "de"; the
// config's moderator_mail_language), kept apart from the MIME code so a
// translator edits one file. Placeholders: {n} a count, {counts} the list of
// per-event counts.
#pragma once

#include <string>
#include <string_view>

namespace soundoff::server {

struct ModeratorMailWords {
  const char* held;            // the headline of comment.held
  const char* reported;        // ... comment.reported
  const char* hidden;          // ... comment.hidden
  const char* thread;          // "Thread"
  const char* author;          // "Author"
  const char* review;          // "Review it" (text part, before the link)
  const char* review_link;     // the HTML link's text
  const char* digest;          // "{n} moderator alerts: {counts}"
  const char* count_held;      // "{n} held"
  const char* count_reported;  // "{n} reported"
  const char* count_hidden;    // "{n} hidden by reports"
};

// The words for `lang`; anything but "de" gets English.
const ModeratorMailWords& moderator_mail_words(std::string_view lang);

// The headline of an alert about `event` in those words (the event's name for an event alerts never carry).
std::string alert_headline(const ModeratorMailWords& words, std::string_view event);

}  // namespace soundoff::server
