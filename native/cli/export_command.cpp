// `soundoff export`: every thread of a server database as Soundoff's export
// format (docs/import-export.md), which `soundoff import --from soundoff` and
// `soundoff serve --import` read back.
#include <iostream>

#include "cli/args.h"
#include "cli/commands.h"
#include "cli/input.h"
#include "server/import_export.h"

namespace soundoff::cli {

namespace {
constexpr const char* kUsage = R"(usage: soundoff export --db PATH

Writes every thread of the database (an SQLite PATH, sqlite:PATH or
postgres://...) to standard output as one
JSON export (docs/import-export.md). Emails and addresses are not exported.
Exit status: 0 ok, 2 invalid arguments, 1 the database could not be read.
)";
}  // namespace

int run_export(int argc, char** argv) {
  auto args = parse_args(argc, argv, 2, {"db"}, {"help"});
  if (!args || !args->positionals.empty()) {
    std::cerr << "soundoff export: " << (args ? "unexpected argument" : args.error().message) << "\n" << kUsage;
    return kExitInvalidInput;
  }
  if (args->has("help")) {
    std::cout << kUsage;
    return kExitOk;
  }
  if (!args->has("db")) {
    std::cerr << "soundoff export: --db is required\n" << kUsage;
    return kExitInvalidInput;
  }
  auto store = server::open_storage(args->get("db"));
  if (!store) {
    std::cerr << "soundoff export: " << store.error().message << "\n";
    return kExitInternal;
  }
  auto text = server::export_all(**store);
  if (!text) {
    std::cerr << "soundoff export: " << text.error().message << "\n";
    return kExitInternal;
  }
  std::cout << *text;
  return kExitOk;
}

}  // namespace soundoff::cli
