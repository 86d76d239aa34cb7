#include "soundoff/thread_views.h"

#include <utility>

#include "soundoff/page_json.h"

namespace soundoff {

ThreadViews::ThreadViews(Thread thread, std::vector<RecordError> record_errors)
    : thread_(std::move(thread)), record_errors_(std::move(record_errors)) {}

const ThreadView& ThreadViews::view(SortOrder sort) const {
  const auto slot = static_cast<std::size_t>(sort);
  std::call_once(built_[slot], [&] { views_[slot] = make_view(thread_, sort); });
  return views_[slot];
}

std::unique_ptr<ThreadViews> assemble_document(Document document, AssembleOptions options) {
  options.document_thread = std::move(document.thread);
  return std::make_unique<ThreadViews>(assemble_thread(std::move(document.comments), options),
                                       std::move(document.errors));
}

Result<std::unique_ptr<ThreadViews>> load_thread(std::string_view document_json, const AssembleOptions& options,
                                                 const DocumentLimits& limits) {
  auto document = parse_document(document_json, limits);
  if (!document) return document.error();
  return assemble_document(std::move(*document), options);
}

Result<std::string> document_to_page_json(std::string_view document_json, const PageQuery& query,
                                          const AssembleOptions& options) {
  auto views = load_thread(document_json, options);
  if (!views) return views.error();
  const ThreadView& view = (*views)->view(query.sort);
  auto page = build_page(view, query.request);
  if (!page) return page.error();
  return page_to_json(view, *page, (*views)->record_errors());
}

}  // namespace soundoff
