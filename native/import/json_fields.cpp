#include "import/json_fields.h"

#include "soundoff/document.h"
#include "soundoff/utf8.h"

namespace soundoff::import::detail {

using nlohmann::json;

Result<json> parse_json(std::string_view text) {
  json root = json::parse(text.begin(), text.end(), nullptr, false);
  if (!root.is_discarded()) return root;
  if (const auto bad = find_invalid_utf8(text); bad != std::string_view::npos)
    return Error{"invalid_json",
                 "input is not valid UTF-8 (byte " + std::to_string(bad) + "); JSON text must be UTF-8"};
  // parse_document already locates and words syntax errors; reuse it rather
  // than keep a second error probe.
  DocumentLimits unlimited;
  unlimited.max_bytes = text.size();
  auto described = parse_document(text, unlimited);
  if (!described) return Error{"invalid_json", described.error().message};
  return Error{"invalid_json", "input is not valid JSON"};
}

JsonRecord::JsonRecord(const json& record, std::string where, ImportResult& result)
    : record_(record), where_(std::move(where)), result_(result) {
  if (!record.is_object()) {
    result_.add(IssueKind::rejected, where_, "", "not_an_object",
                std::string("record is ") + record.type_name() + ", not an object");
    ok_ = false;
  }
}

void JsonRecord::reject(const std::string& field, const char* code, const std::string& reason) {
  result_.add(IssueKind::rejected, where_, field, code, "field '" + field + "' " + reason);
  ok_ = false;
}

const json* JsonRecord::find(const char* name) const {
  if (!record_.is_object()) return nullptr;
  const auto it = record_.find(name);
  return it == record_.end() || it->is_null() ? nullptr : &*it;
}

std::string JsonRecord::text(const char* name, bool integer_ok) {
  const json* value = find(name);
  if (value == nullptr) return {};
  if (value->is_string()) return value->get<std::string>();
  if (integer_ok && value->is_number_unsigned()) return std::to_string(value->get<std::uint64_t>());
  if (integer_ok && value->is_number_integer()) return std::to_string(value->get<std::int64_t>());
  reject(
      name, "wrong_type",
      std::string(integer_ok ? "must be a string or an integer, not " : "must be a string, not ") + value->type_name());
  return {};
}

std::string JsonRecord::nested_text(const char* object, const char* name) {
  const std::string label = std::string(object) + "." + name;
  const json* outer = find(object);
  if (outer == nullptr) return {};
  const auto inner = outer->is_object() ? outer->find(name) : outer->end();
  if (!outer->is_object() || inner == outer->end() || inner->is_null()) {
    if (!outer->is_object()) reject(object, "wrong_type", std::string("must be an object, not ") + outer->type_name());
    return {};
  }
  if (inner->is_string()) return inner->get<std::string>();
  reject(label, "wrong_type", std::string("must be a string, not ") + inner->type_name());
  return {};
}

}  // namespace soundoff::import::detail
