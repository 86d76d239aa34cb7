#include "server/server_harness.h"

#include <arpa/inet.h>
#include <fcntl.h>
#include <gtest/gtest.h>
#include <libpq-fe.h>
#include <netinet/in.h>
#include <poll.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>

#include "soundoff/hash.h"
#include "support/fixtures.h"

namespace soundoff::test {

TempDir::TempDir() {
  const char* base = std::getenv("TMPDIR");
  std::string pattern = std::string(base && *base ? base : "/tmp") + "/soundoff-server-test-XXXXXX";
  if (mkdtemp(pattern.data()) == nullptr) throw std::runtime_error("mkdtemp failed");
  path_ = pattern;
}

namespace {

// A connection for the harness's own schema bookkeeping, without NOTICE lines on stderr.
PGconn* quiet_connect(const char* url) {
  PGconn* conn = PQconnectdb(url);
  PQsetNoticeProcessor(
      conn, [](void*, const char*) {}, nullptr);
  return conn;
}

}  // namespace

TempDir::~TempDir() {
  std::error_code ignored;
  std::filesystem::remove_all(path_, ignored);
  if (schemas_.empty()) return;
  PGconn* conn = quiet_connect(std::getenv("SOUNDOFF_TEST_POSTGRES"));
  for (const auto& schema : schemas_) PQclear(PQexec(conn, ("DROP SCHEMA IF EXISTS " + schema + " CASCADE").c_str()));
  PQfinish(conn);
}

namespace {

const char* postgres_base_url() {
  const char* url = std::getenv("SOUNDOFF_TEST_POSTGRES");
  return url != nullptr && *url != '\0' ? url : nullptr;
}

// Skips (or, when SOUNDOFF_REQUIRE_POSTGRES=1, fails) the PostgreSQL run
// without a database to run it against.
class PostgresEnvironment : public ::testing::Environment {
 public:
  void SetUp() override {
    if (!testing_postgres()) return;
    const char* required = std::getenv("SOUNDOFF_REQUIRE_POSTGRES");
    if (postgres_base_url() == nullptr) {
      if (required != nullptr && std::string(required) == "1")
        FAIL() << "SOUNDOFF_REQUIRE_POSTGRES=1 but SOUNDOFF_TEST_POSTGRES is not set: run under scripts/with-postgres";
      GTEST_SKIP() << "PostgreSQL tests skipped: set SOUNDOFF_TEST_POSTGRES to a libpq URL of a throwaway database "
                      "(scripts/with-postgres does)";
    }
    PGconn* conn = quiet_connect(postgres_base_url());
    const bool ok = PQstatus(conn) == CONNECTION_OK;
    const std::string message = PQerrorMessage(conn);
    PQfinish(conn);
    if (!ok) FAIL() << "cannot connect to SOUNDOFF_TEST_POSTGRES: " << message;
  }
};

[[maybe_unused]] const auto* const kPostgresEnvironment = ::testing::AddGlobalTestEnvironment(new PostgresEnvironment);

}  // namespace

bool testing_postgres() {
  const char* backend = std::getenv("SOUNDOFF_TEST_BACKEND");
  return backend != nullptr && std::string(backend) == "postgres";
}

std::string postgres_url_with_schema(const std::string& schema) {
  const std::string base = postgres_base_url() ? postgres_base_url() : "postgres://";
  return base + (base.find('?') == std::string::npos ? "?" : "&") + "options=-csearch_path%3D" + schema;
}

std::string test_database(const TempDir& dir, const std::string& name) {
  if (!testing_postgres()) return dir.file(name);
  // Lower-case letters and digits only: search_path folds unquoted names.
  const std::uint64_t h = fnv1a64(dir.path() + "/" + name);
  char schema[32];
  std::snprintf(schema, sizeof schema, "t%016llx", static_cast<unsigned long long>(h));
  PGconn* conn = quiet_connect(postgres_base_url());
  PGresult* r = PQexec(conn, (std::string("CREATE SCHEMA IF NOT EXISTS ") + schema).c_str());
  const bool ok = PQresultStatus(r) == PGRES_COMMAND_OK;
  const std::string message = PQerrorMessage(conn);
  PQclear(r);
  PQfinish(conn);
  if (!ok) throw std::runtime_error("cannot create test schema: " + message);
  dir.own_schema(schema);
  return postgres_url_with_schema(schema);
}

server::ServerConfig test_config(const TempDir& dir) {
  server::ServerConfig c;
  c.db_path = test_database(dir, "comments.db");
  c.port = 0;
  c.access_log = "off";
  c.threads = 4;
  c.comment_limit = {6000, 1000};
  c.action_limit = {6000, 1000};
  // Tests post from one address in bursts; the spam tests restore the flood rule.
  c.spam_policy.flood_interval_s = 0;
  // Seeded comments carry fixed dates long past: the retention job (docs/privacy.md) would hash their
  // addresses at once. The privacy tests set their own window.
  c.privacy.ip_retention_days = 36500;
  return c;
}

std::string soundoff_binary() { return SOUNDOFF_BINARY; }

namespace {

std::string shell_quote(const std::string& s) {
  std::string q = "'";
  for (char c : s) q += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return q + "'";
}

// Runs `args` of the soundoff binary through the shell, `redirections` added.
std::pair<int, std::string> run_binary(const std::vector<std::string>& args, const std::string& prefix,
                                       const std::string& redirections) {
  std::string command = prefix + shell_quote(soundoff_binary());
  for (const auto& a : args) command += " " + shell_quote(a);
  command += redirections;
  FILE* pipe = popen(command.c_str(), "r");
  if (pipe == nullptr) return {-1, ""};
  std::string out;
  char buffer[4096];
  std::size_t n;
  while ((n = std::fread(buffer, 1, sizeof buffer, pipe)) > 0) out.append(buffer, n);
  const int status = pclose(pipe);
  return {WIFEXITED(status) ? WEXITSTATUS(status) : -1, out};
}

}  // namespace

std::pair<int, std::string> run_cli(const std::vector<std::string>& args, const std::string& input) {
  return run_binary(args, "printf '%s' " + shell_quote(input) + " | ", " 2>/dev/null");
}

CliRun run_soundoff(const TempDir& dir, const std::vector<std::string>& args) {
  const std::string err_file = dir.file("stderr.txt");
  auto [status, out] = run_binary(args, "", " 2>" + shell_quote(err_file) + " </dev/null");
  std::ifstream in(err_file, std::ios::binary);
  std::ostringstream err;
  err << in.rdbuf();
  return {status, std::move(out), err.str()};
}

std::unique_ptr<httplib::Client> make_client(int port) {
  auto c = std::make_unique<httplib::Client>("127.0.0.1", port);
  c->set_connection_timeout(5, 0);
  c->set_read_timeout(5, 0);
  c->set_write_timeout(5, 0);
  return c;
}

InProcessServer::InProcessServer(server::ServerConfig config) {
  auto created = server::CommentServer::create(std::move(config));
  if (!created) throw std::runtime_error("server create failed: " + created.error().message);
  server_ = std::move(*created);
  auto port = server_->bind();
  if (!port) throw std::runtime_error("bind failed: " + port.error().message);
  port_ = *port;
  thread_ = std::thread([this] { server_->run(); });
  // Requests connect fine before the loop runs (the socket listens), but
  // tests should start from a running server.
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(5);
  while (!server_->running() && std::chrono::steady_clock::now() < deadline)
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
}

InProcessServer::~InProcessServer() {
  server_->stop();
  thread_.join();
}

std::unique_ptr<httplib::Client> InProcessServer::client() const { return make_client(port_); }

ServeProcess::ServeProcess(const std::vector<std::string>& args) {
  int out[2];
  if (pipe(out) != 0) throw std::runtime_error("pipe failed");
  pid_ = fork();
  if (pid_ == 0) {
    // A test binary that crashes must not leave its server running: the server holds the binary's stderr, and
    // ctest would wait on that pipe until its timeout.
    prctl(PR_SET_PDEATHSIG, SIGKILL);
    // Under AddressSanitizer freed memory waits in a quarantine (256 MB) before reuse, so the RSS bounds of the
    // attack and budget tests would measure the quarantine, not the server: reuse at once. No effect elsewhere.
    const char* asan = getenv("ASAN_OPTIONS");
    const std::string asan_options =
        std::string(asan ? asan : "") + (asan && *asan ? ":" : "") + "quarantine_size_mb=0";
    setenv("ASAN_OPTIONS", asan_options.c_str(), 1);
    // The tests choose the token through --config; the caller's must not win.
    unsetenv("SOUNDOFF_ADMIN_TOKEN");
    dup2(out[1], STDOUT_FILENO);
    close(out[0]);
    close(out[1]);
    std::vector<std::string> all = {soundoff_binary(), "serve", "--port", "0", "--access-log", "off"};
    all.insert(all.end(), args.begin(), args.end());
    std::vector<char*> argv;
    for (auto& a : all) argv.push_back(a.data());
    argv.push_back(nullptr);
    execv(argv[0], argv.data());
    _exit(127);
  }
  close(out[1]);
  // Read the "listening on http://127.0.0.1:PORT/" line, at most 10 s.
  std::string line;
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
  while (line.find('\n') == std::string::npos && std::chrono::steady_clock::now() < deadline) {
    pollfd p{out[0], POLLIN, 0};
    if (poll(&p, 1, 200) <= 0) continue;
    char buf[256];
    const auto n = read(out[0], buf, sizeof buf);
    if (n <= 0) break;
    line.append(buf, static_cast<std::size_t>(n));
  }
  close(out[0]);
  const auto colon = line.rfind(':');
  if (line.find("listening on") == std::string::npos || colon == std::string::npos) {
    stop(SIGKILL, 2000);
    throw std::runtime_error("soundoff serve did not start: \"" + line + "\"");
  }
  port_ = std::atoi(line.c_str() + colon + 1);
}

ServeProcess::~ServeProcess() {
  if (pid_ > 0) stop(SIGKILL, 5000);
}

int ServeProcess::stop(int signal, int timeout_ms) {
  if (pid_ <= 0) return -1;
  kill(pid_, signal);
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(timeout_ms);
  int status = 0;
  while (std::chrono::steady_clock::now() < deadline) {
    if (waitpid(pid_, &status, WNOHANG) == pid_) {
      pid_ = -1;
      return status;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  kill(pid_, SIGKILL);
  waitpid(pid_, &status, 0);
  pid_ = -1;
  return -1;
}

std::unique_ptr<httplib::Client> ServeProcess::client() const { return make_client(port_); }

ConcurrentWriters::ConcurrentWriters(int writers, int per_writer, const std::string& path,
                                     const std::function<int(int)>& port_of,
                                     const std::function<httplib::Headers(int, int)>& headers) {
  for (int w = 0; w < writers; ++w) {
    threads_.emplace_back([this, w, per_writer, path, port = port_of(w), headers] {
      auto client = make_client(port);
      client->set_read_timeout(2, 0);
      for (int i = 0; i < per_writer; ++i) {
        const std::string body = "w" + std::to_string(w) + "-n" + std::to_string(i);
        auto res = post_json(*client, path, R"({"author":"writer","body":")" + body + "\"}",
                             headers ? headers(w, i) : httplib::Headers{});
        if (!res) return;  // the server died under us
        if (res->status != 201) continue;
        std::lock_guard lock(mutex_);
        acknowledged_[body_json(res)["id"]] = body;
        ++acks_;
      }
    });
  }
}

void ConcurrentWriters::wait_for_acks(int count, std::chrono::seconds limit) const {
  const auto deadline = std::chrono::steady_clock::now() + limit;
  while (acks_ < count && std::chrono::steady_clock::now() < deadline)
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
}

void ConcurrentWriters::join() {
  for (auto& t : threads_)
    if (t.joinable()) t.join();
}

std::size_t vm_rss_kib(pid_t pid) {
  const auto status = read_file("/proc/" + std::to_string(pid) + "/status");
  if (!status) return 0;
  const auto at = status->find("VmRSS:");
  return at == std::string::npos ? 0 : std::strtoull(status->c_str() + at + 6, nullptr, 10);
}

int connect_loopback(int port, int timeout_ms) {
  const int fd = socket(AF_INET, SOCK_STREAM, 0);
  if (fd < 0) return -1;
  timeval tv{timeout_ms / 1000, (timeout_ms % 1000) * 1000};
  setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
  setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof tv);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(static_cast<std::uint16_t>(port));
  inet_pton(AF_INET, "127.0.0.1", &addr.sin_addr);
  if (connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) {
    close(fd);
    return -1;
  }
  return fd;
}

std::string raw_http(int port, const std::string& request, int timeout_ms) {
  const int fd = connect_loopback(port, timeout_ms);
  if (fd < 0) return "";
  std::size_t sent = 0;
  while (sent < request.size()) {
    const auto n = send(fd, request.data() + sent, request.size() - sent, MSG_NOSIGNAL);
    if (n <= 0) break;
    sent += static_cast<std::size_t>(n);
  }
  std::string response;
  char buf[4096];
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(timeout_ms);
  while (std::chrono::steady_clock::now() < deadline) {
    const auto n = recv(fd, buf, sizeof buf, 0);
    if (n <= 0) break;
    response.append(buf, static_cast<std::size_t>(n));
  }
  close(fd);
  return response;
}

httplib::Result post_json(httplib::Client& client, const std::string& path, const std::string& body,
                          const httplib::Headers& headers) {
  return client.Post(path.c_str(), headers, body, "application/json");
}

nlohmann::json body_json(const httplib::Result& result) {
  if (!result) return nlohmann::json(nlohmann::json::value_t::discarded);
  return nlohmann::json::parse(result->body, nullptr, false);
}

std::vector<nlohmann::json> flatten_page(const nlohmann::json& page) {
  std::vector<nlohmann::json> out;
  std::vector<const nlohmann::json*> stack;
  if (!page.contains("items")) return out;
  for (auto it = page["items"].rbegin(); it != page["items"].rend(); ++it) stack.push_back(&*it);
  while (!stack.empty()) {
    const auto* item = stack.back();
    stack.pop_back();
    out.push_back(*item);
    if (item->contains("children"))
      for (auto it = (*item)["children"].rbegin(); it != (*item)["children"].rend(); ++it) stack.push_back(&*it);
  }
  return out;
}

}  // namespace soundoff::test
