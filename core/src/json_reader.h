// Core's one way of reading JSON: RapidJSON (Debian's rapidjson-dev, header-only),
// used without exceptions. Comment documents stream through its SAX reader
// (document_codec.cpp) with JsonTextStream; small inputs (spam policies, token
// filter models, the tools module's call options) are parsed into a DOM with
// parse_json and read with the checked helpers below, which never touch a value
// of the wrong type (RapidJSON's own getters assert, or are undefined, on one).
// Internal to core and the wasm bindings: not installed.
#pragma once

#include <rapidjson/document.h>
#include <rapidjson/reader.h>

#include <cstddef>
#include <cstdint>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>

namespace soundoff::detail {

using JsonValue = rapidjson::Value;
using JsonDocument = rapidjson::Document;

// A JSON text as RapidJSON's input stream: a bounded view that reads as NUL past
// its end. RapidJSON's MemoryStream is the same, but its Peek/Take are not forced
// inline, and at -Oz (the wasm engine) a call per byte costs more than the parse.
class JsonTextStream {
 public:
  using Ch = char;
  explicit JsonTextStream(std::string_view text)
      : begin_(text.data()), at_(text.data()), end_(text.data() + text.size()) {}
  [[gnu::always_inline]] Ch Peek() const { return at_ == end_ ? '\0' : *at_; }
  [[gnu::always_inline]] Ch Take() { return at_ == end_ ? '\0' : *at_++; }
  [[gnu::always_inline]] std::size_t Tell() const { return static_cast<std::size_t>(at_ - begin_); }
  // Only insitu parsing writes; this stream is read-only.
  Ch* PutBegin() { return nullptr; }
  void Put(Ch) {}
  void Flush() {}
  std::size_t PutEnd(Ch*) { return 0; }

 private:
  const Ch* begin_;
  const Ch* at_;
  const Ch* end_;
};

// Where and why a JSON text is not valid JSON.
struct JsonSyntaxError {
  std::size_t offset = 0;
  std::string reason;  // names the JSON rule that was broken
  // "not valid JSON (byte N): <reason>", for callers to prefix with what the text was.
  std::string describe() const;
};

// Why RapidJSON stopped reading `text` with `code` at `offset`.
JsonSyntaxError json_syntax_error(std::string_view text, rapidjson::ParseErrorCode code, std::size_t offset);

// RapidJSON rejects a lone high surrogate escape but decodes a lone low one
// ("\udc00") into bytes that are not UTF-8; Soundoff treats it as the JSON error
// the high one is. The offset of the first lone low surrogate escape in `text`, or npos.
std::size_t find_lone_low_surrogate_escape(std::string_view text);

// Whether decoded text holds an encoded surrogate (ED A0..BF): only a lone
// surrogate escape or raw invalid bytes produce one.
bool has_encoded_surrogate(std::string_view text);

// RapidJSON 1.1's full-precision strtod normalises a zero significand with
// __builtin_clzll(0), which is undefined behaviour (UBSan: "passing zero to
// clz()"), when a number with only zero digits leaves its fast path: 0e55,
// or 0.000... with more than 22 zeros (both found by the fuzz targets). Such
// a number is exactly 0 (or -0), so it can be written "0" or "0.0" (still a
// double): `text` with the extra zeros and any exponent of those numbers
// blanked to spaces (the same length, so every offset stays), or nullopt
// when it has none.
std::optional<std::string> shortened_zeros(std::string_view text);

// Parses `text` into `out`: iteratively (no recursion, whatever the nesting),
// strict UTF-8, full-precision numbers, a lone surrogate escape and a NUL byte
// outside a string rejected. A key given twice is kept twice; find_member sees
// the last one, as the document reader does. Returns the syntax error, if any.
std::optional<JsonSyntaxError> parse_json(std::string_view text, JsonDocument& out);

// "null", "boolean", "number", "string", "array" or "object", for messages.
const char* json_type_name(const JsonValue& value);

// The value of `key` in `object` (the last one when the key repeats), or nullptr
// when it is absent or `object` is not an object.
const JsonValue* find_member(const JsonValue& object, std::string_view key);

// A string value's bytes (embedded NULs included); "" for any other type.
std::string_view string_of(const JsonValue& value);

// The first key of `object` that is not in `allowed`, or nullopt when there is
// none. Strict inputs (policies, options) refuse unknown keys, so that a misspelt
// one cannot silently leave a setting at its default.
std::optional<std::string_view> first_unknown_key(const JsonValue& object,
                                                  std::initializer_list<std::string_view> allowed);

// `allowed` as "a, b, c", for "expected one of ..." messages.
std::string key_list(std::initializer_list<std::string_view> allowed);

// `value` when it is a whole number (an integer literal: 2.0 is not one) in
// [lo, hi], else nullopt.
std::optional<std::uint64_t> whole_number_in(const JsonValue& value, std::uint64_t lo, std::uint64_t hi);

}  // namespace soundoff::detail
