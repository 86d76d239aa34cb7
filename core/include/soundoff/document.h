// Comment documents: the JSON input contract (docs/comment-document.md).
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "soundoff/comment.h"
#include "soundoff/result.h"

namespace soundoff {

// Why one record of a document was not used. `index` is the record's position
// in the `comments` array, `id` its id when one could be read (else empty),
// `field` the offending field ("" for the record as a whole).
struct RecordError {
  std::size_t index = 0;
  std::string id;
  std::string field;
  std::string code;     // missing_field, wrong_type, duplicate_id, invalid_time,
                        // invalid_utf8, unknown_status, out_of_range, not_an_object
  std::string message;  // one sentence naming record, field and reason
};

// A parsed document: the valid comments in input order, and one RecordError
// for every record that was left out.
struct Document {
  std::string thread;
  std::vector<Comment> comments;
  std::vector<RecordError> errors;
};

// Limits that keep hostile documents bounded.
struct DocumentLimits {
  std::size_t max_bytes = std::size_t{1} << 30;  // whole document (1 GiB; servers set less)
  std::size_t max_body_bytes = 64u << 10;        // one comment body
  std::size_t max_field_bytes = 1024;            // id, parent, thread, author
};

// Parses `{"thread": ..., "comments": [...]}` or a bare array of comments.
// Never throws. Returns an Error (code invalid_json, invalid_document or
// too_large) when the document as a whole is unusable; otherwise a Document
// whose `errors` lists every record that was skipped, and why.
Result<Document> parse_document(std::string_view json_text, const DocumentLimits& limits = {});

// Serialises comments back into the document shape parse_document accepts
// (times as ISO-8601 UTC). parse_document(to_document_json(d)) == d.
std::string to_document_json(const Document& document);

// The JSON array to_document_json writes under "comments", for formats that
// embed comment records in a JSON of their own (the export format,
// native/import/soundoff_format.cpp).
std::string comments_to_json(const std::vector<Comment>& comments);

// `text` as a JSON string under core's one escaping policy (docs/json-parsing.md:
// <, >, & and U+2028/U+2029 escaped, invalid UTF-8 as U+FFFD), for the same formats'
// own fields, so that all of an export follows that policy.
std::string to_json_string(std::string_view text);

}  // namespace soundoff
