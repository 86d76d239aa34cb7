// Isso's generic JSON import format: a list of threads, each
// {"id": key, "title", "comments": [{"id", "parent"?, "author", "created",
// "text", "mode"?, "likes"?, "dislikes"?, ...}]}. Isso's `text` is Markdown
// source, which is already plain text, so bodies are kept as written.
#include <cmath>
#include <utility>

#include "import/importers.h"
#include "import/json_fields.h"
#include "soundoff/time.h"

namespace soundoff::import {

namespace {

using namespace detail;
using nlohmann::json;

// Years 1 to 9999 in Unix seconds, the range comment documents accept.
constexpr double kFirstSecond = -62135596800.0;
constexpr double kLastSecond = 253402300799.0;

// Isso's comment modes: 1 accepted, 2 waiting for moderation, 4 deleted.
std::optional<Status> isso_status(std::int64_t mode) {
  switch (mode) {
    case 1: return Status::published;
    case 2: return Status::pending;
    case 4: return Status::deleted;
    default: return std::nullopt;
  }
}

// Reads one comment; false (issues recorded) when it cannot be used.
bool read_comment(const json& record, const std::string& where, Comment& c, ImportResult& result) {
  if (!record.is_object()) {
    result.add(IssueKind::rejected, where, "", "not_an_object",
               std::string("record is ") + record.type_name() + ", not an object");
    return false;
  }
  bool ok = true;
  const auto reject = [&](const char* field, const char* code, const std::string& reason) {
    result.add(IssueKind::rejected, where, field, code, std::string("field '") + field + "' " + reason);
    ok = false;
  };
  bool wrong = false;
  if (auto id = id_field(record, "id", wrong)) c.id = *id;
  if (wrong) reject("id", "wrong_type", "must be a string or an integer");
  wrong = false;
  if (auto parent = id_field(record, "parent", wrong)) c.parent = *parent;
  if (wrong) reject("parent", "wrong_type", "must be a string, an integer or null");
  wrong = false;
  c.author = string_field(record, "author", wrong);
  if (wrong) reject("author", "wrong_type", "must be a string");
  wrong = false;
  c.body = string_field(record, "text", wrong);
  if (wrong) reject("text", "wrong_type", "must be a string");

  // Isso writes "%Y-%m-%d %H:%M:%S" (UTC); its database holds Unix seconds.
  const auto created = record.find("created");
  if (created == record.end() || created->is_null()) {
    reject("created", "missing_field", "is missing");
  } else if (created->is_string()) {
    if (const auto ms = parse_iso8601_ms(created->get<std::string>())) {
      c.created_ms = *ms;
    } else {
      reject("created", "invalid_time",
             "is not a time such as 2018-11-28 17:24:23: \"" + created->get<std::string>().substr(0, 64) + "\"");
    }
  } else if (created->is_number() && created->get<double>() >= kFirstSecond && created->get<double>() <= kLastSecond) {
    c.created_ms = std::llround(created->get<double>() * 1000.0);
  } else {
    reject("created", "wrong_type", "must be a time string or Unix seconds between years 1 and 9999");
  }

  if (const auto mode = record.find("mode"); mode != record.end() && !mode->is_null()) {
    const auto status = mode->is_number_integer() ? isso_status(mode->get<std::int64_t>()) : std::nullopt;
    if (status) {
      c.status = *status;
    } else {
      reject("mode", "unknown_status", "is " + mode->dump().substr(0, 32) + "; expected 1, 2 or 4");
    }
  }
  for (const auto& [field, target] : {std::pair{"likes", &c.up}, std::pair{"dislikes", &c.down}}) {
    const auto it = record.find(field);
    if (it == record.end() || it->is_null()) continue;
    if (it->is_number_unsigned() && it->get<std::uint64_t>() <= static_cast<std::uint64_t>(INT32_MAX)) {
      *target = it->get<std::int64_t>();
    } else {
      reject(field, "wrong_type", "must be a count from 0 to 2147483647");
    }
  }
  c.score = c.up - c.down;
  c.external_id = c.id;
  return ok;
}

}  // namespace

Result<ImportResult> import_isso(std::string_view json_text, const ImportOptions& options) {
  if (json_text.size() > options.max_bytes)
    return Error{"too_large", "input is " + std::to_string(json_text.size()) + " bytes; the limit is " +
                                  std::to_string(options.max_bytes)};
  auto root = parse_json(json_text);
  if (!root) return root.error();
  if (!root->is_array())
    return Error{"invalid_document", std::string("an Isso export is an array of threads, not ") + root->type_name()};

  ImportResult result;
  ThreadCollector collector;
  std::size_t index = 0;
  for (const auto& thread : *root) {
    std::string where = "thread #" + std::to_string(index++);
    bool wrong = !thread.is_object();
    const auto key = wrong ? std::nullopt : id_field(thread, "id", wrong);
    const auto title = wrong ? std::string() : string_field(thread, "title", wrong);
    const auto comments = wrong ? thread.end() : thread.find("comments");
    if (wrong || !key || key->empty() || comments == thread.end() || !comments->is_array()) {
      result.add(IssueKind::rejected, where, wrong || !key ? "id" : "comments", "invalid_thread",
                 "a thread needs a string 'id', a string 'title' (optional) and a 'comments' array; "
                 "none of its comments were read");
      continue;
    }
    where += " (id \"" + key->substr(0, 64) + "\")";
    if (auto problem = text_problem(*key, options.limits.max_field_bytes)) {
      result.add(IssueKind::rejected, where, "id", "invalid_field", "field 'id' " + *problem);
      continue;
    }
    if (auto problem = text_problem(title, options.limits.max_field_bytes)) {
      result.add(IssueKind::rejected, where, "title", "invalid_field", "field 'title' " + *problem);
      continue;
    }
    std::size_t number = 0;
    for (const auto& record : *comments) {
      Comment c;
      std::string comment_where = where + " comment #" + std::to_string(number++);
      if (!read_comment(record, comment_where, c, result)) continue;
      if (!c.id.empty()) comment_where += " (id \"" + c.id.substr(0, 64) + "\")";
      if (!check_comment(c, {"id", "parent", "author", "text"}, options.limits, comment_where, result)) continue;
      collector.thread(*key, title);
      collector.add(*key, std::move(c), comment_where, result);
    }
  }
  collector.finish(result);
  return finish_import(std::move(result), options);
}

}  // namespace soundoff::import
