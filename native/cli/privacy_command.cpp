// `soundoff privacy purge|rotate-key`: the retention job once, and a new
// network hash key (docs/privacy.md). Each run is written to the audit log
// with actor "cli".
#include <iostream>

#include "cli/args.h"
#include "cli/commands.h"
#include "cli/input.h"
#include "server/audit.h"
#include "server/config.h"
#include "server/http_util.h"
#include "server/privacy_key.h"
#include "server/retention_job.h"

namespace soundoff::cli {

namespace {

constexpr const char* kUsage = R"(usage: soundoff privacy purge --db DB [--config FILE] [--days N]
       soundoff privacy rotate-key --db DB

purge replaces every raw address older than the retention window (--days N,
else privacy.ip_retention_days of the server's --config FILE, else 7) by a
keyed hash of its network, as the server does every purge_interval_s, and
prints how many rows of each table changed as JSON. rotate-key stores a new
random key in the database: pseudonyms made from now on no longer match the
older ones (a key set in the config file wins over the stored one; change it
there). DB is an SQLite PATH, sqlite:PATH or postgres://...
Exit status: 0 ok, 2 invalid arguments, 1 the database failed.
)";

void audit(server::Storage& store, const std::string& action, const nlohmann::json& detail) {
  const server::Actor actor{"cli", server::Role::admin, "cli", ""};
  const auto row = server::audit_record(actor, {action, "privacy", "", detail}, server::system_clock_ms());
  if (auto stored = store.add_audit(row); !stored)
    std::cerr << "soundoff privacy: warning: audit row not stored: " << stored.error().message << "\n";
}

}  // namespace

int run_privacy(int argc, char** argv) {
  const std::string verb = argc > 2 ? argv[2] : "";
  if (verb == "--help" || verb == "-h") {
    std::cout << kUsage;
    return kExitOk;
  }
  if (verb != "purge" && verb != "rotate-key") {
    std::cerr << "soundoff privacy: " << (verb.empty() ? "give purge or rotate-key" : "unknown verb \"" + verb + "\"")
              << "\n"
              << kUsage;
    return kExitInvalidInput;
  }
  auto args = parse_args(argc, argv, 3, {"db", "config", "days"}, {"help"});
  if (!args || !args->positionals.empty()) {
    std::cerr << "soundoff privacy: " << (args ? "unexpected argument" : args.error().message) << "\n" << kUsage;
    return kExitInvalidInput;
  }
  if (!args->has("db")) {
    std::cerr << "soundoff privacy: --db is required\n" << kUsage;
    return kExitInvalidInput;
  }
  server::PrivacyConfig privacy;
  if (args->has("config")) {
    auto config = server::load_config_file(args->get("config"), {});
    if (!config) {
      std::cerr << "soundoff privacy: " << config.error().message << "\n";
      return kExitInvalidInput;
    }
    privacy = config->privacy;
  }
  if (args->has("days")) {
    auto days = parse_uint("days", args->get("days"));
    if (!days) {
      std::cerr << "soundoff privacy: " << days.error().message << "\n";
      return kExitInvalidInput;
    }
    privacy.ip_retention_days = *days;
  }
  auto store = server::open_storage(args->get("db"));
  if (!store) {
    std::cerr << "soundoff privacy: " << store.error().message << "\n";
    return kExitInternal;
  }
  if (verb == "rotate-key") {
    if (auto key = server::rotate_network_key(**store, "cli", server::system_clock_ms()); !key) {
      std::cerr << "soundoff privacy: " << key.error().message << "\n";
      return kExitInternal;
    }
    audit(**store, "privacy.rotate_key", nlohmann::json::object());
    if (!privacy.network_hash_key.empty())
      std::cerr << "soundoff privacy: note: the config's privacy.network_hash_key is still the one in force\n";
    std::cout << "{\"rotated\":true}\n";
    return kExitOk;
  }
  server::RetentionJob job(**store, privacy);
  auto rows = job.run_once();
  if (!rows) {
    std::cerr << "soundoff privacy: " << rows.error().message << "\n";
    return kExitInternal;
  }
  const nlohmann::json counts = {
      {"comments", rows->comments}, {"votes", rows->votes}, {"reports", rows->reports}, {"audit", rows->audit}};
  audit(**store, "privacy.purge", counts);
  std::cout << server::dump_json(counts) << "\n";
  return kExitOk;
}

}  // namespace soundoff::cli
