// `soundoff export`: every thread of a server database as Soundoff's export
// format (docs/import-export.md), which `soundoff import --from soundoff` and
// `soundoff serve --import` read back.
#include <iostream>

#include "cli/args.h"
#include "cli/commands.h"
#include "cli/input.h"
#include "import/export_writers.h"
#include "import/importers.h"
#include "server/audit.h"
#include "server/http_util.h"
#include "server/import_export.h"
#include "soundoff/time.h"

namespace soundoff::cli {

namespace {
constexpr const char* kUsage = R"(usage: soundoff export --db PATH [--format soundoff|wxr|disqus] [--thread KEY]
       soundoff export --db PATH --audit | --email E

Writes every thread of the database (an SQLite PATH, sqlite:PATH or
postgres://...) to standard output as one
JSON export (docs/import-export.md), or with --format wxr / disqus as a
WordPress WXR or Disqus XML file those systems import; --thread KEY writes
that thread only. Each thread's title and URL go with it. Emails and
addresses are not exported.
With --audit it writes the moderators' audit log instead, oldest first, one
JSON object per line (docs/moderation-api.md). With --email E it writes the
comments whose email is E (any case) as one JSON object, with their
addresses and statuses: what that person may ask for before `soundoff erase`
(docs/privacy.md).
Exit status: 0 ok, 2 invalid arguments, 1 the database could not be read.
)";
// Pages through the log oldest first, so memory stays flat however long it is.
int export_audit(server::Storage& store) {
  server::AuditQuery query;
  query.oldest_first = true;
  query.limit = 1000;
  for (;;) {
    auto rows = store.list_audit(query);
    if (!rows) {
      std::cerr << "soundoff export: " << rows.error().message << "\n";
      return kExitInternal;
    }
    for (const auto& row : *rows) std::cout << server::dump_json(server::audit_json(row)) << "\n";
    if (rows->size() < query.limit) break;
    query.cursor = rows->back().id;
  }
  std::cout.flush();
  return std::cout ? kExitOk : kExitInternal;
}

// A person's own comments, everything stored about each (their right of access).
int export_person(server::Storage& store, const std::string& email) {
  auto rows = store.person_comments(email);
  if (!rows) {
    std::cerr << "soundoff export: " << rows.error().message << "\n";
    return kExitInternal;
  }
  nlohmann::json comments = nlohmann::json::array();
  for (const auto& h : *rows) {
    const Comment& c = h.comment;
    comments.push_back(
        {{"id", c.id},
         {"thread", c.thread},
         {"parent", c.parent.empty() ? nlohmann::json(nullptr) : nlohmann::json(c.parent)},
         {"author", c.author},
         {"email", h.email},
         {"ip", h.ip},
         {"body", c.body},
         {"created", format_iso8601(c.created_ms)},
         {"edited", c.edited_ms == 0 ? nlohmann::json(nullptr) : nlohmann::json(format_iso8601(c.edited_ms))},
         {"status", std::string(status_name(c.status))},
         {"badge", c.badge},
         {"up", c.up},
         {"down", c.down}});
  }
  std::cout << server::dump_json({{"email", email}, {"comments", comments}}) << "\n";
  std::cout.flush();
  return std::cout ? kExitOk : kExitInternal;
}

}  // namespace

int run_export(int argc, char** argv) {
  auto args = parse_args(argc, argv, 2, {"db", "format", "email", "thread"}, {"help", "audit"});
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
  const std::string format = args->has("format") ? args->get("format") : "soundoff";
  if (format != "soundoff" && format != "wxr" && format != "disqus") {
    std::cerr << "soundoff export: --format must be soundoff, wxr or disqus, not \"" << format.substr(0, 40) << "\"\n"
              << kUsage;
    return kExitInvalidInput;
  }
  if (int(args->has("audit")) + int(args->has("email")) + int(args->has("format") || args->has("thread")) > 1) {
    std::cerr << "soundoff export: --format/--thread, --audit and --email exclude each other\n" << kUsage;
    return kExitInvalidInput;
  }
  if (args->has("thread") && !server::valid_thread_key(args->get("thread"))) {
    std::cerr << "soundoff export: --thread must be a thread key: 1..200 of [A-Za-z0-9._~:-]\n" << kUsage;
    return kExitInvalidInput;
  }
  if (args->has("email") && args->get("email").empty()) {
    std::cerr << "soundoff export: --email needs an address\n" << kUsage;
    return kExitInvalidInput;
  }
  auto store = server::open_storage(args->get("db"));
  if (!store) {
    std::cerr << "soundoff export: " << store.error().message << "\n";
    return kExitInternal;
  }
  if (args->has("audit")) return export_audit(**store);
  if (args->has("email")) return export_person(**store, args->get("email"));
  auto text = server::export_all(**store, args->has("thread") ? args->get("thread") : std::string());
  if (!text) {
    std::cerr << "soundoff export: " << text.error().message << "\n";
    return text.error().code == "not_found" ? kExitInvalidInput : kExitInternal;
  }
  if (format == "soundoff") {
    std::cout << *text;
    return kExitOk;
  }
  // The other formats are written from the same export, read back as threads.
  auto site = import::import_soundoff(*text);
  if (!site) {
    std::cerr << "soundoff export: " << site.error().message << "\n";
    return kExitInternal;
  }
  std::cout << (format == "wxr" ? import::write_wxr(*site) : import::write_disqus(*site));
  return kExitOk;
}

}  // namespace soundoff::cli
