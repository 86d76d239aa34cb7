// Comment documents <-> JSON. Uses only nlohmann's non-throwing API: a throw
// in the -fno-exceptions wasm build would abort the whole module.
#include <cmath>
#include <unordered_set>

#include <nlohmann/json.hpp>

#include "soundoff/document.h"
#include "soundoff/time.h"
#include "soundoff/utf8.h"

namespace soundoff {

using nlohmann::json;

namespace {

// Earliest and latest instants we accept (years 0001 to 9999), in ms.
constexpr std::int64_t kMinTimeMs = -62135596800000LL;
constexpr std::int64_t kMaxTimeMs = 253402300799999LL;

// Collects the byte position and message of a JSON syntax error without
// throwing: nlohmann passes the error object to parse_error() by reference.
struct SyntaxErrorProbe : nlohmann::json_sax<json> {
  std::size_t position = 0;
  std::string message;
  bool null() override { return true; }
  bool boolean(bool) override { return true; }
  bool number_integer(number_integer_t) override { return true; }
  bool number_unsigned(number_unsigned_t) override { return true; }
  bool number_float(number_float_t, const string_t&) override { return true; }
  bool string(string_t&) override { return true; }
  bool binary(binary_t&) override { return true; }
  bool start_object(std::size_t) override { return true; }
  bool key(string_t&) override { return true; }
  bool end_object() override { return true; }
  bool start_array(std::size_t) override { return true; }
  bool end_array() override { return true; }
  bool parse_error(std::size_t pos, const std::string&, const nlohmann::detail::exception& e) override {
    position = pos;
    message = e.what();
    return false;
  }
};

Error describe_syntax_error(std::string_view text) {
  SyntaxErrorProbe probe;
  json::sax_parse(text.begin(), text.end(), &probe, nlohmann::detail::input_format_t::json, false);
  std::string detail = probe.message;
  // Drop nlohmann's "[json.exception.parse_error.101] parse error at line 1, column 2: " prefix
  // noise down to the reason, then say where in our own words.
  if (const auto colon = detail.find(": "); colon != std::string::npos) detail = detail.substr(colon + 2);
  return {"invalid_json", "document is not valid JSON (byte " + std::to_string(probe.position) + "): " + detail};
}

class RecordReader {
 public:
  RecordReader(const json& record, std::size_t index, const DocumentLimits& limits,
               std::vector<RecordError>& errors)
      : record_(record), index_(index), limits_(limits), errors_(errors) {}

  // Reads `id`, `parent` style fields: string or integer, else an error.
  bool read_id(const char* field, std::string& out, bool required) {
    const auto it = record_.find(field);
    if (it == record_.end() || it->is_null()) {
      if (required) fail(field, "missing_field", std::string("field '") + field + "' is missing");
      return !required;
    }
    if (it->is_string()) {
      const auto& s = it->get_ref<const std::string&>();
      if (s.empty()) {
        if (required) return fail(field, "wrong_type", std::string("field '") + field + "' is an empty string");
        return true;  // "" parent means top level, as null does
      }
      if (!check_text(field, s, limits_.max_field_bytes)) return false;
      out = s;
      return true;
    }
    if (it->is_number_integer()) {
      out = it->is_number_unsigned() ? std::to_string(it->get<std::uint64_t>())
                                     : std::to_string(it->get<std::int64_t>());
      return true;
    }
    return fail(field, "wrong_type",
                std::string("field '") + field + "' must be a string or an integer, not " + it->type_name());
  }

  bool read_text(const char* field, std::string& out, std::size_t max_bytes) {
    const auto it = record_.find(field);
    if (it == record_.end() || it->is_null()) return true;
    if (!it->is_string())
      return fail(field, "wrong_type", std::string("field '") + field + "' must be a string, not " + it->type_name());
    const auto& s = it->get_ref<const std::string&>();
    if (!check_text(field, s, max_bytes)) return false;
    out = s;
    return true;
  }

