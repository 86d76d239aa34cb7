#include "soundoff/text_segments.h"

#include <cstddef>

#include "json_writer.h"
#include "soundoff/utf8.h"

namespace soundoff {

namespace {

// The body is validated up front, so decoding may assume well-formed UTF-8;
// every index the scanners stop at is therefore a code point boundary.
struct CodePoint {
  char32_t value;
  std::size_t length;
};

CodePoint decode_at(std::string_view s, std::size_t i) {
  const auto c = static_cast<unsigned char>(s[i]);
  if (c < 0x80) return {c, 1};
  const std::size_t length = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : 2;
  char32_t cp = c & (length == 2 ? 0x1F : length == 3 ? 0x0F : 0x07);
  for (std::size_t k = 1; k < length; ++k) cp = (cp << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3F);
  return {cp, length};
}

// Start of the code point that ends just before `i` (i > 0).
std::size_t previous_boundary(std::string_view s, std::size_t i) {
  do {
    --i;
  } while (i > 0 && (static_cast<unsigned char>(s[i]) & 0xC0) == 0x80);
  return i;
}

bool is_ascii_alnum(char32_t c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool is_ascii_letter(char32_t c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

bool is_unicode_space(char32_t c) {
  return c == 0x00A0 || c == 0x1680 || (c >= 0x2000 && c <= 0x200B) || c == 0x2028 || c == 0x2029 || c == 0x202F ||
         c == 0x205F || c == 0x3000 || c == 0xFEFF;
}

bool is_space(char32_t c) { return c == ' ' || c == '\t' || c == '\f' || c == '\v' || is_unicode_space(c); }

// Punctuation outside ASCII that ends a sentence or closes a quotation:
// general punctuation (… ” ’), CJK punctuation (、。「」), fullwidth ASCII
// punctuation and the Latin-1 guillemets and inverted marks.
bool is_unicode_punctuation(char32_t c) {
  return (c >= 0x2010 && c <= 0x205E) || (c >= 0x3001 && c <= 0x303F) || (c >= 0xFF01 && c <= 0xFF0F) ||
         (c >= 0xFF1A && c <= 0xFF20) || c == 0x00AB || c == 0x00BB || c == 0x00A1 || c == 0x00BF;
}

// Emoji, dingbats, arrows and variation selectors: they end a name ("@Mary😉").
bool is_symbol(char32_t c) {
  return (c >= 0x2190 && c <= 0x2BFF) || (c >= 0x1F000 && c <= 0x1FAFF) || (c >= 0xFE00 && c <= 0xFE0F);
}

// Characters of a name after '@': ASCII letters and digits, _ - . and any
// other code point that is not a space, punctuation or a symbol (without
// Unicode tables; the seed's "banasy©" is a name).
bool is_name_char(char32_t c) {
  if (c < 0x80) return is_ascii_alnum(c) || c == '_' || c == '-' || c == '.';
  return !is_unicode_space(c) && !is_unicode_punctuation(c) && !is_symbol(c);
}

// What, directly before '@', makes it a mid-word at-sign (blockage@Mary,
// or an e-mail address).
bool is_word_char(char32_t c) { return c >= 0x80 ? is_name_char(c) : is_ascii_alnum(c) || c == '_'; }

bool starts_with_ignoring_case(std::string_view s, std::size_t at, std::string_view prefix) {
  if (s.size() - at < prefix.size()) return false;
  for (std::size_t k = 0; k < prefix.size(); ++k) {
    char c = s[at + k];
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    if (c != prefix[k]) return false;
  }
  return true;
}

struct Span {
  std::size_t begin = 0;
  std::size_t end = 0;
  bool empty() const { return end <= begin; }
};

// The URL starting at `at` (which holds "http://" or "https://"), or an
// empty span when there is no host. Linear: the host must start with a letter
// or digit, and trimming only removes punctuation, so a failed match costs O(1).
Span match_url(std::string_view s, std::size_t at) {
  const std::size_t host = at + (starts_with_ignoring_case(s, at, "https://") ? 8 : 7);
  if (host >= s.size()) return {};
  const auto first = decode_at(s, host);
  if (!(is_ascii_alnum(first.value) || (first.value >= 0x80 && is_name_char(first.value)))) return {};

  std::size_t end = host;
  std::size_t open_round = 0, close_round = 0, open_square = 0, close_square = 0;
  while (end < s.size()) {
    const auto cp = decode_at(s, end);
    const char32_t c = cp.value;
    if (c <= 0x20 || c == 0x7F || c == '<' || c == '>' || c == '"' || c == '`' || is_unicode_space(c)) break;
    open_round += c == '(';
    close_round += c == ')';
    open_square += c == '[';
    close_square += c == ']';
    end += cp.length;
  }
  // Leave out what ends a sentence rather than the URL: "see http://x.com/a."
  // and "(http://x.com/a)" link to http://x.com/a; "…/Foo_(bar)" keeps its ')'.
  while (end > host) {
    const std::size_t last = previous_boundary(s, end);
    const char32_t c = decode_at(s, last).value;
    const bool trailing_punctuation = c == '.' || c == ',' || c == ';' || c == ':' || c == '!' || c == '?' ||
                                      c == '\'' || c == '*' || c == '{' || c == '}' || is_unicode_punctuation(c);
    const bool unbalanced_round = c == ')' && close_round > open_round;
    const bool unbalanced_square = c == ']' && close_square > open_square;
    if (!trailing_punctuation && !unbalanced_round && !unbalanced_square) break;
    close_round -= c == ')';
    close_square -= c == ']';
    end = last;
  }
  return {at, end};
}

// The name starting at `at`: name characters, without trailing '.' and '-'.
Span match_name(std::string_view s, std::size_t at) {
  std::size_t end = at;
  while (end < s.size()) {
    const auto cp = decode_at(s, end);
    if (!is_name_char(cp.value)) break;
    end += cp.length;
  }
  while (end > at && (s[end - 1] == '.' || s[end - 1] == '-')) --end;
  if (end > at && (s[at] == '.' || s[at] == '-')) return {at, at};
  return {at, end};
}

class Segmenter {
 public:
  std::vector<TextSegment> take() { return std::move(segments_); }

  void line(std::string_view line, bool after_blank) {
    const std::size_t first = line.find_first_not_of(" \t");
    const bool quoted = line[first] == '>';
    if (quoted) {
      std::string_view content = line.substr(first + 1);
      if (!content.empty() && content.front() == ' ') content.remove_prefix(1);
      if (in_quote_ && !after_blank) {
        segments_.back().text.push_back('\n');
        segments_.back().text.append(content);
        return;
      }
      separate(after_blank);
      segments_.push_back({SegmentKind::quote, std::string(content), {}});
      in_quote_ = true;
      return;
    }
    separate(after_blank);
    in_quote_ = false;
    inline_segments(line);
  }

 private:
  void separate(bool after_blank) {
    if (segments_.empty()) return;
    segments_.push_back({after_blank ? SegmentKind::paragraph_break : SegmentKind::line_break, {}, {}});
  }

  // Text is only emitted before a link or mention and at the end of a line,
  // so two text segments are never adjacent.
  void text(std::string_view s) {
    if (!s.empty()) segments_.push_back({SegmentKind::text, std::string(s), {}});
  }

  void special(SegmentKind kind, std::string_view written, std::string_view target) {
    segments_.push_back({kind, std::string(written), std::string(target)});
  }

  void inline_segments(std::string_view s) {
    std::size_t pending = 0;  // start of text not yet emitted
    std::size_t i = 0;
    while (i < s.size()) {
      const char c = s[i];
      const char32_t before = i > 0 ? decode_at(s, previous_boundary(s, i)).value : U' ';
      const bool after_word = is_word_char(before);
      if ((c == 'h' || c == 'H') && !is_ascii_alnum(before) &&
          (starts_with_ignoring_case(s, i, "http://") || starts_with_ignoring_case(s, i, "https://"))) {
        const Span url = match_url(s, i);
        if (!url.empty()) {
          text(s.substr(pending, i - pending));
          special(SegmentKind::link, s.substr(url.begin, url.end - url.begin),
                  s.substr(url.begin, url.end - url.begin));
          i = pending = url.end;
          continue;
        }
      }
      if (c == '@') {
        std::size_t name_at = i + 1;
        // "@ saywhat": one space, then a name that starts with a letter, and
        // only at the start of a word ("meet @ 5" stays text).
        if (!after_word && name_at + 1 < s.size() && s[name_at] == ' ') {
          const char32_t next = decode_at(s, name_at + 1).value;
          if (is_ascii_letter(next) || (next >= 0x80 && is_name_char(next))) ++name_at;
        }
        const Span name = name_at < s.size() ? match_name(s, name_at) : Span{};
        if (!name.empty()) {
          const std::string_view target = s.substr(name.begin, name.end - name.begin);
          if (after_word && target.find('.') != std::string_view::npos) {
            i = name.end;  // user@example.com: an e-mail address stays text
            continue;
          }
          text(s.substr(pending, i - pending));
          special(SegmentKind::mention, s.substr(i, name.end - i), target);
          i = pending = name.end;
          continue;
        }
      }
      i += decode_at(s, i).length;
    }
    text(s.substr(pending));
  }

  std::vector<TextSegment> segments_;
  bool in_quote_ = false;
};

bool is_blank(std::string_view line) {
  for (std::size_t i = 0; i < line.size();) {
    const auto cp = decode_at(line, i);
    if (!is_space(cp.value)) return false;
    i += cp.length;
  }
  return true;
}

std::string_view trim_trailing_blanks(std::string_view line) {
  while (!line.empty() && (line.back() == ' ' || line.back() == '\t')) line.remove_suffix(1);
  return line;
}

}  // namespace

std::string_view segment_kind_name(SegmentKind kind) {
  switch (kind) {
    case SegmentKind::text:
      return "text";
    case SegmentKind::link:
      return "link";
    case SegmentKind::mention:
      return "mention";
    case SegmentKind::quote:
      return "quote";
    case SegmentKind::line_break:
      return "line_break";
    case SegmentKind::paragraph_break:
      return "paragraph_break";
  }
  return "text";
}

Result<std::vector<TextSegment>> segment_text(std::string_view body) {
  const std::size_t bad = find_invalid_utf8(body);
  if (bad != std::string_view::npos)
    return Error{"invalid_utf8", "the text is not valid UTF-8 (byte " + std::to_string(bad) + ")"};

  Segmenter segmenter;
  bool seen_line = false;
  bool after_blank = false;
  std::size_t start = 0;
  while (start <= body.size()) {
    std::size_t end = body.find_first_of("\r\n", start);
    if (end == std::string_view::npos) end = body.size();
    const std::string_view line = trim_trailing_blanks(body.substr(start, end - start));
    if (is_blank(line)) {
      after_blank = seen_line;  // blank lines before the first line are dropped
    } else {
      segmenter.line(line, after_blank);
      seen_line = true;
      after_blank = false;
    }
    if (end == body.size()) break;
    start = end + (body[end] == '\r' && end + 1 < body.size() && body[end + 1] == '\n' ? 2 : 1);
  }
  return segmenter.take();
}

std::string text_segments_to_json(const std::vector<TextSegment>& segments) {
  detail::JsonWriter w;
  w.begin_array();
  for (const auto& segment : segments) {
    w.begin_object();
    w.key("type").value(segment_kind_name(segment.kind));
    switch (segment.kind) {
      case SegmentKind::link:
        w.key("text").value(segment.text).key("url").value(segment.target);
        break;
      case SegmentKind::mention:
        w.key("text").value(segment.text).key("name").value(segment.target);
        break;
      case SegmentKind::text:
      case SegmentKind::quote:
        w.key("text").value(segment.text);
        break;
      case SegmentKind::line_break:
      case SegmentKind::paragraph_break:
        break;
    }
    w.end_object();
  }
  w.end_array();
  return w.take();
}

}  // namespace soundoff
