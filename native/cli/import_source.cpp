#include "cli/import_source.h"

#include "cli/input.h"
#include "import/importers.h"
#include "import/isso_db_import.h"

namespace soundoff::cli {

const char* const kImportFormats = "disqus, wxr, isso, isso-db, remark42 or soundoff";

Result<import::ImportResult> read_import_source(const std::string& from, const std::string& path,
                                                const import::ImportOptions& options) {
  // A database is opened by name, never read from standard input.
  if (from == "isso-db") {
    if (path.empty() || path == "-") return Error{"usage", "--from isso-db reads a database file: give its path"};
    return import::import_isso_db(path, options);
  }
  const auto source = import::parse_source(from);
  if (!source)
    return Error{"usage", std::string("--from must be ") + kImportFormats +
                              (from.empty() ? std::string() : ", not \"" + from.substr(0, 40) + "\"")};
  auto text = read_input(path.empty() ? "-" : path, options.max_bytes);
  if (!text) return text.error();
  return import::import_from(*source, *text, options);
}

}  // namespace soundoff::cli
