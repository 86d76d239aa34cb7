// `soundoff import`: another system's export in, Soundoff's export format out.
#include <iostream>

#include "cli/args.h"
#include "cli/commands.h"
#include "cli/input.h"
#include "import/importers.h"

namespace soundoff::cli {

namespace {

constexpr const char* kUsage = R"(usage: soundoff import --from FORMAT [FILE|-] [--lenient]

Reads a comment export and prints it as Soundoff's export format: one JSON
object holding a comment document per thread (docs/import-export.md).

  --from FORMAT   disqus (Disqus XML), wxr (WordPress WXR), isso (Isso generic
                  JSON), remark42 (Remark42 JSON), soundoff (Soundoff export)
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
  const auto source = import::parse_source(args->get("from"));
  if (!source) {
    std::cerr << "soundoff import: --from must be disqus, wxr, isso, remark42 or soundoff"
              << (args->has("from") ? ", not \"" + args->get("from") + "\"" : std::string()) << "\n"
              << kUsage;
    return kExitInvalidInput;
  }
  if (args->positionals.size() > 1) {
    std::cerr << "soundoff import: give one input file\n" << kUsage;
    return kExitInvalidInput;
  }
  import::ImportOptions options;
  options.lenient = args->has("lenient");
  auto text = read_input(args->positionals.empty() ? "-" : args->positionals[0], options.max_bytes);
  if (!text) {
    std::cerr << "soundoff import: " << text.error().message << "\n";
    return kExitInvalidInput;
  }
  // Report every problem even when strict mode rejects the file, so one run shows all that needs fixing.
  import::ImportOptions reporting = options;
  reporting.lenient = true;
  auto result = import::import_from(*source, *text, reporting);
  if (!result) {
    std::cerr << "soundoff import: " << result.error().message << "\n";
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
