// soundoff: the command-line entry point. Dispatches to one file per command.
#include <cstring>
#include <exception>
#include <iostream>
#include <string_view>

#include "cli/commands.h"
#include "cli/input.h"

namespace {

struct Command {
  const char* name;
  int (*run)(int, char**);
  const char* summary;
};

constexpr Command kCommands[] = {
    {"thread", soundoff::cli::run_thread, "print one page of a comment document's thread as JSON"},
    {"import", soundoff::cli::run_import_command,
     "convert a Disqus, WordPress, Isso or Remark42 export to Soundoff's format, or merge it into a database"},
    {"spam", soundoff::cli::run_spam_command,
     "spam verdicts for a comment document or a labelled CSV; train the filter; the site model of a database"},
    {"resolve", soundoff::cli::run_resolve, "infer which earlier comment each flat comment answers"},
    {"export", soundoff::cli::run_export, "write every thread of a server database as a JSON export"},
    {"serve", soundoff::cli::run_serve, "run the comment server (HTTP API, widget, demo page) on SQLite or PostgreSQL"},
    {"migrate", soundoff::cli::run_migrate, "copy a server database between SQLite and PostgreSQL, verified"},
    {"user", soundoff::cli::run_user, "add, list, remove console accounts (moderators, admins) or change a password"},
    {"privacy", soundoff::cli::run_privacy, "hash addresses older than the retention window; rotate the hash key"},
    {"erase", soundoff::cli::run_erase, "delete (or anonymise) a person's comments by email"},
};

void usage(std::ostream& out) {
  out << "usage: soundoff COMMAND [options]   (soundoff COMMAND --help for details)\n\ncommands:\n";
  for (const auto& c : kCommands) out << "  " << c.name << "\t" << c.summary << "\n";
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2 || std::strcmp(argv[1], "--help") == 0 || std::strcmp(argv[1], "-h") == 0) {
    usage(argc < 2 ? std::cerr : std::cout);
    return argc < 2 ? soundoff::cli::kExitInvalidInput : soundoff::cli::kExitOk;
  }
  for (const auto& c : kCommands) {
    if (std::string_view(argv[1]) != c.name) continue;
    try {
      return c.run(argc, argv);
    } catch (const std::exception& e) {
      // Core reports expected failures as values; reaching here is a bug.
      std::cerr << "soundoff " << c.name << ": internal error: " << e.what() << "\n";
      return soundoff::cli::kExitInternal;
    }
  }
  std::cerr << "soundoff: unknown command \"" << argv[1] << "\"\n";
  usage(std::cerr);
  return soundoff::cli::kExitInvalidInput;
}
