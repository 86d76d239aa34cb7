// Text segments: a comment body turned into pieces a renderer can show
// safely without ever interpreting the body as HTML — plain text, links,
// mentions, quotes and line/paragraph breaks.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "soundoff/result.h"

namespace soundoff {

enum class SegmentKind : std::uint8_t {
  text,             // `text` as written
  link,             // `text` as written, `target` the URL (always http:// or https://)
  mention,          // `text` as written ("@Mary", "@ saywhat"), `target` the name ("Mary")
  quote,            // one block of consecutive `>` lines: `text` holds them without
                    //   their markers, joined by '\n'; plain text (not linkified)
  line_break,       // between two lines
  paragraph_break,  // between lines separated by one or more blank lines
};

// Stable lowercase name ("text", "link", "mention", "quote", "line_break",
// "paragraph_break").
std::string_view segment_kind_name(SegmentKind kind);

struct TextSegment {
  SegmentKind kind = SegmentKind::text;
  std::string text;    // empty for breaks
  std::string target;  // link URL or mention name; empty otherwise
};

// Splits `body` into segments. Rules:
// - links: `http://` or `https://` (any case) not preceded by an ASCII letter
//   or digit, followed by a host; the URL ends at whitespace or < > " `;
//   trailing punctuation and unbalanced closing brackets are left out. Other schemes
//   (`javascript:`, `data:`, `www.` without a scheme) stay text.
// - mentions: `@name` and `@ name` (name starting with a letter) at the start
//   of a word, and `word@Name` as the seed page writes it (`blockage@Mary`);
//   `user@example.com` (a name with a dot after a word) is an e-mail address
//   and stays text. Names end at spaces, punctuation and emoji.
// - quotes: lines whose first non-blank character is `>`.
// - breaks: CR, LF and CRLF end lines; blank lines make a paragraph break;
//   leading and trailing blank lines are dropped, trailing blanks of a line too.
// Adjacent text is never split in two; boundaries never split a UTF-8 sequence.
// Iterative and linear in the body's length. Error invalid_utf8 (with the
// byte offset) when `body` is not valid UTF-8.
Result<std::vector<TextSegment>> segment_text(std::string_view body);

// `[{"type":"text","text":...}, {"type":"link","text":...,"url":...},
//   {"type":"mention","text":...,"name":...}, {"type":"quote","text":...},
//   {"type":"line_break"}, {"type":"paragraph_break"}]` (HTML-safe escaping).
std::string text_segments_to_json(const std::vector<TextSegment>& segments);

}  // namespace soundoff
