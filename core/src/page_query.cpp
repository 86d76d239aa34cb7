// Page requests: one rule set behind the text (URL, CLI) and JSON (wasm)
// entry points. Each entry point only says what kind of value it read; the
// checks, ranges and messages are here once.
#include "soundoff/page_query.h"

#include <array>
#include <charconv>
#include <limits>
#include <optional>
#include <string>

#include "flat_json_object.h"

namespace soundoff {

namespace {

constexpr std::uint32_t kMaxPerPage = 1000;  // build_page's limit, checked here so the error names the option
constexpr std::uint64_t kMaxCount = std::numeric_limits<std::uint32_t>::max();

enum class Field : std::uint8_t { sort, page, per_page, max_depth, max_replies, replies, around, after };

struct OptionSpec {
  std::string_view name;
  Field field;
  bool for_page_of;  // also read by PageQueryUse::page_of
};

constexpr std::array<OptionSpec, 8> kOptions{{
    {"sort", Field::sort, true},
    {"page", Field::page, false},
    {"per_page", Field::per_page, true},
    {"max_depth", Field::max_depth, false},
    {"max_replies", Field::max_replies, false},
    {"replies", Field::replies, false},
    {"around", Field::around, false},
    {"after", Field::after, false},
}};

// A value as an entry point read it. `text` is untyped (URL, CLI): it is a
// count when it is all digits. The JSON kinds are typed: a JSON string is
// never a count, a JSON number never a string.
struct OptionValue {
  enum class Kind : std::uint8_t { text, string, count, other };
  Kind kind = Kind::text;
  std::string_view text;  // the text or string, or a description for `other`
  std::uint64_t count = 0;
};

// Caller text as an error message quotes it: at most kQuoted bytes (cut at a
// UTF-8 character boundary), so a megabyte of junk is not sent back whole.
constexpr std::size_t kQuoted = 64;

std::string clipped(std::string_view s) {
  if (s.size() <= kQuoted) return std::string(s);
  std::size_t cut = kQuoted;
  while (cut > 0 && (static_cast<unsigned char>(s[cut]) & 0xC0) == 0x80) --cut;
  return std::string(s.substr(0, cut)) + "\u2026";
}

std::string quoted(std::string_view s) { return "\"" + clipped(s) + "\""; }

std::string describe(const OptionValue& v) {
  switch (v.kind) {
    case OptionValue::Kind::text:
    case OptionValue::Kind::string:
      return quoted(v.text);
    case OptionValue::Kind::count:
      return std::to_string(v.count);
    case OptionValue::Kind::other:
      break;
  }
  return std::string(v.text);
}

Error bad(std::string_view name, const std::string& why) {
  return Error{"invalid_argument", "page option '" + clipped(name) + "' " + why};
}

std::string known_names(PageQueryUse use) {
  std::string out;
  for (const auto& spec : kOptions) {
    if (use == PageQueryUse::page_of && !spec.for_page_of) continue;
    if (!out.empty()) out += ", ";
    out += spec.name;
  }
  return out;
}

// A whole number in [low, high].
Result<std::uint32_t> read_count(std::string_view name, const OptionValue& v, std::uint64_t low, std::uint64_t high) {
  std::uint64_t n = 0;
  if (v.kind == OptionValue::Kind::count) {
    n = v.count;
  } else if (v.kind == OptionValue::Kind::text) {
    const char* end = v.text.data() + v.text.size();
    const auto [ptr, ec] = std::from_chars(v.text.data(), end, n);
    if (v.text.empty() || ptr != end || (ec != std::errc() && ec != std::errc::result_out_of_range))
      return bad(name, "must be a whole number, not " + describe(v));
    if (ec == std::errc::result_out_of_range) n = std::numeric_limits<std::uint64_t>::max();
  } else {
    return bad(name, "must be a whole number, not " + describe(v));
  }
  if (n < low || n > high) {
    const std::string range = high == kMaxCount && n < low
                                  ? "at least " + std::to_string(low)
                                  : "between " + std::to_string(low) + " and " + std::to_string(high);
    // The digits as given: text that overflowed uint64 shows what was sent, not a clamped number.
    return bad(name, "must be " + range + ", not " +
                         (v.kind == OptionValue::Kind::text ? clipped(v.text) : std::to_string(n)));
  }
  return static_cast<std::uint32_t>(n);
}

Result<std::string_view> read_string(std::string_view name, const OptionValue& v) {
  if (v.kind != OptionValue::Kind::text && v.kind != OptionValue::Kind::string)
    return bad(name, "must be a string, not " + describe(v));
  return v.text;
}

// Collects options one by one and checks what needs all of them.
class QueryBuilder {
 public:
  explicit QueryBuilder(PageQueryUse use) : use_(use) {}

