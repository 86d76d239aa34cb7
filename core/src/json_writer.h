// Core's one JSON writer: every JSON text core (and the wasm bindings) writes goes
// through it, so all share one escaping policy. Streaming and hand-written because
// pages can nest as deep as the reply tree, and a DOM would build and destroy that
// nesting recursively.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace soundoff::detail {

// Appends `s` as a JSON string: core's one escaping policy (docs/json-parsing.md),
// used by every JSON output. Besides what JSON requires, escapes <, >, & (as
// \u003c, \u003e, \u0026), DEL and U+2028/U+2029, so the output is also safe inside
// an HTML <script>; a byte that is not UTF-8 is written as U+FFFD (\ufffd), so
// the output is always valid JSON text.
void append_json_string(std::string& out, std::string_view s);

// `v` in thousandths, rounded; 0 for negative or non-finite values: the number
// fixed3 writes, for outputs that carry it as a number (page_binary.cpp).
std::uint64_t rounded_thousandths(double v);

class JsonWriter {
 public:
  std::string& out() { return out_; }
  std::string take() { return std::move(out_); }

  JsonWriter& begin_object() { return open('{'); }
  JsonWriter& end_object() { return close('}'); }
  JsonWriter& begin_array() { return open('['); }
  JsonWriter& end_array() { return close(']'); }

  JsonWriter& key(std::string_view k) {
    comma();
    append_json_string(out_, k);
    out_.push_back(':');
    after_key_ = true;
    return *this;
  }
  JsonWriter& value(std::string_view s) {
    comma();
    append_json_string(out_, s);
    return *this;
  }
  JsonWriter& value(const char* s) { return value(std::string_view(s)); }
  JsonWriter& value(bool b) {
    comma();
    out_ += b ? "true" : "false";
    return *this;
  }
  JsonWriter& value(std::int64_t v) {
    comma();
    out_ += std::to_string(v);
    return *this;
  }
  JsonWriter& value(std::uint64_t v) {
    comma();
    out_ += std::to_string(v);
    return *this;
  }
  JsonWriter& value(std::uint32_t v) { return value(static_cast<std::uint64_t>(v)); }
  JsonWriter& value(double v);
  JsonWriter& null() {
    comma();
    out_ += "null";
    return *this;
  }
  // Writes the string, or null when it is empty.
  JsonWriter& string_or_null(std::string_view s) { return s.empty() ? null() : value(s); }
  // A number in [0, ~2e9) with exactly three decimals (confidences: more would
  // only print float noise). Without printf, which the wasm engine avoids.
  JsonWriter& fixed3(double v);
  // Splices an already serialised JSON value.
  JsonWriter& raw(std::string_view json) {
    comma();
    out_ += json;
    return *this;
  }

 private:
  JsonWriter& open(char c) {
    comma();
    out_.push_back(c);
    first_ = true;
    return *this;
  }
  JsonWriter& close(char c) {
    out_.push_back(c);
    first_ = false;
    return *this;
  }
  void comma() {
    if (after_key_) {
      after_key_ = false;
      return;
    }
    if (!first_) out_.push_back(',');
    first_ = false;
  }

  std::string out_;
  bool first_ = true;
  bool after_key_ = false;
};

}  // namespace soundoff::detail
