// `soundoff import --db DB [--from FORMAT] FILE`: merges an export into an
// existing database by external id (server/import_merge.h). Without --db,
// `soundoff import` converts to standard output (import_command.cpp, which
// does not link the server).
#include <chrono>
#include <cstring>
#include <iostream>
#include <string_view>

#include "cli/args.h"
#include "cli/commands.h"
#include "cli/import_source.h"
#include "cli/import_stream.h"
#include "cli/input.h"
#include "server/import_merge.h"

namespace soundoff::cli {

namespace {

constexpr const char* kUsage = R"(usage: soundoff import --db DB [--from FORMAT] FILE [--lenient]

Merges FILE into the database DB (an SQLite PATH, sqlite:PATH or
postgres://...), which may already hold comments: a comment whose thread
and external id are already stored is not added again (its status and vote
counts are brought to the source's), new ones are added under their parents,
new threads are registered with their title and URL. Running it twice
changes nothing. FORMAT: disqus, wxr, isso, isso-db, remark42, soundoff
(default). Progress and a report go to stderr (docs/import-export.md).
Exit status: 0 ok, 2 invalid input or arguments, 1 the database failed.
)";

// A progress line every this many inserted comments (and one at the end).
constexpr std::size_t kProgressEvery = 10000;

bool wants_db(int argc, char** argv) {
  for (int i = 2; i < argc; ++i) {
    const std::string_view arg = argv[i];
    if (arg == "--db" || arg.substr(0, 5) == "--db=") return true;
  }
  return false;
}

double seconds_since(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

void print_rate(std::size_t inserted, double seconds) {
  const double rate = seconds > 0 ? static_cast<double>(inserted) / seconds : 0.0;
  std::cerr << "soundoff import: imported " << inserted << " comments (" << static_cast<long long>(rate) << "/s)\n";
}

// Exit status and message for a failed import: bad input (exit 2) was found
// before anything was written, except in a lenient stream, where the threads
// before a syntax error stay; a storage failure (exit 1) leaves whole chunks.
int refuse(const std::string& file, const Error& e) {
  const bool input = e.code == "invalid_json" || e.code == "invalid_document" || e.code == "invalid_record" ||
                     e.code == "io_error" || e.code == "too_large" || e.code == "usage";
  if (input) {
    std::cerr << "soundoff import: " << file << ": " << e.message << "\n";
    return kExitInvalidInput;
  }
  std::cerr << "soundoff import: " << e.message
            << " (whole chunks already written stay; running the import again completes it)\n";
  return kExitInternal;
}

int report_merge(const server::MergeReport& report, std::size_t threads, const std::string& file,
                 std::chrono::steady_clock::time_point start) {
  print_rate(report.inserted, seconds_since(start));
  for (const auto& m : report.mapped)
    std::cerr << "soundoff import: thread \"" << m.source << "\" is not a valid thread key; stored as \"" << m.key
              << "\"\n";
  std::cerr << "soundoff import: inserted " << report.inserted << ", already present " << report.present << ", updated "
            << report.updated << "; " << threads << " threads (" << report.threads_created << " new) from " << file
            << "\n";
  return kExitOk;
}

int run_import_db(int argc, char** argv) {
  auto args = parse_args(argc, argv, 2, {"db", "from"}, {"lenient", "help"});
  if (!args) {
    std::cerr << "soundoff import: " << args.error().message << "\n" << kUsage;
    return kExitInvalidInput;
  }
  if (args->has("help")) {
    std::cout << kUsage;
    return kExitOk;
  }
  if (args->positionals.size() != 1 || args->get("db").empty()) {
    std::cerr << "soundoff import: --db needs a database and one input file\n" << kUsage;
    return kExitInvalidInput;
  }
  const std::string& file = args->positionals[0];
  const std::string from = args->get("from", "soundoff");
  if (from != "isso-db" && !import::parse_source(from)) {  // before the database is opened (and maybe created)
    std::cerr << "soundoff import: --from must be " << kImportFormats << ", not \"" << from.substr(0, 40) << "\"\n";
    return kExitInvalidInput;
  }
  import::ImportOptions options;
  options.lenient = args->has("lenient");
  auto store = server::open_storage(args->get("db"));
  if (!store) {
    std::cerr << "soundoff import: " << store.error().message << "\n";
    return kExitInternal;
  }
  const auto start = std::chrono::steady_clock::now();
  std::size_t next_line = kProgressEvery;
  const auto progress = [&](std::size_t inserted) {
    if (inserted < next_line) return;
    print_rate(inserted, seconds_since(start));
    next_line = (inserted / kProgressEvery + 1) * kProgressEvery;
  };
  // A Soundoff export in a file streams, thread by thread, in bounded memory (import_stream.h).
  if (from == "soundoff" && file != "-") {
    auto streamed = merge_export_file(**store, file, options, progress, kProgressEvery);
    if (streamed) {
      for (const auto& issue : streamed->issues) std::cerr << "soundoff import: " << issue.message << "\n";
      return report_merge(streamed->report, streamed->threads, file, start);
    }
    if (streamed.error().code != "not_an_export") return refuse(file, streamed.error());
  }
  auto imported = read_import_source(from, file, options);
  if (!imported) {
    std::cerr << "soundoff import: " << file << ": " << imported.error().message << "\n";
    return kExitInvalidInput;
  }
  for (const auto& issue : imported->issues) std::cerr << "soundoff import: " << issue.message << "\n";
  auto report = server::merge_into(**store, *imported, progress, kProgressEvery);
  if (!report) return refuse(file, report.error());
  return report_merge(*report, imported->threads.size(), file, start);
}

}  // namespace

int run_import_command(int argc, char** argv) {
  return wants_db(argc, argv) ? run_import_db(argc, argv) : run_import(argc, argv);
}

}  // namespace soundoff::cli
