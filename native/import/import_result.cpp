#include "import/import_result.h"

#include "soundoff/utf8.h"

namespace soundoff::import {

std::optional<Source> parse_source(std::string_view name) {
  if (name == "disqus") return Source::disqus;
  if (name == "wxr" || name == "wordpress") return Source::wxr;
  if (name == "isso") return Source::isso;
  if (name == "remark42") return Source::remark42;
  if (name == "soundoff") return Source::soundoff;
  return std::nullopt;
}

std::string_view source_name(Source source) {
  switch (source) {
    case Source::disqus:
      return "disqus";
    case Source::wxr:
      return "wxr";
    case Source::isso:
      return "isso";
    case Source::remark42:
      return "remark42";
    case Source::soundoff:
      return "soundoff";
  }
  return "unknown";
}

std::size_t ImportResult::count(IssueKind kind) const {
  std::size_t n = 0;
  for (const auto& issue : issues) n += issue.kind == kind ? 1 : 0;
  return n;
}

std::size_t ImportResult::comment_count() const {
  std::size_t n = 0;
  for (const auto& thread : threads) n += thread.comments.size();
  return n;
}

void ImportResult::add(IssueKind kind, std::string record, std::string field, std::string code,
                       const std::string& reason) {
  ImportIssue issue;
  issue.kind = kind;
  issue.message = record + ": " + reason;
  issue.record = std::move(record);
  issue.field = std::move(field);
  issue.code = std::move(code);
  issues.push_back(std::move(issue));
}

Result<ImportResult> finish_import(ImportResult result, const ImportOptions& options) {
  const std::size_t rejected = result.count(IssueKind::rejected);
  if (options.lenient || rejected == 0) return result;
  const ImportIssue* first = nullptr;
  for (const auto& issue : result.issues) {
    if (issue.kind == IssueKind::rejected) {
      first = &issue;
      break;
    }
  }
  return Error{"invalid_record", first->message +
                                     (rejected > 1 ? " (and " + std::to_string(rejected - 1) + " more problem" +
                                                         (rejected > 2 ? "s" : "") + ")"
                                                   : std::string()) +
                                     "; nothing was imported (--lenient imports the valid records)"};
}

namespace detail {

std::optional<Error> size_error(std::string_view text, const ImportOptions& options) {
  if (text.size() <= options.max_bytes) return std::nullopt;
  return Error{"too_large",
               "input is " + std::to_string(text.size()) + " bytes; the limit is " + std::to_string(options.max_bytes)};
}

std::optional<std::string> text_problem(std::string_view value, std::size_t max_bytes) {
  if (const auto bad = find_invalid_utf8(value); bad != std::string_view::npos)
    return "is not valid UTF-8 (byte " + std::to_string(bad) + ")";
  if (value.size() > max_bytes)
    return "is " + std::to_string(value.size()) + " bytes; the limit is " + std::to_string(max_bytes);
  return std::nullopt;
}

bool check_thread_fields(std::initializer_list<std::pair<const char*, const std::string*>> fields,
                         const DocumentLimits& limits, const std::string& record, ImportResult& result) {
  for (const auto& [field, value] : fields) {
    if (auto problem = text_problem(*value, limits.max_field_bytes)) {
      result.add(IssueKind::rejected, record, field, "invalid_field",
                 std::string("field '") + field + "' " + *problem + "; none of the thread's comments were read");
      return false;
    }
  }
  return true;
}

bool check_comment(const Comment& comment, const FieldLabels& labels, const DocumentLimits& limits,
                   const std::string& record, ImportResult& result) {
  if (comment.id.empty()) {
    result.add(IssueKind::rejected, record, labels.id, "missing_field",
               std::string("field '") + labels.id + "' is missing or empty; a comment needs an id");
    return false;
  }
  const struct {
    const char* label;
    const std::string& value;
    std::size_t max;
  } fields[] = {{labels.id, comment.id, limits.max_field_bytes},
                {labels.parent, comment.parent, limits.max_field_bytes},
                {labels.author, comment.author, limits.max_field_bytes},
                {labels.body, comment.body, limits.max_body_bytes}};
  for (const auto& f : fields) {
    if (auto problem = text_problem(f.value, f.max)) {
      const bool utf8 = problem->find("UTF-8") != std::string::npos;
      result.add(IssueKind::rejected, record, f.label, utf8 ? "invalid_utf8" : "too_long",
                 std::string("field '") + f.label + "' " + *problem);
      return false;
    }
  }
  return true;
}

ImportedThread& ThreadCollector::thread(const std::string& key, const std::string& title, const std::string& url) {
  const auto [it, inserted] = index_.emplace(key, threads_.size());
  if (inserted) {
    threads_.push_back({key, title, url, {}});
    ids_.emplace_back();
    records_.emplace_back();
  }
  return threads_[it->second];
}

ImportedThread* ThreadCollector::find(const std::string& key) {
  const auto it = index_.find(key);
  return it == index_.end() ? nullptr : &threads_[it->second];
}

bool ThreadCollector::add(const std::string& key, Comment comment, const std::string& record, ImportResult& result) {
  auto& target = thread(key);
  const std::size_t at = index_.at(key);
  if (!ids_[at].insert(comment.id).second) {
    result.add(IssueKind::rejected, record, "id", "duplicate_id",
               "id \"" + comment.id + "\" is already used in thread \"" + key + "\"; the first one is kept");
    return false;
  }
  target.comments.push_back(std::move(comment));
  records_[at].push_back(record);
  return true;
}

void ThreadCollector::finish(ImportResult& result) {
  for (std::size_t t = 0; t < threads_.size(); ++t) {
    const auto& comments = threads_[t].comments;
    for (std::size_t i = 0; i < comments.size(); ++i) {
      const auto& c = comments[i];
      if (c.has_parent() && ids_[t].count(c.parent) == 0)
        result.add(IssueKind::adjusted, records_[t][i], "parent", "orphan_reply",
                   "replies to \"" + c.parent + "\", which is not in thread \"" + threads_[t].key +
                       "\"; kept, and shown as an orphan reply");
    }
  }
  for (auto& t : threads_) result.threads.push_back(std::move(t));
  threads_.clear();
  index_.clear();
  ids_.clear();
  records_.clear();
}

}  // namespace detail

}  // namespace soundoff::import
