#include "cli/import_stream.h"

#include <fstream>

#include "import/soundoff_stream.h"

namespace soundoff::cli {

namespace {

Result<std::size_t> stream_file(const std::string& path, const import::ImportOptions& options,
                                const import::ThreadSink& sink) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Error{"io_error", "cannot open " + path};
  return import::stream_soundoff_export(in, options, sink);
}

// The strict pass: every rejected record, nothing written. The error is the
// one the whole-file reader gives (finish_import).
Result<void> check_every_record(const std::string& path, const import::ImportOptions& options) {
  import::ImportResult rejected;
  auto read = stream_file(path, options, [&](import::ImportResult&& one) -> Result<void> {
    for (auto& issue : one.issues)
      if (issue.kind == import::IssueKind::rejected) rejected.issues.push_back(std::move(issue));
    return {};
  });
  if (!read) return read.error();
  if (auto checked = import::finish_import(std::move(rejected), options); !checked) return checked.error();
  return {};
}

}  // namespace

Result<StreamedMerge> merge_export_file(server::Storage& store, const std::string& path,
                                        const import::ImportOptions& options, const server::MergeProgress& progress,
                                        std::size_t chunk) {
  if (!options.lenient)
    if (auto checked = check_every_record(path, options); !checked) return checked.error();
  StreamedMerge merged;
  auto read = stream_file(path, options, [&](import::ImportResult&& one) -> Result<void> {
    for (auto& issue : one.issues) merged.issues.push_back(std::move(issue));
    for (const auto& thread : one.threads)
      if (auto r = server::merge_thread_into(store, thread, merged.report, progress, chunk); !r) return r.error();
    return {};
  });
  if (!read) return read.error();
  merged.threads = *read;
  return merged;
}

}  // namespace soundoff::cli
