// IRC logs as comments: the adapter that lets reply resolution run on the
// Ubuntu IRC corpus (one message a line, no reply structure at all). Public
// because the CLI needs it (`soundoff resolve --format irc`, scripts/eval-replies);
// an embedder of the engine does not, and soundoff/soundoff.h leaves it out.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "soundoff/comment.h"

namespace soundoff {

enum class IrcLineKind : std::uint8_t {
  message,    // `[HH:MM] <nick> text`
  action,     // `[HH:MM] * nick text` (`/me`)
  system,     // `=== ...` (joins, nick changes, topic)
  malformed,  // anything else; reported in IrcLog::errors
};

// Why a line could not be read as a message. `line` is 0-based (the corpus
// numbers lines that way); `message` names the line 1-based for people.
struct IrcLineError {
  std::uint32_t line = 0;
  std::string message;
};

// One comment per line, in order, so comment i is line i: id is the decimal
// line index, author the nick (empty for system and malformed lines, which
// reply resolution never links), body the text, created_ms the minute of the
// log (a day is added each time the clock goes backwards past midnight).
struct IrcLog {
  std::vector<Comment> comments;
  std::vector<IrcLineKind> kinds;
  std::vector<IrcLineError> errors;
};

// Reads a raw log. Never fails as a whole: every line becomes a comment (so
// numbering stays aligned) and every unreadable line also gets an error.
// A trailing newline does not make an extra line; "\r\n" is accepted.
IrcLog parse_irc_log(std::string_view text);

// Nicks of the #ubuntu channel's factoid bots (ubottu and its predecessors),
// which answer `!commands`: pass them as ReplyOptions::bots for Ubuntu logs.
std::vector<std::string> ubuntu_irc_bots();

}  // namespace soundoff
