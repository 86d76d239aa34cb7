#include "json_reader.h"

#include <algorithm>
#include <cstring>
#include <string>

namespace soundoff::detail {

namespace {

const char* reason_of(std::string_view text, rapidjson::ParseErrorCode code, std::size_t offset) {
  switch (code) {
    case rapidjson::kParseErrorDocumentEmpty:
      return "the document is empty";
    case rapidjson::kParseErrorDocumentRootNotSingular:
      return "unexpected text after the document's end";
    case rapidjson::kParseErrorValueInvalid:
      return "invalid value (expected an object, array, string, number, true, false or null)";
    case rapidjson::kParseErrorObjectMissName:
      return "missing a name (a quoted key) for an object member";
    case rapidjson::kParseErrorObjectMissColon:
      return "missing ':' after an object member's name";
    case rapidjson::kParseErrorObjectMissCommaOrCurlyBracket:
      return "missing ',' or '}' after an object member";
    case rapidjson::kParseErrorArrayMissCommaOrSquareBracket:
      return "missing ',' or ']' after an array element";
    case rapidjson::kParseErrorStringUnicodeEscapeInvalidHex:
      return "invalid hex digits in a \\u escape";
    case rapidjson::kParseErrorStringUnicodeSurrogateInvalid:
      return "a \\u escape is a lone or unpaired surrogate";
    case rapidjson::kParseErrorStringEscapeInvalid:
      // RapidJSON reports a raw control byte with the same code as a bad escape; the byte tells them apart.
      if (offset < text.size() && static_cast<unsigned char>(text[offset]) < 0x20)
        return "a raw control character inside a string (JSON requires it escaped)";
      return "invalid escape sequence in a string";
    case rapidjson::kParseErrorStringMissQuotationMark:
      return "a string is missing its closing quotation mark";
    case rapidjson::kParseErrorStringInvalidEncoding:
      return "a string is not valid UTF-8";
    case rapidjson::kParseErrorNumberTooBig:
      return "a number is too large for a double";
    case rapidjson::kParseErrorNumberMissFraction:
      return "a number is missing its digits after '.'";
    case rapidjson::kParseErrorNumberMissExponent:
      return "a number is missing its exponent digits";
    default:
      return "unexpected input";
  }
}

// The index of the quote closing the string opened at text[open] (text.size()
// when it is not closed): the first quote after an even number of backslashes.
// memchr rather than a loop over every byte: strings are most of a document,
// and shortened_zeros runs over all of it before every parse.
std::size_t string_end(std::string_view text, std::size_t open) {
  for (std::size_t from = open + 1; from < text.size();) {
    const void* quote = std::memchr(text.data() + from, '"', text.size() - from);
    if (quote == nullptr) break;
    const std::size_t at = static_cast<std::size_t>(static_cast<const char*>(quote) - text.data());
    std::size_t backslashes = 0;
    while (at - backslashes > open + 1 && text[at - 1 - backslashes] == '\\') ++backslashes;
    if (backslashes % 2 == 0) return at;
    from = at + 1;
  }
  return text.size();
}

}  // namespace

std::string JsonSyntaxError::describe() const {
  return "not valid JSON (byte " + std::to_string(offset) + "): " + reason;
}

JsonSyntaxError json_syntax_error(std::string_view text, rapidjson::ParseErrorCode code, std::size_t offset) {
  return {offset, reason_of(text, code, offset)};
}

std::size_t find_lone_low_surrogate_escape(std::string_view text) {
  const auto hex_at = [&](std::size_t at, std::string_view first_digits) {
    if (at + 6 > text.size() || text[at] != '\\' || text[at + 1] != 'u') return false;
    const char d0 = static_cast<char>(text[at + 2] | 0x20), d1 = static_cast<char>(text[at + 3] | 0x20);
    return d0 == 'd' && first_digits.find(d1) != std::string_view::npos;
  };
  for (std::size_t at = text.find('\\'); at != std::string_view::npos; at = text.find('\\', at)) {
    if (at + 1 >= text.size()) break;
    if (text[at + 1] != 'u') {
      at += 2;  // any other escape, including an escaped backslash
      continue;
    }
    if (hex_at(at, "89ab") && hex_at(at + 6, "cdef")) {
      at += 12;  // a proper pair
      continue;
    }
    if (hex_at(at, "cdef")) return at;
    at += 2;
  }
  return std::string_view::npos;
}

bool has_encoded_surrogate(std::string_view text) {
  for (auto at = text.find('\xED'); at != std::string_view::npos && at + 1 < text.size();
       at = text.find('\xED', at + 1))
    if ((static_cast<unsigned char>(text[at + 1]) & 0xE0) == 0xA0) return true;
  return false;
}

std::optional<std::string> shortened_zeros(std::string_view text) {
  const auto digit = [](char c) { return c >= '0' && c <= '9'; };
  std::optional<std::string> out;
  const std::size_t n = text.size();
  for (std::size_t i = 0; i < n;) {
    const char c = text[i];
    if (c == '"') {  // a string: skip to its end, the first quote not escaped
      i = string_end(text, i) + 1;
      continue;
    }
    if (c != '-' && !digit(c)) {
      ++i;
      continue;
    }
    // The number as the JSON grammar reads it: digits, at most one '.' and
    // digits, an exponent. It ends there, so in "0.000.8" the reader's number
    // is "0.000", all zeros, whatever follows.
    std::size_t j = i + (c == '-' ? 1 : 0);
    bool zero = true;
    std::size_t digits = 0;
    std::size_t dot = std::string_view::npos;
    const auto take_digits = [&] {
      for (; j < n && digit(text[j]); ++j) {
        ++digits;
        zero = zero && text[j] == '0';
      }
    };
    take_digits();
    if (j < n && text[j] == '.') {
      dot = j++;
      take_digits();
    }
    if (j < n && (text[j] == 'e' || text[j] == 'E')) {
      ++j;
      if (j < n && (text[j] == '+' || text[j] == '-')) ++j;
      while (j < n && digit(text[j])) ++j;
    }
    // Keep "0" or "0.0" (still a double), blank the rest: more zero digits and the exponent.
    const std::size_t keep = dot == std::string_view::npos ? i + (c == '-' ? 2 : 1) : std::min(dot + 2, j);
    if (digits > 0 && zero && keep < j) {
      if (!out) out.emplace(text);
      out->replace(keep, j - keep, j - keep, ' ');
    }
    i = std::max(j, i + 1);
  }
  return out;
}

std::optional<JsonSyntaxError> parse_json(std::string_view text, JsonDocument& out) {
  const auto blanked = shortened_zeros(text);
  if (blanked) text = *blanked;
  JsonTextStream stream(text);
  constexpr unsigned kFlags =
      rapidjson::kParseIterativeFlag | rapidjson::kParseFullPrecisionFlag | rapidjson::kParseValidateEncodingFlag;
  out.ParseStream<kFlags>(stream);
  if (out.HasParseError()) return json_syntax_error(text, out.GetParseError(), out.GetErrorOffset());
  // The reader takes a NUL byte for the end of input; anything after one was not read.
  if (stream.Tell() != text.size()) return JsonSyntaxError{stream.Tell(), "a NUL byte outside a string"};
  if (const auto at = find_lone_low_surrogate_escape(text); at != std::string_view::npos)
    return json_syntax_error(text, rapidjson::kParseErrorStringUnicodeSurrogateInvalid, at);
  return std::nullopt;
}

const char* json_type_name(const JsonValue& value) {
  switch (value.GetType()) {
    case rapidjson::kNullType:
      return "null";
    case rapidjson::kFalseType:
    case rapidjson::kTrueType:
      return "boolean";
    case rapidjson::kObjectType:
      return "object";
    case rapidjson::kArrayType:
      return "array";
    case rapidjson::kStringType:
      return "string";
    case rapidjson::kNumberType:
      return "number";
  }
  return "value";
}

std::string_view string_of(const JsonValue& value) {
  return value.IsString() ? std::string_view(value.GetString(), value.GetStringLength()) : std::string_view();
}

const JsonValue* find_member(const JsonValue& object, std::string_view key) {
  if (!object.IsObject()) return nullptr;
  const JsonValue* found = nullptr;
  for (auto it = object.MemberBegin(); it != object.MemberEnd(); ++it)
    if (string_of(it->name) == key) found = &it->value;
  return found;
}

std::optional<std::string_view> first_unknown_key(const JsonValue& object,
                                                  std::initializer_list<std::string_view> allowed) {
  if (!object.IsObject()) return std::nullopt;
  for (auto it = object.MemberBegin(); it != object.MemberEnd(); ++it) {
    const std::string_view key = string_of(it->name);
    bool known = false;
    for (const auto a : allowed) known = known || a == key;
    if (!known) return key;
  }
  return std::nullopt;
}

std::string key_list(std::initializer_list<std::string_view> allowed) {
  std::string list;
  for (const auto key : allowed) {
    if (!list.empty()) list += ", ";
    list += key;
  }
  return list;
}

std::optional<std::uint64_t> whole_number_in(const JsonValue& value, std::uint64_t lo, std::uint64_t hi) {
  if (!value.IsUint64()) return std::nullopt;  // negative, fractional, written with a '.' or not a number
  const std::uint64_t n = value.GetUint64();
  if (n < lo || n > hi) return std::nullopt;
  return n;
}

}  // namespace soundoff::detail
