// A small pool of libpq connections: each request borrows one for the
// length of its statement or transaction, so the server's worker threads do
// not queue behind one connection. Statements are prepared once per
// connection on first use (PQprepare) and run with bound text parameters
// (PQexecPrepared); a connection that broke is reset before its next use.
#pragma once

#include <condition_variable>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_set>
#include <vector>

#include "soundoff/result.h"

struct pg_conn;
struct pg_result;

namespace soundoff::server {

// A statement: a name unique within the program and its SQL ($1, $2, ...).
struct PgStatement {
  const char* name;
  const char* sql;
};

// Parameter values in text form; nullopt is SQL NULL.
using PgParams = std::vector<std::optional<std::string>>;

struct PgResultDeleter {
  void operator()(pg_result* r) const;
};
using PgResult = std::unique_ptr<pg_result, PgResultDeleter>;

class PgConnection {
 public:
  explicit PgConnection(pg_conn* conn) : conn_(conn) {}
  ~PgConnection();
  PgConnection(const PgConnection&) = delete;
  PgConnection& operator=(const PgConnection&) = delete;

  // Runs `statement` (preparing it on this connection first if needed).
  // Errors carry `what` and the server's message.
  Result<PgResult> run(const PgStatement& statement, const PgParams& params, const char* what);
  // Runs SQL without parameters (transaction control, migrations). Never
  // give it user text.
  Result<PgResult> exec(const std::string& sql, const char* what);
  // The SQLSTATE of the last failed statement ("23503": a foreign key names no row), or "".
  const std::string& last_sqlstate() const { return last_sqlstate_; }
  // Resets the connection if it broke; forgets what was prepared on it.
  void repair();
  pg_conn* raw() { return conn_; }

 private:
  Error error(const char* what, pg_result* result) const;
  pg_conn* conn_;
  mutable std::string last_sqlstate_;
  std::unordered_set<std::string> prepared_;
};

// Opens a connection to `url`; the error says why not.
Result<std::unique_ptr<PgConnection>> pg_connect(const std::string& url);

class PgPool {
 public:
  // Connects once now (so a bad URL fails at startup); up to `size` connections later, on demand.
  static Result<std::unique_ptr<PgPool>> open(const std::string& url, std::size_t size);

  class Lease {
   public:
    Lease(PgPool& pool, std::unique_ptr<PgConnection> conn) : pool_(&pool), conn_(std::move(conn)) {}
    Lease(Lease&& other) noexcept = default;
    ~Lease();
    PgConnection* operator->() { return conn_.get(); }
    PgConnection& operator*() { return *conn_; }

   private:
    PgPool* pool_;
    std::unique_ptr<PgConnection> conn_;
  };

  // Borrows a connection, waiting while all `size` are busy.
  Result<Lease> lease();
  const std::string& url() const { return url_; }

 private:
  PgPool(std::string url, std::size_t size) : url_(std::move(url)), size_(size) {}
  void give_back(std::unique_ptr<PgConnection> conn);

  std::string url_;
  std::size_t size_;
  std::mutex mutex_;
  std::condition_variable available_;
  std::vector<std::unique_ptr<PgConnection>> idle_;
  std::size_t open_ = 0;  // connections that exist, idle or leased
};

}  // namespace soundoff::server
