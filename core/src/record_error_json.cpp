#include "record_error_json.h"

namespace soundoff::detail {

void write_record_errors(JsonWriter& w, const std::vector<RecordError>& errors) {
  w.begin_array();
  for (const auto& e : errors) {
    w.begin_object();
    w.key("index").value(static_cast<std::uint64_t>(e.index));
    w.key("id").string_or_null(e.id);
    w.key("field").string_or_null(e.field);
    w.key("code").value(e.code);
    w.key("message").value(e.message);
    w.end_object();
  }
  w.end_array();
}

}  // namespace soundoff::detail
