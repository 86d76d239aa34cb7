// What every importer returns: the threads it could read, and one issue for
// every record it left out or changed. Shared by the Disqus, WXR, Isso,
// Remark42 and Soundoff-export readers (native only: they need an XML library).
#pragma once

#include <cstddef>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <utility>
#include <vector>

#include "soundoff/comment.h"
#include "soundoff/document.h"
#include "soundoff/result.h"

namespace soundoff::import {

// The formats `soundoff import --from` understands.
enum class Source { disqus, wxr, isso, remark42, soundoff };

// "disqus", "wxr", "isso", "remark42", "soundoff"; std::nullopt otherwise.
std::optional<Source> parse_source(std::string_view name);
std::string_view source_name(Source source);

// One thread (one article page) of an export. `key` is how the source names
// the thread (docs/import-export.md lists the rule per format); `title` and
// `url` are carried along when the source has them.
struct ImportedThread {
  std::string key;
  std::string title;
  std::string url;
  std::vector<Comment> comments;  // source order; ids unique within the thread
};

enum class IssueKind {
  rejected,  // an invalid record that was left out: fails a strict import
  omitted,   // left out by policy (pingbacks, trackbacks): never fails
  adjusted,  // kept, but something about it had to change or is suspicious
};

// One record that was left out or changed, and why. `record` locates it in
// the source ("post #5 (dsq:id \"x1\", line 175)"), `field` names the
// offending field in the source's own vocabulary ("" for the whole record).
struct ImportIssue {
  IssueKind kind = IssueKind::rejected;
  std::string record;
  std::string field;
  std::string code;     // stable snake_case, see docs/import-export.md
  std::string message;  // one sentence: record, field, reason
};

struct ImportResult {
  std::vector<ImportedThread> threads;  // in source order
  std::vector<ImportIssue> issues;

  std::size_t count(IssueKind kind) const;
  std::size_t comment_count() const;
  // Appends an issue; the message is "<record>: <reason>".
  void add(IssueKind kind, std::string record, std::string field, std::string code, const std::string& reason);
};

struct ImportOptions {
  // Strict (default): any rejected record, or a syntax error anywhere in the
  // file, fails the whole import. Lenient: import what can be read and report
  // the rest as issues.
  bool lenient = false;
  // Inputs above this size are refused before parsing.
  std::size_t max_bytes = 512u << 20;
  // Field limits: the same as the comment-document contract, so that what is
  // imported can always be exported and read back.
  DocumentLimits limits;
};

// Applies the strict/lenient policy to a finished import: in strict mode a
// result with rejected records becomes an Error (code invalid_record) naming
// the first one and how many there are; otherwise the result is returned.
Result<ImportResult> finish_import(ImportResult result, const ImportOptions& options);

namespace detail {

// Error too_large when `text` exceeds options.max_bytes, checked before parsing.
std::optional<Error> size_error(std::string_view text, const ImportOptions& options);

// Checks one text field against UTF-8 and a length limit; on failure returns
// the reason ("is not valid UTF-8 (byte 3)", "is 2000 bytes; the limit is 1024").
std::optional<std::string> text_problem(std::string_view value, std::size_t max_bytes);

// Checks a thread's own fields (key, title, url: `fields` pairs a source
// field name with its value) against UTF-8 and the field limit. Records the
// first problem as a rejected issue and returns false; the caller then skips
// the whole thread.
bool check_thread_fields(std::initializer_list<std::pair<const char*, const std::string*>> fields,
                         const DocumentLimits& limits, const std::string& record, ImportResult& result);

// Validates every text field of a built comment against `limits`, using the
// source's field names (`labels`: id, parent, author, body). Records the first
// problem as a rejected issue and returns false.
struct FieldLabels {
  const char* id;
  const char* parent;
  const char* author;
  const char* body;
};
bool check_comment(const Comment& comment, const FieldLabels& labels, const DocumentLimits& limits,
                   const std::string& record, ImportResult& result);

// Collects comments into threads keyed in first-seen order, rejecting a second
// comment with an id already used in the same thread, and, once all are in,
// noting replies whose parent is not in their thread.
class ThreadCollector {
 public:
  // Returns the thread for `key`, creating it (with title and url) on first use.
  ImportedThread& thread(const std::string& key, const std::string& title = {}, const std::string& url = {});
  // The thread for `key`, or nullptr when no comment was added to it yet.
  ImportedThread* find(const std::string& key);
  // Adds `comment` to the thread `key`; false (and a rejected issue) on a duplicate id.
  bool add(const std::string& key, Comment comment, const std::string& record, ImportResult& result);
  // Moves the threads into `result` and notes orphan replies (parent missing
  // from the thread: kept as is, thread assembly shows them as orphans).
  void finish(ImportResult& result);

 private:
  std::vector<ImportedThread> threads_;
  std::unordered_map<std::string, std::size_t> index_;  // key -> position in threads_
  std::vector<std::unordered_set<std::string>> ids_;    // per thread: ids taken
  std::vector<std::vector<std::string>> records_;       // per thread, per comment: its locator
};

}  // namespace detail

}  // namespace soundoff::import
