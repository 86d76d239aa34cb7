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
  import::ImportOptions options;
  options.lenient = args->has("lenient");
  auto imported = read_import_source(args->get("from", "soundoff"), file, options);
  if (!imported) {
    std::cerr << "soundoff import: " << file << ": " << imported.error().message << "\n";
    return kExitInvalidInput;
  }
  for (const auto& issue : imported->issues) std::cerr << "soundoff import: " << issue.message << "\n";
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
  auto report = server::merge_into(**store, *imported, progress, kProgressEvery);
  if (!report) {
    std::cerr << "soundoff import: " << report.error().message
              << " (whole chunks already written stay; running the import again completes it)\n";
    return kExitInternal;
  }
  print_rate(report->inserted, seconds_since(start));
  for (const auto& m : report->mapped)
    std::cerr << "soundoff import: thread \"" << m.source << "\" is not a valid thread key; stored as \"" << m.key
              << "\"\n";
  std::cerr << "soundoff import: inserted " << report->inserted << ", already present " << report->present
            << ", updated " << report->updated << "; " << imported->threads.size() << " threads ("
            << report->threads_created << " new) from " << file << "\n";
  return kExitOk;
}

}  // namespace

int run_import_command(int argc, char** argv) {
  return wants_db(argc, argv) ? run_import_db(argc, argv) : run_import(argc, argv);
}

}  // namespace soundoff::cli
