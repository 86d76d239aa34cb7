// Own comments on PostgreSQL (storage.h, edit_key_hash): what an author's edit key must hash to.
#include <libpq-fe.h>

#include "server/postgres_rows.h"
#include "server/postgres_storage.h"

namespace soundoff::server {

using namespace pg_rows;

namespace {

constexpr PgStatement kEditKeyHash{"edit_key_hash",
                                   "SELECT edit_key_hash FROM comments WHERE thread = $1 AND id = $2::bigint"};

}  // namespace

Result<std::string> PostgresStorage::edit_key_hash(const std::string& thread, const std::string& id) {
  const auto number = parse_comment_id(id);
  if (!number) return std::string();
  auto r = run(kEditKeyHash, {thread, std::to_string(*number)}, "read edit key");
  if (!r) return r.error();
  if (PQntuples(r->get()) == 0) return std::string();
  return text(r->get(), 0, 0);
}

}  // namespace soundoff::server