  bool read_count(const char* field, std::int64_t& out, bool allow_negative) {
    const auto it = record_.find(field);
    if (it == record_.end() || it->is_null()) return true;
    if (!it->is_number_integer())
      return fail(field, "wrong_type", std::string("field '") + field + "' must be an integer, not " + it->type_name());
    if (it->is_number_unsigned() && it->get<std::uint64_t>() > static_cast<std::uint64_t>(INT64_MAX))
      return fail(field, "out_of_range", std::string("field '") + field + "' is too large");
    const auto value = it->get<std::int64_t>();
    if (!allow_negative && value < 0)
      return fail(field, "out_of_range", std::string("field '") + field + "' must not be negative");
    out = value;
    return true;
  }

  bool read_created(std::int64_t& out) {
    const auto it = record_.find("created");
    if (it == record_.end() || it->is_null()) return fail("created", "missing_field", "field 'created' is missing");
    if (it->is_string()) {
      const auto& s = it->get_ref<const std::string&>();
      const auto ms = parse_iso8601_ms(s);
      if (!ms) {
        return fail("created", "invalid_time",
                    "field 'created' is not an ISO-8601 time such as 2013-09-09T17:24:00-04:00: \"" +
                        s.substr(0, 64) + "\"");
      }
      out = *ms;
      return true;
    }
    if (it->is_number()) {
      const double seconds = it->get<double>();
      if (!std::isfinite(seconds) || seconds * 1000.0 < static_cast<double>(kMinTimeMs) ||
          seconds * 1000.0 > static_cast<double>(kMaxTimeMs))
        return fail("created", "out_of_range", "field 'created' is outside years 1 to 9999");
      out = it->is_number_integer() ? it->get<std::int64_t>() * 1000 : std::llround(seconds * 1000.0);
      return true;
    }
    return fail("created", "wrong_type",
                std::string("field 'created' must be an ISO-8601 string or Unix seconds, not ") + it->type_name());
  }

  bool read_status(Status& out) {
    const auto it = record_.find("status");
    if (it == record_.end() || it->is_null()) return true;
    if (!it->is_string())
      return fail("status", "wrong_type", std::string("field 'status' must be a string, not ") + it->type_name());
    const auto& s = it->get_ref<const std::string&>();
    const auto status = parse_status(s);
    if (!status)
      return fail("status", "unknown_status",
                  "field 'status' is \"" + s.substr(0, 32) + "\"; expected published, pending, spam or deleted");
    out = *status;
    return true;
  }

  bool fail(const std::string& field, const char* code, std::string reason) {
    RecordError e;
    e.index = index_;
    e.id = id_;
    e.field = field;
    e.code = code;
    e.message = "comment #" + std::to_string(index_) + (id_.empty() ? "" : " (id \"" + id_ + "\")") + ": " +
                std::move(reason);
    errors_.push_back(std::move(e));
    return false;
  }

  void set_id(const std::string& id) { id_ = id; }

 private:
  bool check_text(const char* field, const std::string& s, std::size_t max_bytes) {
    const auto bad = find_invalid_utf8(s);
    if (bad != std::string_view::npos)
      return fail(field, "invalid_utf8",
                  std::string("field '") + field + "' is not valid UTF-8 (byte " + std::to_string(bad) + ")");
    if (s.size() > max_bytes)
      return fail(field, "too_long", std::string("field '") + field + "' is " + std::to_string(s.size()) +
                                         " bytes; the limit is " + std::to_string(max_bytes));
    return true;
  }

