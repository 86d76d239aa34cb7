// libFuzzer: any bytes as page options JSON, as name=text options (the URL
// and CLI entry point) and as a cursor, against a small fixed thread. Bad
// input must come back as an Error, never a crash.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "soundoff/page_json.h"
#include "soundoff/page_query.h"

namespace {
const soundoff::Thread& fixed_thread() {
  static const soundoff::Thread thread = [] {
    auto d = soundoff::parse_document(
        R"([{"id":"a","created":1},{"id":"b","parent":"a","created":2},{"id":"c","parent":"b","created":3},
            {"id":"d","created":4},{"id":"e","parent":"a","created":5,"status":"deleted"}])");
    return soundoff::assemble_thread(std::move(d->comments));
  }();
  return thread;
}
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  auto query = soundoff::parse_page_query_json(text);
  // The same bytes as "name=text&name=text" options, split the way a URL query is.
  std::vector<soundoff::PageOption> options;
  for (std::string_view rest = text; !rest.empty();) {
    const auto amp = rest.find('&');
    const std::string_view pair = rest.substr(0, amp);
    const auto eq = pair.find('=');
    options.push_back({pair.substr(0, eq), eq == std::string_view::npos ? std::string_view() : pair.substr(eq + 1)});
    rest = amp == std::string_view::npos ? std::string_view() : rest.substr(amp + 1);
  }
  if (!query) query = soundoff::parse_page_query_options(options);
  (void)soundoff::parse_page_query_json(text, soundoff::PageQueryUse::page_of);
  const auto& thread = fixed_thread();
  soundoff::PageRequest request = query ? query->request : soundoff::PageRequest{};
  const auto sort = query ? query->sort : soundoff::SortOrder::oldest;
  if (!query) request.after = text;  // the same bytes as a cursor
  const auto view = soundoff::make_view(thread, sort);
  auto page = soundoff::build_page(view, request);
  if (page) (void)soundoff::page_to_json(view, *page);
  return 0;
}
