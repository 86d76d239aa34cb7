#include "convert.h"

#include <utility>

#include "flat_json_object.h"
#include "soundoff/page_json.h"

namespace soundoff::wasm {

std::string ok_envelope(std::string_view value_json) {
  std::string out;
  out.reserve(value_json.size() + 20);
  out += R"({"ok":true,"value":)";
  out += value_json;
  out += '}';
  return out;
}

std::string error_envelope(const Error& error) { return R"({"ok":false,"error":)" + error_to_json(error) + "}"; }

Result<AssembleOptions> ingest_options_from_json(std::string_view json_text) {
  auto options = detail::read_flat_json_object(json_text, "options");
  if (!options) return options.error();
  AssembleOptions out;
  for (const auto& [key, value] : *options) {
    if (key != "thread") return Error{"invalid_argument", "unknown option '" + key + "'; expected one of thread"};
    if (value.kind != detail::FlatJsonValue::Kind::string)
      return Error{"invalid_argument", "option 'thread' must be a string, not " + detail::describe_json_value(value)};
    out.filter_thread = true;
    out.thread = value.text;
  }
  return out;
}

}  // namespace soundoff::wasm