  std::optional<Error> add(std::string_view name, const OptionValue& value) {
    const OptionSpec* spec = find(name);
    if (spec == nullptr)
      return bad(name, "is unknown; known" + std::string(use_ == PageQueryUse::page_of ? " for page_of" : "") + ": " +
                           known_names(use_));
    const auto bit = static_cast<std::size_t>(spec->field);
    if (given_[bit]) return bad(name, "is given more than once");
    given_[bit] = true;
    return apply(spec->field, name, value);
  }

  Result<PageQuery> finish() {
    const int modes = given(Field::page) + given(Field::around) + given(Field::after);
    if (modes > 1)
      return Error{"invalid_argument", "give at most one of the page options 'page', 'around' and 'after'"};
    return query_;
  }

 private:
  const OptionSpec* find(std::string_view name) const {
    for (const auto& spec : kOptions)
      if (spec.name == name && (use_ == PageQueryUse::page || spec.for_page_of)) return &spec;
    return nullptr;
  }
  bool given(Field f) const { return given_[static_cast<std::size_t>(f)]; }

  std::optional<Error> apply(Field field, std::string_view name, const OptionValue& value) {
    PageRequest& r = query_.request;
    switch (field) {
      case Field::page:
        return set_count(r.page, name, value, 1, kMaxCount);
      case Field::per_page:
        return set_count(r.per_page, name, value, 1, kMaxPerPage);
      case Field::max_depth:
        return set_count(r.max_depth, name, value, 0, kMaxCount);
      case Field::max_replies:
        return set_count(r.max_replies, name, value, 0, kMaxCount);
      case Field::sort: {
        auto text = read_string(name, value);
        if (!text) return text.error();
        const auto sort = parse_sort(*text);
        if (!sort)
          return bad(name, "cannot be " + quoted(*text) + "; use oldest, newest, top, best, controversial or active");
        query_.sort = *sort;
        return std::nullopt;
      }
      case Field::replies: {
        auto text = read_string(name, value);
        if (!text) return text.error();
        if (*text != "oldest" && *text != "newest")
          return bad(name, "cannot be " + quoted(*text) + "; use oldest or newest");
        r.replies_newest_first = *text == "newest";
        return std::nullopt;
      }
      case Field::around:
      case Field::after: {
        auto text = read_string(name, value);
        if (!text) return text.error();
        (field == Field::around ? r.around : r.after) = std::string(*text);
        return std::nullopt;
      }
    }
    return std::nullopt;
  }

  static std::optional<Error> set_count(std::uint32_t& out, std::string_view name, const OptionValue& value,
                                        std::uint64_t low, std::uint64_t high) {
    auto n = read_count(name, value, low, high);
    if (!n) return n.error();
    out = *n;
    return std::nullopt;
  }

  PageQueryUse use_;
  PageQuery query_;
  std::array<bool, kOptions.size()> given_{};
};

OptionValue from_json(const detail::FlatJsonValue& v) {
  switch (v.kind) {
    case detail::FlatJsonValue::Kind::string:
      return {OptionValue::Kind::string, v.text};
    case detail::FlatJsonValue::Kind::count:
      return {OptionValue::Kind::count, {}, v.count};
    case detail::FlatJsonValue::Kind::other:
      break;
  }
  return {OptionValue::Kind::other, v.text};
}

}  // namespace

Result<PageQuery> parse_page_query_options(const std::vector<PageOption>& options, PageQueryUse use) {
  QueryBuilder builder(use);
  for (const auto& option : options)
    if (auto error = builder.add(option.name, {OptionValue::Kind::text, option.text})) return *error;
  return builder.finish();
}

Result<PageQuery> parse_page_query_json(std::string_view json_text, PageQueryUse use) {
  auto members = detail::read_flat_json_object(json_text, "page options");
  if (!members) return members.error();
  QueryBuilder builder(use);
  for (const auto& member : *members)
    if (auto error = builder.add(member.key, from_json(member.value))) return *error;
  return builder.finish();
}

}  // namespace soundoff
