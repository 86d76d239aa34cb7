// libFuzzer: any bytes as page options JSON and as a cursor, against a small
// fixed thread. Bad input must come back as an Error, never a crash.
#include <cstddef>
#include <cstdint>
#include <string>

#include "soundoff/page_json.h"

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
  auto query = soundoff::parse_page_query(text);
  const auto& thread = fixed_thread();
  soundoff::PageRequest request = query ? query->request : soundoff::PageRequest{};
  const auto sort = query ? query->sort : soundoff::SortOrder::oldest;
  if (!query) request.after = text;  // the same bytes as a cursor
  const auto view = soundoff::make_view(thread, sort);
  auto page = soundoff::build_page(view, request);
  if (page) (void)soundoff::page_to_json(view, *page);
  return 0;
}
