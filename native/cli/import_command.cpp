// `soundoff import`: another system's export in, Soundoff's export format out.
#include <iostream>

#include "cli/args.h"
#include "cli/commands.h"
#include "cli/import_source.h"
#include "cli/input.h"
#include "import/importers.h"

namespace soundoff::cli {

namespace {

constexpr const char* kUsage = R"(usage: soundoff import --from FORMAT [FILE|-] [--lenient]
       soundoff import --db DB [--from FORMAT] FILE [--lenient]

Reads a comment export and prints it as Soundoff's export format: one JSON
object holding a comment document per thread (docs/import-export.md).
With --db it merges the export into that database instead (an SQLite PATH,
sqlite:PATH or postgres://...): comments already there (same thread and
external id) are not added again, so running it twice changes nothing.

  --from FORMAT   disqus (Disqus XML), wxr (WordPress WXR), isso (Isso generic
                  JSON), isso-db (Isso's SQLite database file, read-only),
                  remark42 (Remark42 JSON), soundoff (Soundoff export; the
                  default with --db)
  --lenient       import every valid record and report the others, instead of
                  rejecting the whole file at the first invalid record

Every record left out or changed is reported on stderr, one line each.
Exit status: 0 ok, 2 invalid input or arguments (message on stderr), 1 internal error.
)";

const char* kind_label(import::IssueKind kind) {
  switch (kind) {
    case import::IssueKind::rejected:
      return "skipped";
    case import::IssueKind::omitted:
      return "omitted";
    case import::IssueKind::adjusted:
      return "adjusted";
  }
  return "issue";
}

}  // namespace

int run_import(int argc, char** argv) {
  auto args = parse_args(argc, argv, 2, {"from"}, {"lenient", "help"});
  if (!args) {
    std::cerr << "soundoff import: " << args.error().message << "\n" << kUsage;
    return kExitInvalidInput;
  }
  if (args->has("help")) {
    std::cout << kUsage;
    return kExitOk;
  }
  if (args->positionals.size() > 1) {
    std::cerr << "soundoff import: give one input file\n" << kUsage;
    return kExitInvalidInput;
  }
  import::ImportOptions options;
  options.lenient = args->has("lenient");
  // Report every problem even when strict mode rejects the file, so one run shows all that needs fixing.
  import::ImportOptions reporting = options;
  reporting.lenient = true;
  auto result =
      read_import_source(args->get("from"), args->positionals.empty() ? "-" : args->positionals[0], reporting);
  if (!result) {
    std::cerr << "soundoff import: " << result.error().message << "\n";
    if (result.error().code == "usage") std::cerr << kUsage;
    return kExitInvalidInput;
  }
  for (const auto& issue : result->issues)
    std::cerr << "soundoff import: " << kind_label(issue.kind) << " " << issue.message << "\n";
  const auto rejected = result->count(import::IssueKind::rejected);
  if (!options.lenient && rejected > 0) {
    std::cerr << "soundoff import: rejected: " << rejected << " problem" << (rejected == 1 ? "" : "s")
              << " (listed above); nothing was imported. --lenient imports the valid records.\n";
    return kExitInvalidInput;
  }
  std::cout << import::write_export(result->threads);
  std::cerr << "soundoff import: " << result->threads.size() << " threads, " << result->comment_count() << " comments; "
            << rejected << " problems skipped, " << result->count(import::IssueKind::omitted) << " omitted, "
            << result->count(import::IssueKind::adjusted) << " adjusted\n";
  return kExitOk;
}

}  // namespace soundoff::cli
