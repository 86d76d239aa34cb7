// Soundoff's own export format: {"format": "soundoff-export", "version": 1,
// "threads": [{"thread", "title"?, "url"?, "comments": [...]}]}, one thread
// per line. Each thread's comments are exactly a comment document's
// (to_document_json / parse_document), so the two contracts cannot drift.
#include <utility>

#include "import/importers.h"
#include "import/json_fields.h"
#include "import/soundoff_stream.h"

namespace soundoff::import {

namespace {

using namespace detail;
using nlohmann::json;

constexpr const char* kFormat = "soundoff-export";
constexpr int kVersion = 1;

}  // namespace

std::optional<Error> detail::export_header_error(const json* format, const json* version) {
  if (format && *format != kFormat)
    return Error{"invalid_document", "'format' is " + format->dump().substr(0, 64) + ", not \"" + kFormat + "\""};
  if (version && *version != kVersion)
    return Error{"invalid_document", "'version' is " + version->dump().substr(0, 32) + "; this reader knows version " +
                                         std::to_string(kVersion)};
  return std::nullopt;
}

// Reads one thread object through parse_document; issues name the thread.
void detail::read_export_thread(const json& entry, std::size_t index, const ImportOptions& options,
                                ImportResult& result) {
  JsonRecord thread(entry, "thread #" + std::to_string(index), result);
  const std::string title = thread.text("title");
  const std::string url = thread.text("url");
  if (!thread.ok()) {
    result.issues.back().message += "; none of its comments were read";
    return;
  }
  if (!check_thread_fields({{"title", &title}, {"url", &url}}, options.limits, thread.where(), result)) return;
  std::string where = thread.where();
  // The thread minus title and url is a comment document: let its parser judge it.
  json document = entry;
  document.erase("title");
  document.erase("url");
  auto parsed = parse_document(document.dump(-1, ' ', false, json::error_handler_t::replace), options.limits);
  if (!parsed) {
    result.add(IssueKind::rejected, where, "", parsed.error().code,
               parsed.error().message + "; none of its comments were read");
    return;
  }
  if (!parsed->thread.empty()) where += " (\"" + parsed->thread.substr(0, 64) + "\")";
  for (const auto& e : parsed->errors) result.add(IssueKind::rejected, where, e.field, e.code, e.message);
  result.threads.push_back({parsed->thread, title, url, std::move(parsed->comments)});
}

Result<ImportResult> import_soundoff(std::string_view json_text, const ImportOptions& options) {
  if (auto too_large = size_error(json_text, options)) return *too_large;
  auto root = parse_json(json_text);
  if (!root) return root.error();
  ImportResult result;
  const auto threads = root->is_object() ? root->find("threads") : root->end();
  if (threads == root->end()) {
    // Not an export: accept a single comment document as one thread.
    if (root->is_object() || root->is_array()) {
      read_export_thread(root->is_array() ? json{{"comments", std::move(*root)}} : std::move(*root), 0, options,
                         result);
      if (result.threads.empty()) return Error{"invalid_document", result.issues.front().message};
      return finish_import(std::move(result), options);
    }
    return Error{"invalid_document",
                 std::string("a Soundoff export is an object with a 'threads' array, not ") + root->type_name()};
  }
  const auto format = root->find("format");
  const auto version = root->find("version");
  if (auto bad =
          export_header_error(format == root->end() ? nullptr : &*format, version == root->end() ? nullptr : &*version))
    return *bad;
  if (!threads->is_array())
    return Error{"invalid_document", std::string("'threads' must be an array, not ") + threads->type_name()};
  std::size_t index = 0;
  for (const auto& thread : *threads) read_export_thread(thread, index++, options, result);
  return finish_import(std::move(result), options);
}

std::string write_export(const std::vector<ImportedThread>& threads) {
  std::string out =
      std::string("{\"format\":\"") + kFormat + "\",\"version\":" + std::to_string(kVersion) + ",\"threads\":[";
  for (std::size_t i = 0; i < threads.size(); ++i) {
    const auto& t = threads[i];
    out += i == 0 ? "\n" : ",\n";
    // Written by core's writer only (one escaping policy); the comment records are the document codec's own, so
    // export and input contract stay one format.
    out += "{\"thread\":" + to_json_string(t.key);
    if (!t.title.empty()) out += ",\"title\":" + to_json_string(t.title);
    if (!t.url.empty()) out += ",\"url\":" + to_json_string(t.url);
    out += ",\"comments\":" + comments_to_json(t.comments) + "}";
  }
  out += threads.empty() ? "]}\n" : "\n]}\n";
  return out;
}

}  // namespace soundoff::import
