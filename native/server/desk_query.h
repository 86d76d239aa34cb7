// Reading a queue request's query string (docs/moderation-api.md, "Queues")
// and answering it with one newest-first page and its cursor.
#pragma once

#include <initializer_list>
#include <string>
#include <string_view>
#include <vector>

#include "server/http_types.h"
#include "server/storage.h"
#include "soundoff/result.h"

namespace soundoff::server {

struct ServerState;

inline constexpr std::size_t kDefaultQueueLimit = 50;
inline constexpr std::size_t kMaxQueueLimit = 200;

// limit and cursor, plus the filters named in `filters` (thread, author,
// email, network, reason, q). Any other parameter, a repeated one or a bad
// value is an error naming it (unknown_parameter, invalid_argument,
// invalid_cursor, invalid_thread).
Result<QueueQuery> queue_query_from(const HttpRequest& req, DeskQueue queue,
                                    std::initializer_list<std::string_view> filters);

// Runs every query of `queries` (same cursor, limit and filters; several
// when one answer merges queues, as the old /api/moderation/queue does),
// merges them newest first and sends {"queue", "comments", "next_cursor"}.
void send_queue_page(ServerState& state, HttpResponse& res, const std::string& name,
                     const std::vector<QueueQuery>& queries, bool full_reasons);

}  // namespace soundoff::server
