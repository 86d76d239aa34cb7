// CSV (RFC 4180): quoted fields may hold commas, quotes ("") and newlines.
// Used to read labelled comment sets such as the YouTube Spam Collection.
// A corpus adapter: public because the CLI needs it (`soundoff spam --format
// youtube-csv`, scripts/eval-spam); an embedder of the engine does not, and the
// umbrella header soundoff/soundoff.h leaves it out.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "soundoff/result.h"

namespace soundoff {

struct CsvTable {
  std::vector<std::string> header;
  std::vector<std::vector<std::string>> rows;  // each the header's width
  std::vector<std::size_t> row_lines;          // 1-based line where each row starts

  // Index of a header column, or header.size() when absent.
  std::size_t column(std::string_view name) const;
};

// Parses `text` whose first record is the header. Accepts LF or CRLF and a
// leading UTF-8 byte-order mark; a final line break is optional. Errors (code
// invalid_csv) name the row and line: an unterminated quoted field, a quote
// inside an unquoted field, text after a closing quote, a row whose width
// differs from the header's.
Result<CsvTable> parse_csv(std::string_view text);

// Appends `field` to `out`, quoted when it holds a comma, quote or line break.
void append_csv_field(std::string& out, std::string_view field);

}  // namespace soundoff
