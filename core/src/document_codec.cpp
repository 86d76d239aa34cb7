// Comment documents <-> JSON. Documents are read with RapidJSON's SAX reader
// (json_reader.h) straight into Comment records: no DOM is built, and the reader
// is several times faster than nlohmann's (BENCHMARKS.md), which matters most in
// wasm. Written with JsonWriter, core's one writer and escaping policy.
#include <array>
#include <cmath>
#include <unordered_set>

#include "json_reader.h"
#include "json_writer.h"
#include "soundoff/document.h"
#include "soundoff/time.h"
#include "soundoff/utf8.h"

namespace soundoff {

namespace {

// Earliest and latest instants we accept (years 0001 to 9999), in ms.
constexpr std::int64_t kMinTimeMs = -62135596800000LL;
constexpr std::int64_t kMaxTimeMs = 253402300799999LL;

// One JSON value of a record field, as the SAX parser delivered it.
struct RawValue {
  enum Kind : std::uint8_t { absent, null, string, integer, unsigned_integer, floating, boolean, object, array };
  RawValue() = default;
  explicit RawValue(Kind k) : kind(k) {}

  Kind kind = absent;
  std::string text;
  std::int64_t i = 0;
  std::uint64_t u = 0;
  double d = 0;

  // nlohmann's type names, so messages read the same as its own.
  const char* type_name() const {
    static constexpr const char* kNames[] = {"absent", "null",    "string", "number", "number",
                                             "number", "boolean", "object", "array"};
    return kNames[kind];
  }
  bool missing() const { return kind == absent || kind == null; }
  bool is_integer() const { return kind == integer || kind == unsigned_integer; }
};

enum Field : std::uint8_t {
  kId,
  kParent,
  kThread,
  kAuthor,
  kBody,
  kExternalId,
  kCreated,
  kStatus,
  kScore,
  kUp,
  kDown,
  kReports,
  kPinned,
  kEdited,
  kBadge,
  kFieldCount
};
constexpr std::array<std::string_view, kFieldCount> kFieldNames = {
    "id",    "parent", "thread", "author",  "body",   "external_id", "created", "status",
    "score", "up",     "down",   "reports", "pinned", "edited",      "badge"};

int field_of(std::string_view key) {
  for (int f = 0; f < kFieldCount; ++f)
    if (key == kFieldNames[f]) return f;
  return -1;
}

using RawRecord = std::array<RawValue, kFieldCount>;

// Turns one record's raw fields into a Comment, reporting every problem.
class RecordReader {
 public:
  RecordReader(RawRecord& raw, std::size_t index, const DocumentLimits& limits, std::vector<RecordError>& errors)
      : raw_(raw), index_(index), limits_(limits), errors_(errors) {}

  bool read(Comment& out) {
    if (!read_id(kId, out.id, true)) return false;
    id_ = out.id;
    // Read every field before deciding, so one pass reports all of a record's problems.
    bool ok = read_id(kParent, out.parent, false);
    ok &= read_text(kThread, out.thread, limits_.max_field_bytes);
    ok &= read_text(kAuthor, out.author, limits_.max_field_bytes);
    ok &= read_text(kBody, out.body, limits_.max_body_bytes);
    ok &= read_text(kExternalId, out.external_id, limits_.max_field_bytes);
    ok &= read_created(out.created_ms);
    ok &= read_status(out.status);
    ok &= read_count(kScore, out.score, true);
    ok &= read_count(kUp, out.up, false);
    ok &= read_count(kDown, out.down, false);
    ok &= read_count(kReports, out.reports, false);
    ok &= read_pinned(out.pinned);
    ok &= read_edited(out.edited_ms);
    ok &= read_badge(out.badge);
    // Sources that only count votes get the net vote as their score.
    if (ok && raw_[kScore].missing()) out.score = out.up - out.down;
    return ok;
  }

  bool fail(Field field, const char* code, const std::string& reason) {
    return fail_named(std::string(kFieldNames[field]), code, reason);
  }

  bool fail_named(const std::string& field, const char* code, const std::string& reason) {
    RecordError e;
    e.index = index_;
    e.id = id_;
    e.field = field;
    e.code = code;
    e.message = "comment #" + std::to_string(index_);
    if (!id_.empty()) e.message.append(" (id \"").append(id_).append("\")");
    e.message.append(": ").append(reason);
    errors_.push_back(std::move(e));
    return false;
  }

