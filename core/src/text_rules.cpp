// The text rules surfaces share with core (text_rules.h): thin entry points
// over the name key of reply resolution and the spam check's text analysis, so
// a caller gets exactly what those compute, never a second implementation.
#include "soundoff/text_rules.h"

#include "name_matching.h"
#include "text_normalize.h"

namespace soundoff {

std::string name_key(std::string_view name) {
  std::string key;
  detail::append_name_key(key, name);
  return key;
}

TextCounts count_text(std::string_view body) {
  thread_local detail::TextAnalysis text;  // reused buffers, as check_spam does
  detail::analyze_text(body, text);
  return TextCounts{text.visible_chars, text.links.size()};
}

bool is_plausible_email(std::string_view email) {
  return email.find('@') != std::string_view::npos && email.find(' ') == std::string_view::npos;
}

}  // namespace soundoff
