// How core measures and compares what people type, for the surfaces that must
// agree with it (the widget's mentions and reply-form pre-check, the server's
// field checks): the key names are compared by, the counts the spam check
// decides from, and the e-mail rule of a new comment.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace soundoff {

// The key names are compared by (reply resolution, the widget's mentions):
// lowercase ASCII letters and digits and non-ASCII letters, without spaces,
// punctuation or symbols, so `banasy©`, `Banasy` and `banasy_` share the key
// "banasy" and `Rascal Rabble` is "rascalrabble". Non-ASCII letters are kept
// as written (no case or accent folding). Invalid UTF-8 bytes are dropped.
std::string name_key(std::string_view name);

// What check_spam counts in a body: `chars` are the code points readers see
// (HTML entities decoded, tags and invisible characters such as zero-width
// spaces removed, ASCII spaces, tabs and line breaks not counted), which
// `too_long` compares with SpamPolicy::max_chars; `links` are the links the
// link rules count (<a href>, http(s)/www URLs, bare domains).
struct TextCounts {
  std::size_t chars = 0;
  std::size_t links = 0;
};
TextCounts count_text(std::string_view body);

// The e-mail rule of a new comment (POST /api/threads/{thread}/comments,
// already trimmed): an address must contain '@' and no space. An empty
// address is "none given" and is not checked by this function's callers.
bool is_plausible_email(std::string_view email);

}  // namespace soundoff
