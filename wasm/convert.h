// Conversions between the facade's JSON strings and core types, and the one
// boundary helper every entry point goes through. Nothing here knows Embind.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "soundoff/result.h"
#include "soundoff/thread.h"

namespace soundoff::wasm {

// `{"ok":true,"value":<value_json>}` and `{"ok":false,"error":{"code","message"}}`:
// the only two shapes that cross into JavaScript.
std::string ok_envelope(std::string_view value_json);
std::string error_envelope(const Error& error);

// Runs `work` (returning Result<std::string> of JSON) and wraps its outcome in
// an envelope. Core never throws; if a build enables exceptions anyway, any
// that escapes becomes an `internal` error instead of a bare number in JS.
template <typename Work>
std::string boundary(Work&& work) noexcept {
#if defined(__cpp_exceptions)
  try {
#endif
    Result<std::string> result = work();
    return result.ok() ? ok_envelope(*result) : error_envelope(result.error());
#if defined(__cpp_exceptions)
  } catch (const std::exception& e) {
    return error_envelope({"internal", e.what()});
  } catch (...) {
    return error_envelope({"internal", "unexpected C++ exception"});
  }
#endif
}

// `{"thread"?: string}` -> assembly options. Error invalid_argument.
Result<AssembleOptions> ingest_options_from_json(std::string_view json_text);

}  // namespace soundoff::wasm
