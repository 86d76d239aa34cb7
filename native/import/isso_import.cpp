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
    case 1:
      return Status::published;
    case 2:
      return Status::pending;
    case 4:
      return Status::deleted;
    default:
      return std::nullopt;
  }
}

// Reads one comment; false (issues recorded) when it cannot be used.
bool read_comment(JsonRecord& record, Comment& c) {
  c.id = record.text("id", true);
  c.parent = record.text("parent", true);
  c.author = record.text("author");
  c.body = record.text("text");

  // Isso writes "%Y-%m-%d %H:%M:%S" (UTC); its database holds Unix seconds.
  if (const json* created = record.find("created"); created == nullptr) {
    record.reject("created", "missing_field", "is missing");
  } else if (created->is_string()) {
    if (const auto ms = parse_iso8601_ms(created->get<std::string>())) {
      c.created_ms = *ms;
    } else {
      record.reject("created", "invalid_time",
                    "is not a time such as 2018-11-28 17:24:23: \"" + created->get<std::string>().substr(0, 64) + "\"");
    }
  } else if (created->is_number() && created->get<double>() >= kFirstSecond && created->get<double>() <= kLastSecond) {
    c.created_ms = std::llround(created->get<double>() * 1000.0);
  } else {
    record.reject("created", "wrong_type", "must be a time string or Unix seconds between years 1 and 9999");
  }

  if (const json* mode = record.find("mode")) {
    const auto status = mode->is_number_integer() ? isso_status(mode->get<std::int64_t>()) : std::nullopt;
    if (status) {
      c.status = *status;
    } else {
      record.reject("mode", "unknown_status", "is " + mode->dump().substr(0, 32) + "; expected 1, 2 or 4");
    }
  }
  for (const auto& [field, target] : {std::pair{"likes", &c.up}, std::pair{"dislikes", &c.down}}) {
    const json* count = record.find(field);
    if (count == nullptr) continue;
    if (count->is_number_unsigned() && count->get<std::uint64_t>() <= static_cast<std::uint64_t>(INT32_MAX)) {
      *target = count->get<std::int64_t>();
    } else {
      record.reject(field, "wrong_type", "must be a count from 0 to 2147483647");
    }
  }
  c.score = c.up - c.down;
  c.external_id = c.id;
  return record.ok();
}

}  // namespace

Result<ImportResult> import_isso(std::string_view json_text, const ImportOptions& options) {
  if (auto too_large = size_error(json_text, options)) return *too_large;
  auto root = parse_json(json_text);
  if (!root) return root.error();
  if (!root->is_array())
    return Error{"invalid_document", std::string("an Isso export is an array of threads, not ") + root->type_name()};

  ImportResult result;
  ThreadCollector collector;
  std::size_t index = 0;
  for (const auto& entry : *root) {
    JsonRecord thread(entry, "thread #" + std::to_string(index++), result);
    const std::string key = thread.text("id", true);
    const std::string title = thread.text("title");
    const json* comments = thread.find("comments");
    if (thread.ok() && key.empty()) thread.reject("id", "missing_field", "is missing or empty");
    if (thread.ok() && (comments == nullptr || !comments->is_array()))
      thread.reject("comments", "missing_field", "must be an array of comments");
    if (!thread.ok()) {
      result.issues.back().message += "; none of its comments were read";
      continue;
    }
    if (!check_thread_fields({{"id", &key}, {"title", &title}}, options.limits, thread.where(), result)) continue;
    const std::string where = thread.where() + " (id \"" + key.substr(0, 64) + "\")";
    std::size_t number = 0;
    for (const auto& entry_comment : *comments) {
      JsonRecord record(entry_comment, where + " comment #" + std::to_string(number++), result);
      Comment c;
      if (!read_comment(record, c)) continue;
      if (!check_comment(c, {"id", "parent", "author", "text"}, options.limits, record.where(), result)) continue;
      collector.thread(key, title);
      collector.add(key, std::move(c), record.where(), result);
    }
  }
  collector.finish(result);
  return finish_import(std::move(result), options);
}

}  // namespace soundoff::import