 private:
  static std::string quote_field(Field f) { return "field '" + std::string(kFieldNames[f]) + "'"; }

  // `id`/`parent`: a string or an integer, else an error.
  bool read_id(Field f, std::string& out, bool required) {
    RawValue& v = raw_[f];
    if (v.missing()) {
      if (required) fail(f, "missing_field", quote_field(f) + " is missing");
      return !required;
    }
    switch (v.kind) {
      case RawValue::string:
        if (v.text.empty()) {
          if (required) return fail(f, "wrong_type", quote_field(f) + " is an empty string");
          return true;  // "" parent means top level, as null does
        }
        if (!check_text(f, v.text, limits_.max_field_bytes)) return false;
        out = std::move(v.text);
        return true;
      case RawValue::integer:
        out = std::to_string(v.i);
        return true;
      case RawValue::unsigned_integer:
        out = std::to_string(v.u);
        return true;
      default:
        return fail(f, "wrong_type", quote_field(f) + " must be a string or an integer, not " + v.type_name());
    }
  }

  bool read_text(Field f, std::string& out, std::size_t max_bytes) {
    RawValue& v = raw_[f];
    if (v.missing()) return true;
    if (v.kind != RawValue::string)
      return fail(f, "wrong_type", quote_field(f) + " must be a string, not " + v.type_name());
    if (!check_text(f, v.text, max_bytes)) return false;
    out = std::move(v.text);
    return true;
  }

  bool read_count(Field f, std::int64_t& out, bool allow_negative) {
    const RawValue& v = raw_[f];
    if (v.missing()) return true;
    if (!v.is_integer()) return fail(f, "wrong_type", quote_field(f) + " must be an integer, not " + v.type_name());
    if (v.kind == RawValue::unsigned_integer && v.u > static_cast<std::uint64_t>(INT64_MAX))
      return fail(f, "out_of_range", quote_field(f) + " is too large");
    const std::int64_t value = v.kind == RawValue::integer ? v.i : static_cast<std::int64_t>(v.u);
    if (!allow_negative && value < 0) return fail(f, "out_of_range", quote_field(f) + " must not be negative");
    out = value;
    return true;
  }

  // `pinned`: the pin order (0: not pinned), or true/false (true: pinned, order 1).
  bool read_pinned(std::int64_t& out) {
    const RawValue& v = raw_[kPinned];
    if (v.kind == RawValue::boolean) {
      out = v.i;
      return true;
    }
    return read_count(kPinned, out, false);
  }

  // `edited`: when the body was last edited, an ISO-8601 string (absent or null: never).
  bool read_edited(std::int64_t& out) {
    const RawValue& v = raw_[kEdited];
    if (v.missing()) return true;
    if (v.kind != RawValue::string)
      return fail(kEdited, "wrong_type",
                  std::string("field 'edited' must be an ISO-8601 string, not ") + v.type_name());
    const auto ms = parse_iso8601_ms(v.text);
    if (!ms)
      return fail(
          kEdited, "invalid_time",
          "field 'edited' is not an ISO-8601 time such as 2013-09-09T17:24:00Z: \"" + utf8_excerpt(v.text, 64) + "\"");
    out = *ms;
    return true;
  }

  // `badge`: the author's account badge, one of the few the server sets (a
  // backup keeps it; anything else would show a made-up badge).
  bool read_badge(std::string& out) {
    RawValue& v = raw_[kBadge];
    if (v.missing()) return true;
    if (v.kind != RawValue::string)
      return fail(kBadge, "wrong_type", std::string("field 'badge' must be a string, not ") + v.type_name());
    if (!is_account_badge(v.text))
      return fail(kBadge, "unknown_badge",
                  "field 'badge' must be \"verified\" or \"staff\", not \"" + utf8_excerpt(v.text, 64) + "\"");
    out = std::move(v.text);
    return true;
  }

