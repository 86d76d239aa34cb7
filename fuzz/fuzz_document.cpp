// libFuzzer: any bytes as a comment document, then assembly and every page
// shape. Whatever the input: no crash, no sanitizer report, and page JSON
// that nlohmann can read back.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <nlohmann/json.hpp>
#include <string_view>

#include "soundoff/document.h"
#include "soundoff/page_json.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  auto document = soundoff::parse_document(text);
  if (!document) return 0;
  const auto thread = soundoff::assemble_thread(std::move(document->comments));
  for (auto sort : {soundoff::SortOrder::oldest, soundoff::SortOrder::best, soundoff::SortOrder::active}) {
    const auto view = soundoff::make_view(thread, sort);
    soundoff::PageRequest request;
    request.per_page = 1 + static_cast<std::uint32_t>(size % 7);
    request.max_depth = static_cast<std::uint32_t>(size % 4);
    request.max_replies = static_cast<std::uint32_t>(size % 3);
    auto page = soundoff::build_page(view, request);
    if (!page) std::abort();  // page 1 always exists
    const auto json = soundoff::page_to_json(view, *page, document->errors);
    if (nlohmann::json::parse(json, nullptr, false).is_discarded()) std::abort();
    // Follow every cursor the page offers once.
    for (const auto& e : page->entries) {
      if (e.replies_cursor.empty()) continue;
      request.after = e.replies_cursor;
      if (!soundoff::build_page(view, request)) std::abort();
    }
    if (!page->next_cursor.empty()) {
      request.after = page->next_cursor;
      if (!soundoff::build_page(view, request)) std::abort();
    }
  }
  return 0;
}
