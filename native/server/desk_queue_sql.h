// The desk's queue queries as SQL both backends run: one WHERE clause per
// filter that is set, so each query can walk an index newest first (the
// schema's v6 indexes, docs/storage.md). User text is only ever a bound
// parameter; the SQL is chosen from fixed fragments.
#pragma once

#include <string>
#include <vector>

#include "server/storage.h"

namespace soundoff::server {

enum class SqlDialect { sqlite, postgres };

struct BuiltQuery {
  std::string sql;
  std::vector<std::string> params;  // in placeholder order, as text
};

// SELECT `columns` FROM comments WHERE <queue and filters> ORDER BY id DESC LIMIT n.
BuiltQuery queue_page_sql(const QueueQuery& query, SqlDialect dialect, const std::string& columns);

// One row: held, reported, spam, recent (of `thread` when not empty).
BuiltQuery queue_counts_sql(const std::string& thread, SqlDialect dialect);

}  // namespace soundoff::server