  bool read_created(std::int64_t& out) {
    const RawValue& v = raw_[kCreated];
    if (v.missing()) return fail(kCreated, "missing_field", "field 'created' is missing");
    if (v.kind == RawValue::string) {
      const auto ms = parse_iso8601_ms(v.text);
      if (!ms) {
        return fail(kCreated, "invalid_time",
                    "field 'created' is not an ISO-8601 time such as 2013-09-09T17:24:00-04:00: \"" +
                        utf8_excerpt(v.text, 64) + "\"");
      }
      out = *ms;
      return true;
    }
    double seconds;
    switch (v.kind) {
      case RawValue::integer:
        seconds = static_cast<double>(v.i);
        break;
      case RawValue::unsigned_integer:
        seconds = static_cast<double>(v.u);
        break;
      case RawValue::floating:
        seconds = v.d;
        break;
      default:
        return fail(kCreated, "wrong_type",
                    std::string("field 'created' must be an ISO-8601 string or Unix seconds, not ") + v.type_name());
    }
    if (!std::isfinite(seconds) || seconds * 1000.0 < static_cast<double>(kMinTimeMs) ||
        seconds * 1000.0 > static_cast<double>(kMaxTimeMs))
      return fail(kCreated, "out_of_range", "field 'created' is outside years 1 to 9999");
    out = v.kind == RawValue::integer ? v.i * 1000 : std::llround(seconds * 1000.0);
    return true;
  }

  bool read_status(Status& out) {
    const RawValue& v = raw_[kStatus];
    if (v.missing()) return true;
    if (v.kind != RawValue::string)
      return fail(kStatus, "wrong_type", std::string("field 'status' must be a string, not ") + v.type_name());
    const auto status = parse_status(v.text);
    if (!status)
      return fail(
          kStatus, "unknown_status",
          "field 'status' is \"" + utf8_excerpt(v.text, 32) + "\"; expected published, pending, spam or deleted");
    out = *status;
    return true;
  }

  bool check_text(Field f, const std::string& s, std::size_t max_bytes) {
    const auto bad = find_invalid_utf8(s);
    if (bad != std::string_view::npos)
      return fail(f, "invalid_utf8", quote_field(f) + " is not valid UTF-8 (byte " + std::to_string(bad) + ")");
    if (s.size() > max_bytes)
      return fail(
          f, "too_long",
          quote_field(f) + " is " + std::to_string(s.size()) + " bytes; the limit is " + std::to_string(max_bytes));
    return true;
  }

  RawRecord& raw_;
  std::size_t index_;
  const DocumentLimits& limits_;
  std::vector<RecordError>& errors_;
  std::string id_;
};

// The whole document's syntax error.
Error invalid_json(const detail::JsonSyntaxError& error) {
  return Error{"invalid_json", "document is " + error.describe()};
}

// SAX handler for RapidJSON's reader: follows the document's shape and hands
// each record of the comments array to RecordReader. Values it does not need
// are skipped without being stored. Returning false stops the reader; `error`
// then says why.
class DocumentHandler {
 public:
  using Ch = char;

  // `text`: the whole document, for the rare look back at how a string was written.
  DocumentHandler(std::string_view text, const DocumentLimits& limits, Document& document)
      : text_(text), limits_(limits), document_(document) {}

  std::optional<Error> error;  // set when the document as a whole is unusable
  bool saw_comments = false;

  bool Null() { return scalar(RawValue{RawValue::null}); }
  bool Bool(bool b) {
    RawValue v{RawValue::boolean};
    v.i = b ? 1 : 0;
    return scalar(std::move(v));
  }
  bool Int(int v) { return Int64(v); }
  bool Uint(unsigned v) { return Int64(v); }
  bool Int64(std::int64_t v) {
    if (!wanted()) return true;
    RawValue r{RawValue::integer};
    r.i = v;
    return scalar(std::move(r));
  }
  bool Uint64(std::uint64_t v) {
    if (v <= static_cast<std::uint64_t>(INT64_MAX)) return Int64(static_cast<std::int64_t>(v));
    if (!wanted()) return true;
    RawValue r{RawValue::unsigned_integer};
    r.u = v;
    return scalar(std::move(r));
  }
  bool Double(double v) {
    if (!wanted()) return true;
    RawValue r{RawValue::floating};
    r.d = v;
    return scalar(std::move(r));
  }
  bool RawNumber(const char*, rapidjson::SizeType, bool) { return true; }  // not enabled
  bool String(const char* s, rapidjson::SizeType length, bool) {
    if (!wanted()) return true;
    RawValue r{RawValue::string};
    r.text.assign(s, length);
    if (detail::has_encoded_surrogate(r.text)) {
      // Scanned once per document: raw bad bytes in many records must not rescan it each time.
      if (!lone_surrogate_at_) lone_surrogate_at_ = detail::find_lone_low_surrogate_escape(text_);
      if (const auto at = *lone_surrogate_at_; at != std::string_view::npos) {
        error = invalid_json(detail::json_syntax_error(text_, rapidjson::kParseErrorStringUnicodeSurrogateInvalid, at));
        return false;
      }
    }
    return scalar(std::move(r));
  }
  bool Key(const char* s, rapidjson::SizeType length, bool) {
    const std::string_view k(s, length);
    if (depth_ == 1 && root_is_object_) root_key_ = k;
    if (in_record_ && depth_ == record_depth_) field_ = field_of(k);
    return true;
  }
  bool StartObject() { return open(RawValue::object); }
  bool StartArray() { return open(RawValue::array); }
  bool EndObject(rapidjson::SizeType) {
    if (in_record_ && depth_ == record_depth_) finish_record();
    --depth_;
    return true;
  }
  bool EndArray(rapidjson::SizeType) {
    if (in_comments_ && depth_ == comments_depth_) in_comments_ = false;
    --depth_;
    return true;
  }

