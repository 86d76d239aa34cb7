// `soundoff erase --email E`: a person's comments removed from a server
// database (docs/privacy.md), as POST /api/admin/erase does. Run `soundoff
// export --email E` first to give the person their comments.
#include <iostream>

#include "cli/args.h"
#include "cli/commands.h"
#include "cli/input.h"
#include "server/audit.h"
#include "server/http_util.h"
#include "server/person_erase.h"
#include "server/retention_job.h"

namespace soundoff::cli {

namespace {

constexpr const char* kUsage = R"(usage: soundoff erase --db DB --email E [--anonymise]

Deletes every comment whose email is E (any case), with their votes and
reports, the outbox rows about them or naming E, and the quoted details of
audit rows about them. With --anonymise a comment that has replies stays as an
anonymous tombstone (no author, email, address or text) so the replies keep
their place; without it every comment goes and replies become top-level.
On SQLite the file is then VACUUMed and its WAL truncated so no byte of the
person is left (this rewrites the whole file: stop a running server first, or
use POST /api/admin/erase). Prints what was done as JSON. DB is an SQLite
PATH, sqlite:PATH or postgres://...
Exit status: 0 ok, 2 invalid arguments, 1 the database failed.
)";

}  // namespace

int run_erase(int argc, char** argv) {
  auto args = parse_args(argc, argv, 2, {"db", "email"}, {"help", "anonymise"});
  if (!args || !args->positionals.empty()) {
    std::cerr << "soundoff erase: " << (args ? "unexpected argument" : args.error().message) << "\n" << kUsage;
    return kExitInvalidInput;
  }
  if (args->has("help")) {
    std::cout << kUsage;
    return kExitOk;
  }
  if (!args->has("db") || args->get("email").empty()) {
    std::cerr << "soundoff erase: --db and --email are required\n" << kUsage;
    return kExitInvalidInput;
  }
  auto store = server::open_storage(args->get("db"));
  if (!store) {
    std::cerr << "soundoff erase: " << store.error().message << "\n";
    return kExitInternal;
  }
  const bool anonymise = args->has("anonymise");
  auto erased = (*store)->erase_person(args->get("email"), anonymise);
  if (!erased) {
    std::cerr << "soundoff erase: " << erased.error().message << "\n";
    return kExitInternal;
  }
  const nlohmann::json summary = {{"removed", erased->removed},
                                  {"tombstoned", erased->tombstoned},
                                  {"outbox", erased->outbox},
                                  {"subscriptions", erased->subscriptions},
                                  {"threads", erased->threads}};
  // The log says that a person was erased and how much, never who.
  const server::Actor actor{"cli", server::Role::admin, "cli", ""};
  const auto row =
      server::audit_record(actor, server::person_erase_audit(*erased, anonymise), server::system_clock_ms());
  if (auto stored = (*store)->add_audit(row); !stored)
    std::cerr << "soundoff erase: warning: audit row not stored: " << stored.error().message << "\n";
  std::cout << server::dump_json(summary) << "\n";
  return kExitOk;
}

}  // namespace soundoff::cli
