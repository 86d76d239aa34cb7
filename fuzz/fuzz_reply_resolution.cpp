// libFuzzer: any bytes as an IRC log, resolved as a conversation, and as a
// comment document, resolved and assembled with inferred replies nested.
// Inferred parents must be earlier comments; confidences within [0, 1].
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "soundoff/document.h"
#include "soundoff/irc_log.h"
#include "soundoff/page_json.h"
#include "soundoff/reply_resolution.h"

namespace {
void check(const std::vector<soundoff::InferredReply>& replies, std::size_t count) {
  if (replies.size() != count) std::abort();
  for (std::size_t i = 0; i < replies.size(); ++i) {
    const auto& r = replies[i];
    if (!(r.confidence >= 0 && r.confidence <= 1)) std::abort();
    if (r.parent != soundoff::InferredReply::kNone && r.parent >= count) std::abort();
  }
}
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  const auto log = soundoff::parse_irc_log(text);
  check(soundoff::resolve_replies(log.comments), log.comments.size());

  auto document = soundoff::parse_document(text);
  if (!document) return 0;
  soundoff::AssembleOptions options;
  options.inferred = soundoff::InferredReplies::nest;
  options.nest_threshold = 0.3f;
  const auto replies = soundoff::resolve_thread_replies(document->comments, options);
  check(replies, document->comments.size());
  options.replies = &replies;
  const auto thread = soundoff::assemble_thread(std::move(document->comments), options);
  const auto view = soundoff::make_view(thread, soundoff::SortOrder::oldest);
  if (auto page = soundoff::build_page(view, {})) (void)soundoff::page_to_json(view, *page);
  return 0;
}
