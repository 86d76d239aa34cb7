// `soundoff serve`: the comment server on SQLite or PostgreSQL (docs/server-api.md, docs/storage.md).
#include <pthread.h>
#include <signal.h>

#include <cstdio>
#include <iostream>
#include <thread>

#include "cli/args.h"
#include "cli/commands.h"
#include "cli/import_source.h"
#include "cli/input.h"
#include "import/importers.h"
#include "server/config.h"
#include "server/import_export.h"
#include "server/server.h"

namespace soundoff::cli {

namespace {

constexpr const char* kUsage = R"(usage: soundoff serve --db DB [options]

Serves the comment API, the widget files and a demo article page.

  --db DB             the database, created and migrated if needed: an SQLite file
                      (PATH or sqlite:PATH) or PostgreSQL (postgres://USER@HOST:PORT/NAME,
                      shared by several instances; docs/storage.md)
  --host H            address to listen on (default 127.0.0.1)
  --port N            port (default 8080; 0 picks a free one)
  --config FILE       JSON config file (keys in docs/server-api.md)
  --static DIR        serve the widget files in DIR at / (e.g. web/dist)
  --seed FILE         comment document loaded into the demo thread when the database is new
  --site-model FILE   a site model (`soundoff spam export-model`), imported when the database's is empty
  --access-log L      "-" stderr (default), "off", or a file (JSON lines)
  --no-rate-limit     turn per-IP rate limits and the spam check's flood rule off (load tests, benchmarks)
  --import FILE       first import FILE into the database (threads that already have comments are refused)
  --import-from F     its format: soundoff (default; `soundoff export` output), disqus, wxr, isso, remark42,
                      or isso-db (Isso's SQLite database file)
  --lenient           import the valid records of FILE and report the others (default: any bad record refuses it)

The moderation token comes from SOUNDOFF_ADMIN_TOKEN or the config file.
Prints "listening on http://HOST:PORT/" once ready. SIGTERM or SIGINT stops
it after in-flight requests finish.
)";

// Imports --import FILE into the database before serving. Returns an exit
// code, or -1 to go on.
int import_before_serving(const Args& args, const server::ServerConfig& config) {
  import::ImportOptions options;
  options.lenient = args.has("lenient");
  auto imported = read_import_source(args.get("import-from", "soundoff"), args.get("import"), options);
  if (!imported) {
    std::cerr << "soundoff serve: --import " << args.get("import") << ": " << imported.error().message << "\n";
    return kExitInvalidInput;
  }
  for (const auto& issue : imported->issues) std::cerr << "soundoff serve: import: " << issue.message << "\n";
  auto store = server::open_storage(config.db_path, {config.synchronous, config.db_pool});
  if (!store) {
    std::cerr << "soundoff serve: " << store.error().message << "\n";
    return kExitInternal;
  }
  std::vector<server::KeyMapping> mapped;
  auto inserted = server::import_into(**store, *imported, &mapped);
  if (!inserted) {
    std::cerr << "soundoff serve: --import " << args.get("import") << ": " << inserted.error().message << "\n";
    return inserted.error().code == "thread_not_empty" ? kExitInvalidInput : kExitInternal;
  }
  for (const auto& m : mapped)
    std::cerr << "soundoff serve: import: thread \"" << m.source << "\" is not a valid thread key; stored as \""
              << m.key << "\"\n";
  std::cerr << "soundoff serve: imported " << *inserted << " comments in " << imported->threads.size()
            << " threads from " << args.get("import") << "\n";
  return -1;
}

}  // namespace

int run_serve(int argc, char** argv) {
  auto args = parse_args(
      argc, argv, 2,
      {"db", "host", "port", "config", "static", "seed", "access-log", "import", "import-from", "site-model"},
      {"help", "no-rate-limit", "lenient"});
  if (!args) {
    std::cerr << "soundoff serve: " << args.error().message << "\n" << kUsage;
    return kExitInvalidInput;
  }
  if (args->has("help")) {
    std::cout << kUsage;
    return kExitOk;
  }
  if (!args->positionals.empty()) {
    std::cerr << "soundoff serve: unexpected argument \"" << args->positionals[0] << "\"\n" << kUsage;
    return kExitInvalidInput;
  }
  server::ServerConfig config;
  if (args->has("config")) {
    auto loaded = server::load_config_file(args->get("config"), config);
    if (!loaded) {
      std::cerr << "soundoff serve: " << loaded.error().message << "\n";
      return kExitInvalidInput;
    }
    config = std::move(*loaded);
  }
  server::apply_environment(config);
  // Command-line options win over the file.
  if (args->has("db")) config.db_path = args->get("db");
  if (args->has("host")) config.host = args->get("host");
  if (args->has("port")) {
    auto port = parse_uint("port", args->get("port"));
    if (!port || *port > 65535) {
      std::cerr << "soundoff serve: --port must be 0..65535\n";
      return kExitInvalidInput;
    }
    config.port = static_cast<int>(*port);
  }
  if (args->has("static")) config.static_dir = args->get("static");
  if (args->has("seed")) config.seed_file = args->get("seed");
  if (args->has("site-model")) config.site_model_file = args->get("site-model");
  if (args->has("access-log")) config.access_log = args->get("access-log");
  if (args->has("no-rate-limit")) {
    // Flooding is a rate limit by author/IP too: load tests post from one address.
    config.rate_limits_enabled = false;
    config.spam_policy.flood_interval_s = 0;
  }

  if (args->has("import")) {
    if (config.db_path.empty()) {
      std::cerr << "soundoff serve: --db is required\n";
      return kExitInvalidInput;
    }
    if (const int status = import_before_serving(*args, config); status >= 0) return status;
  }

  // Block the stop signals in every thread; one thread waits for them, so no
  // work happens inside a signal handler.
  sigset_t stop_signals;
  sigemptyset(&stop_signals);
  sigaddset(&stop_signals, SIGTERM);
  sigaddset(&stop_signals, SIGINT);
  pthread_sigmask(SIG_BLOCK, &stop_signals, nullptr);

  const std::string host = config.host;
  auto server = server::CommentServer::create(std::move(config));
  if (!server) {
    std::cerr << "soundoff serve: " << server.error().message << "\n";
    return server.error().code == "invalid_config" ? kExitInvalidInput : kExitInternal;
  }
  const auto port = (*server)->bind();
  if (!port) {
    std::cerr << "soundoff serve: " << port.error().message << "\n";
    return kExitInternal;
  }
  std::thread stopper([&] {
    int signal = 0;
    sigwait(&stop_signals, &signal);
    if (signal == SIGTERM || signal == SIGINT) (*server)->stop();
  });
  const std::string base =
      "http://" + (host.find(':') != std::string::npos ? "[" + host + "]" : host) + ":" + std::to_string(*port);
  std::cout << "listening on " << base << "/" << std::endl;
  std::cerr << "demo article page: " << base << "/demo" << std::endl;
  const bool clean = (*server)->run();
  // run() returned by itself (listener failure): release the signal thread.
  pthread_kill(stopper.native_handle(), SIGTERM);
  stopper.join();
  std::cerr << "soundoff serve: stopped\n";
  return clean ? kExitOk : kExitInternal;
}

}  // namespace soundoff::cli
