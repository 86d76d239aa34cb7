// `soundoff migrate`: copies one server database into another, between
// SQLite and PostgreSQL in either direction (docs/storage.md).
#include <cinttypes>
#include <cstdio>
#include <iostream>

#include "cli/args.h"
#include "cli/commands.h"
#include "cli/input.h"
#include "server/storage_copy.h"

namespace soundoff::cli {

namespace {

constexpr const char* kUsage = R"(usage: soundoff migrate --from DB --to DB

Copies every comment (with its id, status, moderation reasons, email and
address), report and vote from one database to another. DB is an SQLite
file (PATH or sqlite:PATH) or a PostgreSQL URL (postgres://...). The target
is created and migrated if needed and must hold no comments. Afterwards both
sides are read back; per-table row counts and checksums are printed and must
agree.
Exit status: 0 copied and verified, 2 invalid arguments or a non-empty
target, 1 a database failed or the copy does not match.
)";

void print_table(const server::CopyReport& report) {
  std::printf("%-9s %12s %12s  %-18s %s\n", "table", "source rows", "target rows", "source checksum",
              "target checksum");
  for (std::size_t i = 0; i < report.source.size(); ++i) {
    const auto& s = report.source[i];
    const auto& t = report.target[i];
    std::printf("%-9s %12zu %12zu  %016" PRIx64 "   %016" PRIx64 "\n", s.table.c_str(), s.rows, t.rows, s.checksum,
                t.checksum);
  }
}

}  // namespace

int run_migrate(int argc, char** argv) {
  auto args = parse_args(argc, argv, 2, {"from", "to"}, {"help"});
  if (!args || !args->positionals.empty()) {
    std::cerr << "soundoff migrate: " << (args ? "unexpected argument" : args.error().message) << "\n" << kUsage;
    return kExitInvalidInput;
  }
  if (args->has("help")) {
    std::cout << kUsage;
    return kExitOk;
  }
  if (!args->has("from") || !args->has("to")) {
    std::cerr << "soundoff migrate: --from and --to are required\n" << kUsage;
    return kExitInvalidInput;
  }
  if (args->get("from") == args->get("to")) {
    std::cerr << "soundoff migrate: --from and --to name the same database\n";
    return kExitInvalidInput;
  }
  auto from = server::open_storage(args->get("from"));
  if (!from) {
    std::cerr << "soundoff migrate: --from: " << from.error().message << "\n";
    return kExitInternal;
  }
  auto to = server::open_storage(args->get("to"));
  if (!to) {
    std::cerr << "soundoff migrate: --to: " << to.error().message << "\n";
    return kExitInternal;
  }
  auto report = server::copy_storage(**from, **to);
  if (!report) {
    std::cerr << "soundoff migrate: " << report.error().message << "\n";
    return report.error().code == "target_not_empty" ? kExitInvalidInput : kExitInternal;
  }
  print_table(*report);
  std::cout << "copied and verified: counts and checksums agree\n";
  return kExitOk;
}

}  // namespace soundoff::cli
