// `soundoff user`: console accounts from the command line (docs/moderation-api.md).
// The same rules and hashing as the users API (server/accounts.h); every
// change is written to the audit log with actor "cli".
#include <termios.h>
#include <unistd.h>

#include <iostream>
#include <string>

#include "cli/args.h"
#include "cli/commands.h"
#include "cli/input.h"
#include "server/accounts.h"
#include "server/audit.h"
#include "server/http_util.h"
#include "server/passwords.h"
#include "soundoff/time.h"

namespace soundoff::cli {

namespace {

constexpr const char* kUsage =
    R"(usage: soundoff user add NAME --role admin|moderator --db DB [--password-file FILE | --generate-password]
       soundoff user passwd NAME --db DB [--password-file FILE | --generate-password]
       soundoff user remove NAME --db DB
       soundoff user list --db DB

Console accounts (docs/moderation-api.md). DB is an SQLite PATH, sqlite:PATH or
postgres://... The password is the first line of --password-file FILE; else it
is asked for twice without echo when standard input is a terminal, else it is
the first line of standard input. --generate-password makes a random one and
prints it (only it) on standard output. Passwords are 10 to 1024 bytes.
`list` prints one account per line: NAME ROLE CREATED [disabled].
Exit status: 0 ok, 2 invalid arguments (a bad name, role or password, a name
that is taken or unknown), 1 the database failed.
)";

// The first line of `text`, without its line ending.
std::string first_line(const std::string& text) {
  std::string line = text.substr(0, text.find('\n'));
  if (!line.empty() && line.back() == '\r') line.pop_back();
  return line;
}

// Reads a line from the terminal without echoing it.
Result<std::string> prompt_hidden(const std::string& prompt) {
  std::cerr << prompt << std::flush;
  termios before{};
  const bool tty = tcgetattr(STDIN_FILENO, &before) == 0;
  if (tty) {
    termios quiet = before;
    quiet.c_lflag &= ~static_cast<tcflag_t>(ECHO);
    tcsetattr(STDIN_FILENO, TCSAFLUSH, &quiet);
  }
  std::string line;
  const bool read = static_cast<bool>(std::getline(std::cin, line));
  if (tty) tcsetattr(STDIN_FILENO, TCSAFLUSH, &before);
  std::cerr << "\n";
  if (!read) return Error{"usage", "no password given"};
  return line;
}

Result<std::string> read_password(const Args& args, const std::string& name) {
  if (args.has("password-file") && args.has("generate-password"))
    return Error{"usage", "give --password-file or --generate-password, not both"};
  if (args.has("generate-password")) return server::generate_password();
  if (args.has("password-file")) {
    auto text = read_input(args.get("password-file"), server::kMaxPasswordBytes + 2);
    if (!text) return text.error();
    return first_line(*text);
  }
  if (isatty(STDIN_FILENO)) {
    auto first = prompt_hidden("Password for " + name + ": ");
    if (!first) return first;
    auto again = prompt_hidden("Again: ");
    if (!again) return again;
    if (*first != *again) return Error{"usage", "the two passwords differ"};
    return first;
  }
  std::string line;
  if (!std::getline(std::cin, line)) return Error{"usage", "no password on standard input"};
  if (!line.empty() && line.back() == '\r') line.pop_back();
  return line;
}

int fail(const Error& e) {
  std::cerr << "soundoff user: " << e.message << "\n";
  const bool input = e.code == "usage" || e.code == "user_exists" || e.code == "not_found" ||
                     e.code == "invalid_user_name" || e.code == "invalid_password" || e.code == "invalid_role" ||
                     e.code == "io_error" || e.code == "too_large";
  return input ? kExitInvalidInput : kExitInternal;
}

void audit(server::Storage& store, const std::string& action, const std::string& name, nlohmann::json detail = {}) {
  const server::Actor actor{"cli", server::Role::admin, "cli", ""};
  const auto row = server::audit_record(
      actor, {action, "user", name, detail.is_object() ? detail : nlohmann::json::object()}, server::now_ms());
  if (auto stored = store.add_audit(row); !stored)
    std::cerr << "soundoff user: warning: audit row not stored: " << stored.error().message << "\n";
}

int add(server::Storage& store, const Args& args, const std::string& name) {
  const std::string role = args.get("role");
  if (!args.has("role")) return fail(Error{"usage", "--role admin|moderator is required"});
  // Check what can be checked before asking for a password.
  if (auto e = server::check_user_name(name)) return fail(*e);
  if (auto e = server::check_role(role)) return fail(*e);
  auto password = read_password(args, name);
  if (!password) return fail(password.error());
  auto user = server::create_user(store, name, role, *password, server::now_ms());
  if (!user) return fail(user.error());
  audit(store, "user.add", user->name, {{"role", user->role}});
  if (args.has("generate-password")) std::cout << *password << "\n";
  std::cerr << "soundoff user: added " << user->role << " " << user->name << "\n";
  return kExitOk;
}

int passwd(server::Storage& store, const Args& args, const std::string& name) {
  auto user = store.find_user(name);
  if (!user) return fail(user.error());
  if (!*user) return fail(Error{"not_found", "there is no user called " + name});
  auto password = read_password(args, name);
  if (!password) return fail(password.error());
  auto changed = server::change_password(store, (*user)->name, *password, "");
  if (!changed) return fail(changed.error());
  audit(store, "user.password", (*user)->name);
  if (args.has("generate-password")) std::cout << *password << "\n";
  std::cerr << "soundoff user: changed the password of " << (*user)->name << " (its sessions ended)\n";
  return kExitOk;
}

int remove(server::Storage& store, const std::string& name) {
  auto user = store.find_user(name);
  if (!user) return fail(user.error());
  if (!*user) return fail(Error{"not_found", "there is no user called " + name});
  auto removed = store.remove_user((*user)->name);
  if (!removed) return fail(removed.error());
  audit(store, "user.remove", (*user)->name, {{"role", (*user)->role}});
  std::cerr << "soundoff user: removed " << (*user)->name << "\n";
  return kExitOk;
}

int list(server::Storage& store) {
  auto users = store.list_users();
  if (!users) return fail(users.error());
  for (const auto& u : *users)
    std::cout << u.name << "\t" << u.role << "\t" << format_iso8601(u.created_ms) << (u.disabled ? "\tdisabled" : "")
              << "\n";
  return kExitOk;
}

}  // namespace

