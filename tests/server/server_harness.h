// Test harness for the comment server: an in-process server on a free
// 127.0.0.1 port with its own database, a `soundoff serve` child process
// for tests where the process must die, and HTTP clients that always time out
// instead of hanging.
//
// The whole suite runs once per backend (tests/CMakeLists.txt):
// SOUNDOFF_TEST_BACKEND=postgres makes every test database a fresh schema in
// the PostgreSQL database SOUNDOFF_TEST_POSTGRES names (a libpq URL, e.g. from
// scripts/with-postgres). Without that URL the PostgreSQL run skips, unless
// SOUNDOFF_REQUIRE_POSTGRES=1 (scripts/test sets it), which makes it fail.
#pragma once

#include <httplib.h>
#include <sys/types.h>

#include <atomic>
#include <chrono>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <nlohmann/json.hpp>
#include <string>
#include <thread>
#include <vector>

#include "server/config.h"
#include "server/server.h"

namespace soundoff::test {

// A fresh directory under $TMPDIR (or /tmp), removed with everything in it.
// Also drops the PostgreSQL schemas test_database made for it.
class TempDir {
 public:
  TempDir();
  ~TempDir();
  const std::string& path() const { return path_; }
  std::string file(const std::string& name) const { return path_ + "/" + name; }
  void own_schema(const std::string& schema) const { schemas_.push_back(schema); }

 private:
  std::string path_;
  mutable std::vector<std::string> schemas_;
};

// True when this run tests the PostgreSQL backend.
bool testing_postgres();

// A --db value for a database called `name` that belongs to `dir`: the file
// dir/name on SQLite; on PostgreSQL a schema of its own (created empty on
// first use; the same name in the same dir gives the same database).
std::string test_database(const TempDir& dir, const std::string& name);

// The libpq URL of SOUNDOFF_TEST_POSTGRES with search_path set to `schema`.
std::string postgres_url_with_schema(const std::string& schema);

// The config tests start from: a database in `dir`, port 0, no access log,
// generous rate limits unless a test sets its own.
server::ServerConfig test_config(const TempDir& dir);

// A CommentServer running on its own thread.
class InProcessServer {
 public:
  explicit InProcessServer(server::ServerConfig config);
  ~InProcessServer();
  int port() const { return port_; }
  std::unique_ptr<httplib::Client> client() const;

 private:
  std::unique_ptr<server::CommentServer> server_;
  std::thread thread_;
  int port_ = 0;
};

// `soundoff serve` as a child process; the constructor waits (bounded) for
// its "listening on" line.
class ServeProcess {
 public:
  explicit ServeProcess(const std::vector<std::string>& args);
  ~ServeProcess();
  int port() const { return port_; }
  pid_t pid() const { return pid_; }
  std::unique_ptr<httplib::Client> client() const;
  // Sends `signal` and waits up to `timeout_ms` for the exit; returns the
  // wait status, or -1 on timeout (then the process is killed).
  int stop(int signal, int timeout_ms = 10000);

 private:
  pid_t pid_ = -1;
  int port_ = 0;
};

// Writers posting comments concurrently while a test kills a server: writer
// w posts bodies "w<w>-n<i>" (author "writer") to `path` on port_of(w), with
// headers(w, i) when given, and stops at the first transport error (its
// server died). Remembers every acknowledged (201) comment.
class ConcurrentWriters {
 public:
  ConcurrentWriters(int writers, int per_writer, const std::string& path, const std::function<int(int)>& port_of,
                    const std::function<httplib::Headers(int, int)>& headers = nullptr);
  ~ConcurrentWriters() { join(); }
  // Waits (at most `limit`) until `count` posts were acknowledged.
  void wait_for_acks(int count, std::chrono::seconds limit) const;
  void join();
  // id -> body of every 201; call after join().
  const std::map<std::string, std::string>& acknowledged() const { return acknowledged_; }

 private:
  std::mutex mutex_;
  std::map<std::string, std::string> acknowledged_;
  std::atomic<int> acks_{0};
  std::vector<std::thread> threads_;
};

// The soundoff binary under test.
std::string soundoff_binary();

// Runs the soundoff binary with `args` (stdin from `input`, stderr dropped),
// returning its exit code and standard output.
std::pair<int, std::string> run_cli(const std::vector<std::string>& args, const std::string& input = "");

// The same with standard error kept (through a file in `dir`), stdin empty.
struct CliRun {
  int status = -1;
  std::string out;
  std::string err;
};
CliRun run_soundoff(const TempDir& dir, const std::vector<std::string>& args);

// An httplib client with 5 s connect/read/write timeouts.
std::unique_ptr<httplib::Client> make_client(int port);

// Sends raw bytes and returns everything read until the peer closes or
// `timeout_ms` passes: for requests httplib's client would refuse to send.
std::string raw_http(int port, const std::string& request, int timeout_ms = 5000);

// The resident set size of process `pid` in KiB (VmRSS in /proc/PID/status), 0 when unknown.
std::size_t vm_rss_kib(pid_t pid);

// A connected TCP socket to 127.0.0.1:port with `timeout_ms` send/receive timeouts, or -1.
int connect_loopback(int port, int timeout_ms = 5000);

// POSTs JSON with Content-Type: application/json.
httplib::Result post_json(httplib::Client& client, const std::string& path, const std::string& body,
                          const httplib::Headers& headers = {});

nlohmann::json body_json(const httplib::Result& result);

// Every comment on a page (items and their children), in page order.
std::vector<nlohmann::json> flatten_page(const nlohmann::json& page);

inline const std::string kSeedThread = "russia-calls-for-talks-in-moscow-on-syria";

}  // namespace soundoff::test
