// libFuzzer: any bytes through every importer (Disqus, WXR, Isso, Remark42,
// Soundoff's own format), strict and lenient. What an importer accepts must
// export, read back, and export again byte-identically.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "import/importers.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace soundoff::import;
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  for (auto source : {Source::disqus, Source::wxr, Source::isso, Source::remark42, Source::soundoff}) {
    for (bool lenient : {false, true}) {
      ImportOptions options;
      options.lenient = lenient;
      auto result = import_from(source, text, options);
      if (!result) continue;
      const std::string exported = write_export(result->threads);
      auto again = import_soundoff(exported);
      if (!again) std::abort();
      if (write_export(again->threads) != exported) std::abort();
    }
  }
  return 0;
}
