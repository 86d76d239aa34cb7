#include "server/postgres_pool.h"

#include <libpq-fe.h>

namespace soundoff::server {

void PgResultDeleter::operator()(pg_result* r) const { PQclear(r); }

PgConnection::~PgConnection() { PQfinish(conn_); }

Error PgConnection::error(const char* what, pg_result* result) const {
  std::string message = result != nullptr ? PQresultErrorMessage(result) : "";
  if (message.empty()) message = PQerrorMessage(conn_);
  while (!message.empty() && (message.back() == '\n' || message.back() == ' ')) message.pop_back();
  const char* state = result != nullptr ? PQresultErrorField(result, PG_DIAG_SQLSTATE) : nullptr;
  last_sqlstate_ = state != nullptr ? state : "";
  return Error{"storage_error", std::string(what) + ": " + message};
}

namespace {

bool succeeded(pg_result* r) {
  const auto status = PQresultStatus(r);
  // An empty query is a comment-only migration step (a reserved schema version).
  return status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK || status == PGRES_EMPTY_QUERY;
}

}  // namespace

Result<PgResult> PgConnection::run(const PgStatement& statement, const PgParams& params, const char* what) {
  if (!prepared_.count(statement.name)) {
    PgResult prepared(PQprepare(conn_, statement.name, statement.sql, static_cast<int>(params.size()), nullptr));
    if (!succeeded(prepared.get())) return error(what, prepared.get());
    prepared_.insert(statement.name);
  }
  std::vector<const char*> values;
  values.reserve(params.size());
  for (const auto& p : params) values.push_back(p ? p->c_str() : nullptr);
  PgResult result(
      PQexecPrepared(conn_, statement.name, static_cast<int>(values.size()), values.data(), nullptr, nullptr, 0));
  if (!succeeded(result.get())) return error(what, result.get());
  return result;
}

Result<PgResult> PgConnection::exec(const std::string& sql, const char* what) {
  PgResult result(PQexec(conn_, sql.c_str()));
  if (!succeeded(result.get())) return error(what, result.get());
  return result;
}

void PgConnection::repair() {
  if (PQstatus(conn_) == CONNECTION_OK && PQtransactionStatus(conn_) == PQTRANS_IDLE) return;
  if (PQstatus(conn_) == CONNECTION_OK) {
    // A transaction left open by a failed request: end it, keep the connection.
    PQclear(PQexec(conn_, "ROLLBACK"));
    if (PQtransactionStatus(conn_) == PQTRANS_IDLE) return;
  }
  PQreset(conn_);
  prepared_.clear();
}

Result<std::unique_ptr<PgConnection>> pg_connect(const std::string& url) {
  auto conn = std::make_unique<PgConnection>(PQconnectdb(url.c_str()));
  if (PQstatus(conn->raw()) != CONNECTION_OK) {
    std::string message = PQerrorMessage(conn->raw());
    while (!message.empty() && message.back() == '\n') message.pop_back();
    return Error{"storage_error", "cannot connect to PostgreSQL: " + message};
  }
  PQsetClientEncoding(conn->raw(), "UTF8");
  // Notices ("already exists, skipping" from the idempotent migration
  // preamble) are not errors; libpq would print them to stderr.
  PQsetNoticeProcessor(
      conn->raw(), [](void*, const char*) {}, nullptr);
  return conn;
}

Result<std::unique_ptr<PgPool>> PgPool::open(const std::string& url, std::size_t size) {
  auto first = pg_connect(url);
  if (!first) return first.error();
  std::unique_ptr<PgPool> pool(new PgPool(url, size == 0 ? 1 : size));
  pool->idle_.push_back(std::move(*first));
  pool->open_ = 1;
  return pool;
}

Result<PgPool::Lease> PgPool::lease() {
  {
    std::unique_lock lock(mutex_);
    available_.wait(lock, [&] { return !idle_.empty() || open_ < size_; });
    if (!idle_.empty()) {
      auto conn = std::move(idle_.back());
      idle_.pop_back();
      return Lease(*this, std::move(conn));
    }
    ++open_;  // reserve the slot, connect outside the lock
  }
  auto conn = pg_connect(url_);
  if (!conn) {
    std::lock_guard lock(mutex_);
    --open_;
    available_.notify_one();
    return conn.error();
  }
  return Lease(*this, std::move(*conn));
}

void PgPool::give_back(std::unique_ptr<PgConnection> conn) {
  conn->repair();
  std::lock_guard lock(mutex_);
  idle_.push_back(std::move(conn));
  available_.notify_one();
}

PgPool::Lease::~Lease() {
  if (conn_) pool_->give_back(std::move(conn_));
}

}  // namespace soundoff::server
