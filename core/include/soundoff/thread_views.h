// A document's assembled thread with what every page of it needs: the
// records that were left out (each page reports them) and one view per sort
// order, built on first use. The wasm engine and the server hold one per
// thread; load_thread and document_to_page_json are the calls for embedders.
#pragma once

#include <array>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

#include "soundoff/document.h"
#include "soundoff/page_query.h"
#include "soundoff/pagination.h"
#include "soundoff/result.h"
#include "soundoff/sorting.h"
#include "soundoff/thread.h"

namespace soundoff {

// Owns the thread; its views point into it. Neither copyable nor movable
// (the views hold the thread's address, the once_flags cannot move): hold it
// by unique_ptr or shared_ptr. view() may be called from several threads at
// once; everything else is read-only after construction.
class ThreadViews {
 public:
  explicit ThreadViews(Thread thread, std::vector<RecordError> record_errors = {});
  ThreadViews(const ThreadViews&) = delete;
  ThreadViews& operator=(const ThreadViews&) = delete;

  const Thread& thread() const { return thread_; }
  const std::vector<RecordError>& record_errors() const { return record_errors_; }
  // The thread in `sort` order, built on the first call for that order.
  const ThreadView& view(SortOrder sort) const;

 private:
  Thread thread_;
  std::vector<RecordError> record_errors_;
  mutable std::array<std::once_flag, kSortOrderCount> built_;
  mutable std::array<ThreadView, kSortOrderCount> views_;
};

// Assembles a parsed document: `options` with the document's thread key as
// the thread of comments that name none (AssembleOptions::document_thread),
// and the document's record errors kept for the pages. Never fails.
std::unique_ptr<ThreadViews> assemble_document(Document document, AssembleOptions options = {});

// Parses a comment document (docs/comment-document.md) and assembles it as
// assemble_document does. Errors: those of parse_document (invalid_json,
// invalid_document, too_large).
Result<std::unique_ptr<ThreadViews>> load_thread(std::string_view document_json, const AssembleOptions& options = {},
                                                 const DocumentLimits& limits = {});

// Document in, one page out in the page format (docs/page-format.md), with
// the document's record errors: `soundoff thread` as one call. Errors: those
// of load_thread and of build_page (invalid_argument, not_found, invalid_cursor).
Result<std::string> document_to_page_json(std::string_view document_json, const PageQuery& query,
                                          const AssembleOptions& options = {});

}  // namespace soundoff