  const json& record_;
  std::size_t index_;
  const DocumentLimits& limits_;
  std::vector<RecordError>& errors_;
  std::string id_;
};

// Reads one record; false (with errors appended) when it cannot be used.
bool read_record(const json& record, std::size_t index, const DocumentLimits& limits, Comment& out,
                 std::vector<RecordError>& errors) {
  RecordReader reader(record, index, limits, errors);
  if (!record.is_object())
    return reader.fail("", "not_an_object", std::string("record is ") + record.type_name() + ", not an object");
  if (!reader.read_id("id", out.id, true)) return false;
  reader.set_id(out.id);
  // Read every field before deciding, so one pass reports all of a record's problems.
  bool ok = reader.read_id("parent", out.parent, false);
  ok &= reader.read_text("thread", out.thread, limits.max_field_bytes);
  ok &= reader.read_text("author", out.author, limits.max_field_bytes);
  ok &= reader.read_text("body", out.body, limits.max_body_bytes);
  ok &= reader.read_text("external_id", out.external_id, limits.max_field_bytes);
  ok &= reader.read_created(out.created_ms);
  ok &= reader.read_status(out.status);
  ok &= reader.read_count("score", out.score, true);
  ok &= reader.read_count("up", out.up, false);
  ok &= reader.read_count("down", out.down, false);
  ok &= reader.read_count("reports", out.reports, false);
  // Sources that only count votes get the net vote as their score.
  if (ok && !record.contains("score")) out.score = out.up - out.down;
  return ok;
}

}  // namespace

Result<Document> parse_document(std::string_view text, const DocumentLimits& limits) {
  if (text.size() > limits.max_bytes)
    return Error{"too_large", "document is " + std::to_string(text.size()) + " bytes; the limit is " +
                                  std::to_string(limits.max_bytes)};
  // A UTF-8 byte-order mark is harmless; strip it rather than fail on it.
  if (text.size() >= 3 && text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);
  json root = json::parse(text.begin(), text.end(), nullptr, false);
  if (root.is_discarded()) return describe_syntax_error(text);

  Document document;
  const json* comments = nullptr;
  if (root.is_array()) {
    comments = &root;
  } else if (root.is_object()) {
    const auto it = root.find("comments");
    if (it == root.end())
      return Error{"invalid_document", "document is an object without a 'comments' array"};
    if (!it->is_array())
      return Error{"invalid_document", std::string("'comments' must be an array, not ") + it->type_name()};
    comments = &*it;
    if (const auto t = root.find("thread"); t != root.end() && !t->is_null()) {
      if (t->is_string()) {
        document.thread = t->get<std::string>();
      } else if (t->is_number_integer()) {
        document.thread = t->dump();
      } else {
        return Error{"invalid_document", std::string("'thread' must be a string, not ") + t->type_name()};
      }
      if (!is_valid_utf8(document.thread))
        return Error{"invalid_document", "'thread' is not valid UTF-8"};
    }
  } else {
    return Error{"invalid_document",
                 std::string("document must be an object with 'comments' or an array, not ") + root.type_name()};
  }

  document.comments.reserve(comments->size());
  // Ids point into `document.comments`, which is reserved and never reallocates here.
  std::unordered_set<std::string_view> seen;
  seen.reserve(comments->size());
  std::size_t index = 0;
  for (const auto& record : *comments) {
    Comment comment;
    if (read_record(record, index, limits, comment, document.errors)) {
      if (seen.count(comment.id) != 0) {
        document.errors.push_back({index, comment.id, "id", "duplicate_id",
                                   "comment #" + std::to_string(index) + " (id \"" + comment.id +
                                       "\"): id is already used by an earlier comment; the first one is kept"});
      } else {
        if (comment.thread == document.thread) comment.thread.clear();
        document.comments.push_back(std::move(comment));
        seen.insert(document.comments.back().id);
      }
    }
    ++index;
  }
  return document;
}

std::string to_document_json(const Document& document) {
  json comments = json::array();
  for (const auto& c : document.comments) {
    json record = {{"id", c.id}};
    if (c.has_parent()) record["parent"] = c.parent;
    if (!c.thread.empty()) record["thread"] = c.thread;
    record["author"] = c.author;
    record["created"] = format_iso8601(c.created_ms);
    record["body"] = c.body;
    record["status"] = std::string(status_name(c.status));
    if (c.score != 0) record["score"] = c.score;
    if (c.up != 0) record["up"] = c.up;
    if (c.down != 0) record["down"] = c.down;
    if (c.reports != 0) record["reports"] = c.reports;
    if (!c.external_id.empty()) record["external_id"] = c.external_id;
    comments.push_back(std::move(record));
  }
  json root = {{"thread", document.thread}, {"comments", std::move(comments)}};
  return root.dump(-1, ' ', false, json::error_handler_t::replace);
}

}  // namespace soundoff