 private:
  // Whether a scalar at the current position matters: the hot path skips
  // building values for unknown fields and nested values inside records.
  bool wanted() const { return !in_record_ || (depth_ == record_depth_ && field_ >= 0); }

  // A scalar value at the current position.
  bool scalar(RawValue v) {
    if (depth_ == 0)
      return shape_error(std::string("document must be an object with 'comments' or an array, not ") + v.type_name());
    if (depth_ == 1 && root_is_object_) return root_value(std::move(v));
    if (in_comments_ && depth_ == comments_depth_) return not_an_object(v.type_name());
    if (in_record_ && depth_ == record_depth_ && field_ >= 0) raw_[field_] = std::move(v);
    return true;
  }

  bool open(RawValue::Kind kind) {
    if (depth_ == 0) {
      root_is_object_ = kind == RawValue::object;
      if (!root_is_object_) {
        comments_depth_ = 1;
        in_comments_ = true;
        saw_comments = true;
      }
    } else if (depth_ == 1 && root_is_object_) {
      if (root_key_ == "comments") {
        if (kind != RawValue::array) return shape_error("'comments' must be an array, not object");
        comments_depth_ = 2;
        in_comments_ = true;
        saw_comments = true;
      } else if (root_key_ == "thread") {
        return shape_error(std::string("'thread' must be a string, not ") +
                           (kind == RawValue::array ? "array" : "object"));
      }
    } else if (in_comments_ && depth_ == comments_depth_) {
      if (kind != RawValue::object) {
        not_an_object("array");
      } else {
        in_record_ = true;
        record_depth_ = depth_ + 1;
        field_ = -1;
        for (auto& f : raw_) f.kind = RawValue::absent;
      }
    } else if (in_record_ && depth_ == record_depth_ && field_ >= 0) {
      raw_[field_] = RawValue{kind};  // a nested value where a scalar belongs: its type is enough
    }
    ++depth_;
    return true;
  }

  bool root_value(RawValue v) {
    if (root_key_ == "thread") {
      if (v.kind == RawValue::string) {
        if (const auto bad = find_invalid_utf8(v.text); bad != std::string_view::npos)
          return shape_error("'thread' is not valid UTF-8 (byte " + std::to_string(bad) + ")");
        document_.thread = std::move(v.text);
      } else if (v.kind == RawValue::integer || v.kind == RawValue::unsigned_integer) {
        document_.thread = v.kind == RawValue::integer ? std::to_string(v.i) : std::to_string(v.u);
      } else if (v.kind != RawValue::null) {
        return shape_error(std::string("'thread' must be a string, not ") + v.type_name());
      }
    } else if (root_key_ == "comments") {
      return shape_error(std::string("'comments' must be an array, not ") + v.type_name());
    }
    return true;
  }

  bool not_an_object(const char* type) {
    RecordReader(raw_, index_++, limits_, document_.errors)
        .fail_named("", "not_an_object", std::string("record is ") + type + ", not an object");
    return true;
  }

  void finish_record() {
    in_record_ = false;
    Comment comment;
    const auto index = index_++;
    if (!RecordReader(raw_, index, limits_, document_.errors).read(comment)) return;
    if (!seen_.insert(comment.id).second) {
      document_.errors.push_back({index, comment.id, "id", "duplicate_id",
                                  "comment #" + std::to_string(index) + " (id \"" + comment.id +
                                      "\"): id is already used by an earlier comment; the first one is kept"});
      return;
    }
    document_.comments.push_back(std::move(comment));
  }

