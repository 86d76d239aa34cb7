#include "import/json_fields.h"

#include "soundoff/document.h"

namespace soundoff::import::detail {

using nlohmann::json;

Result<json> parse_json(std::string_view text) {
  json root = json::parse(text.begin(), text.end(), nullptr, false);
  if (!root.is_discarded()) return root;
  // parse_document already locates and words syntax errors; reuse it rather
  // than keep a second error probe.
  DocumentLimits unlimited;
  unlimited.max_bytes = text.size();
  auto described = parse_document(text, unlimited);
  if (!described) return Error{"invalid_json", described.error().message};
  return Error{"invalid_json", "input is not valid JSON"};
}

std::optional<std::string> id_field(const json& record, const char* name, bool& wrong) {
  const auto it = record.find(name);
  if (it == record.end() || it->is_null()) return std::nullopt;
  if (it->is_string()) return it->get<std::string>();
  if (it->is_number_unsigned()) return std::to_string(it->get<std::uint64_t>());
  if (it->is_number_integer()) return std::to_string(it->get<std::int64_t>());
  wrong = true;
  return std::nullopt;
}

std::string string_field(const json& record, const char* name, bool& wrong) {
  const auto it = record.find(name);
  if (it == record.end() || it->is_null()) return {};
  if (it->is_string()) return it->get<std::string>();
  wrong = true;
  return {};
}

}  // namespace soundoff::import::detail
