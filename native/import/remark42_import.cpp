// Remark42 comments: the JSON array its API and test data use, or a backup
// file (one JSON object per line; the first, without a `locator`, is the
// site's metadata). Each comment: {"id", "pid" (parent, "" = top level),
// "text" (HTML), "user": {"name", "id"}, "locator": {"site", "url"}, "score",
// "votes": {user: true = up, false = down}, "time", "delete"?}.
#include "import/html_text.h"
#include "import/importers.h"
#include "import/json_fields.h"
#include "soundoff/time.h"

namespace soundoff::import {

namespace {

using namespace detail;
using nlohmann::json;

// Reads one comment and its thread key (the page URL); false when unusable.
bool read_comment(JsonRecord& record, Comment& c, std::string& url) {
  c.id = record.text("id");
  c.parent = record.text("pid");
  c.body = html_to_text(record.text("text"));
  c.author = record.nested_text("user", "name");
  url = record.nested_text("locator", "url");
  if (record.ok() && url.empty())
    record.reject("locator.url", "missing_field", "is missing, so the comment belongs to no page");

  const std::string time = record.text("time");
  if (const auto ms = parse_iso8601_ms(time)) {
    c.created_ms = *ms;
  } else if (record.ok()) {
    record.reject("time", time.empty() ? "missing_field" : "invalid_time",
                  "is not an ISO-8601 time: \"" + time.substr(0, 64) + "\"");
  }
  if (const json* score = record.find("score")) {
    if (score->is_number_integer() && !(score->is_number_unsigned() && score->get<std::uint64_t>() > INT64_MAX)) {
      c.score = score->get<std::int64_t>();
    } else {
      record.reject("score", "wrong_type", "must be an integer");
    }
  }
  // Remark42 keeps who voted which way; Soundoff keeps the counts.
  if (const json* votes = record.find("votes"); votes != nullptr && votes->is_object()) {
    for (const auto& vote : votes->items())
      if (vote.value().is_boolean()) ++(vote.value().get<bool>() ? c.up : c.down);
  }
  if (const json* deleted = record.find("delete")) {
    if (!deleted->is_boolean()) {
      record.reject("delete", "wrong_type", "must be true or false");
    } else if (deleted->get<bool>()) {
      c.status = Status::deleted;
    }
  }
  c.external_id = c.id;
  return record.ok();
}

// The records of a backup: one JSON value per non-empty line.
Result<json> parse_lines(std::string_view text) {
  json records = json::array();
  std::size_t line_number = 0;
  while (!text.empty()) {
    ++line_number;
    const auto end = text.find('\n');
    const auto line = text.substr(0, end);
    text.remove_prefix(end == std::string_view::npos ? text.size() : end + 1);
    if (line.find_first_not_of(" \t\r") == std::string_view::npos) continue;
    auto record = parse_json(line);
    if (!record) return Error{"invalid_json", "line " + std::to_string(line_number) + ": " + record.error().message};
    // The backup's first line describes the site, not a comment.
    if (record->is_object() && !record->contains("locator") && record->contains("version")) continue;
    records.push_back(std::move(*record));
  }
  return records;
}

}  // namespace

Result<ImportResult> import_remark42(std::string_view json_text, const ImportOptions& options) {
  if (auto too_large = size_error(json_text, options)) return *too_large;
  const auto first = json_text.find_first_not_of(" \t\r\n");
  auto records =
      first != std::string_view::npos && json_text[first] == '[' ? parse_json(json_text) : parse_lines(json_text);
  if (!records) return records.error();

  ImportResult result;
  ThreadCollector collector;
  std::size_t index = 0;
  for (const auto& entry : *records) {
    JsonRecord record(entry, "comment #" + std::to_string(index++), result);
    Comment c;
    std::string url;
    if (!read_comment(record, c, url)) continue;
    const std::string where = record.where() + " (id \"" + c.id.substr(0, 64) + "\")";
    if (!check_comment(c, {"id", "pid", "user.name", "text"}, options.limits, where, result)) continue;
    if (auto problem = text_problem(url, options.limits.max_field_bytes)) {
      result.add(IssueKind::rejected, where, "locator.url", "invalid_field", "field 'locator.url' " + *problem);
      continue;
    }
    // Remark42 keys a thread by the page URL; it doubles as the thread's url.
    collector.thread(url, {}, url);
    collector.add(url, std::move(c), where, result);
  }
  collector.finish(result);
  return finish_import(std::move(result), options);
}

}  // namespace soundoff::import