int run_user(int argc, char** argv) {
  auto args = parse_args(argc, argv, 2, {"db", "role", "password-file"}, {"help", "generate-password"});
  if (!args) {
    std::cerr << "soundoff user: " << args.error().message << "\n" << kUsage;
    return kExitInvalidInput;
  }
  if (args->has("help")) {
    std::cout << kUsage;
    return kExitOk;
  }
  const auto& pos = args->positionals;
  const std::string verb = pos.empty() ? "" : pos[0];
  const bool named = verb == "add" || verb == "passwd" || verb == "remove";
  if (!(named || verb == "list") || pos.size() != (named ? 2u : 1u)) {
    std::cerr << "soundoff user: "
              << (verb.empty() ? "give add, passwd, remove or list" : "wrong arguments for \"" + verb + "\"") << "\n"
              << kUsage;
    return kExitInvalidInput;
  }
  if (!args->has("db")) {
    std::cerr << "soundoff user: --db is required\n" << kUsage;
    return kExitInvalidInput;
  }
  if (verb != "add" && args->has("role")) return fail(Error{"usage", "--role is only for add"});
  auto store = server::open_storage(args->get("db"));
  if (!store) return fail(store.error());
  if (verb == "add") return add(**store, *args, pos[1]);
  if (verb == "passwd") return passwd(**store, *args, pos[1]);
  if (verb == "remove") return remove(**store, pos[1]);
  return list(**store);
}

}  // namespace soundoff::cli
