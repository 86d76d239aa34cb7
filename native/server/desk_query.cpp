#include "server/desk_query.h"

#include <algorithm>
#include <charconv>
#include <iterator>

#include "server/desk_actions.h"
#include "server/http_util.h"
#include "server/network_address.h"
#include "server/network_block.h"
#include "server/server_state.h"
#include "soundoff/utf8.h"

namespace soundoff::server {

namespace {

using nlohmann::json;

constexpr std::size_t kMaxFilterBytes = 254;

bool whole_number(const std::string& text, std::int64_t& out) {
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), out);
  return !text.empty() && ec == std::errc() && end == text.data() + text.size();
}

bool reason_code(const std::string& text) {
  return !text.empty() && text.size() <= 40 && std::all_of(text.begin(), text.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
  });
}

Error bad(const std::string& name, const std::string& why) { return Error{"invalid_argument", name + " " + why}; }

}  // namespace

Result<QueueQuery> queue_query_from(const HttpRequest& req, DeskQueue queue,
                                    std::initializer_list<std::string_view> filters) {
  QueueQuery q;
  q.queue = queue;
  q.limit = kDefaultQueueLimit;
  std::vector<std::string> seen;
  for (const auto& [name, value] : req.params) {
    const bool known = name == "limit" || name == "cursor" ||
                       std::find(filters.begin(), filters.end(), std::string_view(name)) != filters.end();
    if (!known) return Error{"unknown_parameter", "unknown parameter \"" + utf8_excerpt(name, 40) + "\""};
    if (std::find(seen.begin(), seen.end(), name) != seen.end()) return bad(name, "is given more than once");
    seen.push_back(name);
    if (name == "limit") {
      std::int64_t n = 0;
      if (!whole_number(value, n) || n < 1 || n > static_cast<std::int64_t>(kMaxQueueLimit))
        return bad("limit", "must be a whole number from 1 to " + std::to_string(kMaxQueueLimit));
      q.limit = static_cast<std::size_t>(n);
    } else if (name == "cursor") {
      std::int64_t n = 0;
      if (!whole_number(value, n) || n < 1)
        return Error{"invalid_cursor", "the cursor is not one this server issued (a next_cursor)"};
      q.before_id = n;
    } else if (name == "thread") {
      if (!valid_thread_key(value)) return Error{"invalid_thread", "thread is not a valid thread key"};
      q.thread = value;
    } else if (value.empty() || value.size() > kMaxFilterBytes || !is_valid_utf8(value)) {
      return bad(name, "must be 1 to " + std::to_string(kMaxFilterBytes) + " bytes of UTF-8");
    } else if (name == "author") {
      q.author = value;
    } else if (name == "email") {
      q.email = value;
    } else if (name == "network") {
      if (const auto address = IpAddress::parse(value)) {
        q.address = address->to_string();
      } else if (const auto block = parse_network_block(value)) {
        q.network = *block;
      } else {
        return bad("network", "must be an address, an IPv4 /24 or an IPv6 /64 (203.0.113.0/24, 2001:db8::/64)");
      }
    } else if (name == "reason") {
      if (!reason_code(value)) return bad("reason", "must be a reason code such as links (a-z, 0-9, _)");
      q.reason = value;
    } else if (name == "q") {
      q.text = value;
    }
  }
  return q;
}

void send_queue_page(ServerState& state, HttpResponse& res, const std::string& name,
                     const std::vector<QueueQuery>& queries, bool full_reasons) {
  std::vector<HeldComment> rows;
  const std::size_t limit = queries.empty() ? kDefaultQueueLimit : queries.front().limit;
  for (QueueQuery q : queries) {
    q.limit = limit + 1;  // one more than the page: is there a next page?
    auto page = state.store->queue_page(q);
    if (!page) {
      send_internal_error(res, page.error());
      return;
    }
    std::move(page->begin(), page->end(), std::back_inserter(rows));
  }
  std::sort(rows.begin(), rows.end(), [](const HeldComment& a, const HeldComment& b) {
    return parse_comment_id(a.comment.id).value_or(0) > parse_comment_id(b.comment.id).value_or(0);
  });
  const bool more = rows.size() > limit;
  if (more) rows.resize(limit);
  json comments = json::array();
  for (const auto& h : rows) comments.push_back(desk_item(state, h, full_reasons));
  send_json(res, 200,
            dump_json({{"queue", name},
                       {"comments", comments},
                       {"next_cursor", more ? json(rows.back().comment.id) : json(nullptr)}}));
}

}  // namespace soundoff::server
