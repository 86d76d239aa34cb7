// libFuzzer: any bytes as CSV. Rows must all have the header's width.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "soundoff/csv.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  auto table = soundoff::parse_csv(std::string_view(reinterpret_cast<const char*>(data), size));
  if (!table) return 0;
  if (table->rows.size() != table->row_lines.size()) std::abort();
  for (const auto& row : table->rows)
    if (row.size() != table->header.size()) std::abort();
  return 0;
}
