// Reading what `soundoff import --from FORMAT FILE` names: an export file
// in one of the formats import_from reads, or (isso-db) Isso's database file.
#pragma once

#include <string>

#include "import/import_result.h"

namespace soundoff::cli {

// "disqus, wxr, isso, isso-db, remark42 or soundoff": for usage and error messages.
extern const char* const kImportFormats;

// Error usage for an unknown `from`; Error from read_input or the importer otherwise.
Result<import::ImportResult> read_import_source(const std::string& from, const std::string& path,
                                                const import::ImportOptions& options);

}  // namespace soundoff::cli
