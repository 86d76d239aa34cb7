// The IRC log adapter: one line in, one comment out, with a per-line error
// for anything that is not a message, an action or a system line.
#include "soundoff/irc_log.h"

#include "soundoff/utf8.h"

namespace soundoff {

namespace {

constexpr std::int64_t kMinuteMs = 60'000;
constexpr std::int64_t kDayMinutes = 24 * 60;

bool digit(char c) { return c >= '0' && c <= '9'; }

// Parses "[HH:MM] " at the start; returns minutes since midnight or -1.
int parse_clock(std::string_view line) {
  if (line.size() < 8 || line[0] != '[' || line[3] != ':' || line[6] != ']' || !digit(line[1]) || !digit(line[2]) ||
      !digit(line[4]) || !digit(line[5]))
    return -1;
  const int h = (line[1] - '0') * 10 + (line[2] - '0');
  const int m = (line[4] - '0') * 10 + (line[5] - '0');
  if (h > 23 || m > 59) return -1;
  return h * 60 + m;
}

std::string line_error(std::uint32_t index, std::string_view why) {
  return "line " + std::to_string(index + 1) + ": " + std::string(why);
}

}  // namespace

IrcLog parse_irc_log(std::string_view text) {
  IrcLog log;
  std::int64_t day = 0;
  int previous_clock = -1;
  std::uint32_t index = 0;
  for (std::size_t start = 0; start < text.size(); ++index) {
    auto end = text.find('\n', start);
    if (end == std::string_view::npos) end = text.size();
    std::string_view line = text.substr(start, end - start);
    start = end + 1;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);

    Comment c;
    c.id = std::to_string(index);
    IrcLineKind kind = IrcLineKind::malformed;
    std::string why;
    const int clock = parse_clock(line);
    if (clock >= 0) {
      // A clock far behind the previous one means the log crossed midnight.
      if (previous_clock >= 0 && clock + 60 < previous_clock) ++day;
      previous_clock = clock;
    }
    c.created_ms = (day * kDayMinutes + (previous_clock < 0 ? 0 : previous_clock)) * kMinuteMs;

    if (const auto bad = find_invalid_utf8(line); bad != std::string_view::npos) {
      why = "invalid UTF-8 at byte " + std::to_string(bad + 1);
    } else if (line.rfind("===", 0) == 0) {
      kind = IrcLineKind::system;
      c.body = std::string(line);
    } else if (line.size() >= 7 && line[0] == '[' && clock < 0) {
      why = "the time \"" + std::string(line.substr(0, 7)) + "\" is not a valid [HH:MM]";
    } else if (clock >= 0) {
      std::string_view rest = line.substr(7);
      while (!rest.empty() && rest.front() == ' ') rest.remove_prefix(1);
      if (!rest.empty() && rest.front() == '<') {
        const auto close = rest.find('>');
        if (close == std::string_view::npos) {
          why = "the nick after \"<\" has no closing \">\"";
        } else if (close == 1) {
          why = "the nick between \"<\" and \">\" is empty";
        } else {
          kind = IrcLineKind::message;
          c.author = std::string(rest.substr(1, close - 1));
          std::string_view body = rest.substr(close + 1);
          if (!body.empty() && body.front() == ' ') body.remove_prefix(1);
          c.body = std::string(body);
        }
      } else if (rest.size() >= 2 && rest[0] == '*' && rest[1] == ' ') {
        std::string_view act = rest.substr(2);
        const auto space = act.find(' ');
        const auto nick = act.substr(0, space);
        if (nick.empty()) {
          why = "the action \"*\" names no nick";
        } else {
          kind = IrcLineKind::action;
          c.author = std::string(nick);
          c.body = space == std::string_view::npos ? std::string() : std::string(act.substr(space + 1));
        }
      } else {
        why = "after the time, expected \"<nick> text\" or \"* nick text\"";
      }
    } else if (line.empty()) {
      why = "the line is empty";
    } else {
      why = "expected \"[HH:MM] <nick> text\", \"[HH:MM] * nick text\" or \"=== ...\"";
    }
    if (kind == IrcLineKind::malformed) {
      log.errors.push_back({index, line_error(index, why)});
      c.body.clear();
    }
    log.comments.push_back(std::move(c));
    log.kinds.push_back(kind);
  }
  return log;
}

std::vector<std::string> ubuntu_irc_bots() { return {"ubottu", "ubotu", "ubot2", "ubot3"}; }

}  // namespace soundoff
