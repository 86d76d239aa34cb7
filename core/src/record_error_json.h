// The "errors" array of record errors, shared by every JSON output that
// reports a document's skipped records (page JSON, reply resolution JSON).
#pragma once

#include <vector>

#include "json_writer.h"
#include "soundoff/document.h"

namespace soundoff::detail {

// Writes `[{"index", "id", "field", "code", "message"}, ...]` as the next value.
void write_record_errors(JsonWriter& w, const std::vector<RecordError>& errors);

}  // namespace soundoff::detail