  bool shape_error(std::string message) {
    error = Error{"invalid_document", std::move(message)};
    return false;
  }

  std::string_view text_;
  std::optional<std::size_t> lone_surrogate_at_;
  const DocumentLimits& limits_;
  Document& document_;
  std::size_t depth_ = 0;
  bool root_is_object_ = false;
  std::string root_key_;
  std::size_t comments_depth_ = 0;  // depth of the comments array's elements
  bool in_comments_ = false;        // inside the comments array
  std::size_t record_depth_ = 0;    // depth of a record's fields
  bool in_record_ = false;
  int field_ = -1;
  RawRecord raw_;
  std::size_t index_ = 0;
  std::unordered_set<std::string> seen_;
};

}  // namespace

Result<Document> parse_document(std::string_view text, const DocumentLimits& limits) {
  if (text.size() > limits.max_bytes)
    return Error{"too_large", "document is " + std::to_string(text.size()) + " bytes; the limit is " +
                                  std::to_string(limits.max_bytes)};
  // A UTF-8 byte-order mark is harmless; strip it rather than fail on it.
  if (text.size() >= 3 && text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);
  Document document;
  DocumentHandler handler(text, limits, document);
  // RapidJSON copies string bytes as they are (no kParseValidateEncodingFlag): one invalid UTF-8 byte then costs
  // only its record (RecordReader checks every kept field), not the document. Iterative: no recursion on depth.
  // Full precision: `created` given as fractional Unix seconds must round the same as everywhere else.
  // Zero numbers like 0e55 or 0.000... are shortened first (same length): RapidJSON's strtod has undefined behaviour on
  // them.
  const auto blanked = detail::shortened_zeros(text);
  detail::JsonTextStream stream(blanked ? std::string_view(*blanked) : text);
  rapidjson::Reader reader;
  const auto status =
      reader.Parse<rapidjson::kParseIterativeFlag | rapidjson::kParseFullPrecisionFlag>(stream, handler);
  if (handler.error) return *handler.error;
  if (status.IsError()) return invalid_json(detail::json_syntax_error(text, status.Code(), status.Offset()));
  // The reader takes a NUL byte for the end of input; anything after one was not read.
  if (stream.Tell() != text.size()) return invalid_json({stream.Tell(), "a NUL byte outside a string"});
  if (!handler.saw_comments) return Error{"invalid_document", "document is an object without a 'comments' array"};
  for (auto& c : document.comments)
    if (c.thread == document.thread) c.thread.clear();
  return document;
}

namespace {

// Keys in alphabetical order, as the export format has always written them (byte-identical re-exports).
void write_comments(detail::JsonWriter& w, const std::vector<Comment>& comments) {
  w.begin_array();
  for (const auto& c : comments) {
    w.begin_object().key("author").value(c.author);
    if (!c.badge.empty()) w.key("badge").value(c.badge);
    w.key("body").value(c.body);
    w.key("created").value(format_iso8601(c.created_ms));
    if (c.down != 0) w.key("down").value(c.down);
    if (c.edited_ms != 0) w.key("edited").value(format_iso8601(c.edited_ms));
    if (!c.external_id.empty()) w.key("external_id").value(c.external_id);
    w.key("id").value(c.id);
    if (c.has_parent()) w.key("parent").value(c.parent);
    if (c.pinned != 0) w.key("pinned").value(c.pinned);
    if (c.reports != 0) w.key("reports").value(c.reports);
    if (c.score != 0) w.key("score").value(c.score);
    w.key("status").value(status_name(c.status));
    if (!c.thread.empty()) w.key("thread").value(c.thread);
    if (c.up != 0) w.key("up").value(c.up);
    w.end_object();
  }
  w.end_array();
}

}  // namespace

std::string to_document_json(const Document& document) {
  detail::JsonWriter w;
  w.begin_object().key("comments");
  write_comments(w, document.comments);
  w.key("thread").value(document.thread).end_object();
  return w.take();
}

std::string comments_to_json(const std::vector<Comment>& comments) {
  detail::JsonWriter w;
  write_comments(w, comments);
  return w.take();
}

std::string to_json_string(std::string_view text) { return detail::JsonWriter().value(text).take(); }

}  // namespace soundoff
