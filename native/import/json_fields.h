// Reading JSON exports (Isso, Remark42, Soundoff) with nlohmann's
// non-throwing API: every accessor checks the type before reading.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "import/import_result.h"

namespace soundoff::import::detail {

// Parses `text`; on a syntax error returns the same Error (code invalid_json,
// with the byte position) that the comment-document parser gives.
Result<nlohmann::json> parse_json(std::string_view text);

// Reads the fields of one record. Each field of the wrong type is recorded as
// a rejected issue ("<where>: field 'x' must be ...") and ok() turns false,
// so one pass reports all of a record's problems.
class JsonRecord {
 public:
  // Rejects a record that is not an object.
  JsonRecord(const nlohmann::json& record, std::string where, ImportResult& result);

  bool ok() const { return ok_; }
  const std::string& where() const { return where_; }
  void reject(const std::string& field, const char* code, const std::string& reason);

  // The field, or nullptr when absent or null (or the record is no object).
  const nlohmann::json* find(const char* name) const;
  // A string field ("" when absent); with `integer_ok`, integers read as their decimal text.
  std::string text(const char* name, bool integer_ok = false);
  // A string field inside an object field, labelled "object.name".
  std::string nested_text(const char* object, const char* name);

 private:
  const nlohmann::json& record_;
  std::string where_;
  ImportResult& result_;
  bool ok_ = true;
};

}  // namespace soundoff::import::detail
