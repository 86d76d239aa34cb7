#include "server/desk_queue_sql.h"

namespace soundoff::server {

namespace {

// Whether a comment's reasons hold the code `reported` (the report
// threshold hid it): the same expression as the partial index
// comments_reported, so the planner can use it.
std::string reported_expr(SqlDialect d) {
  return d == SqlDialect::sqlite ? "instr(reasons, '\"reported\"') > 0" : "strpos(reasons, '\"reported\"') > 0";
}

class Builder {
 public:
  explicit Builder(SqlDialect d) : d_(d) {}
  // A placeholder for the next parameter.
  std::string text(std::string value) {
    out_.params.push_back(std::move(value));
    return (d_ == SqlDialect::sqlite ? "?" : "$") + std::to_string(out_.params.size());
  }
  std::string integer(std::int64_t value) {
    const std::string p = text(std::to_string(value));
    return d_ == SqlDialect::sqlite ? "CAST(" + p + " AS INTEGER)" : p + "::bigint";
  }
  std::string contains(const std::string& haystack, const std::string& needle_placeholder) const {
    return (d_ == SqlDialect::sqlite ? "instr(" : "strpos(") + haystack + ", " + needle_placeholder + ") > 0";
  }
  void where(const std::string& condition) {
    where_ += where_.empty() ? " WHERE " : " AND ";
    where_ += condition;
  }
  const std::string& where_clause() const { return where_; }
  BuiltQuery take(std::string sql) {
    out_.sql = std::move(sql);
    return std::move(out_);
  }

 private:
  SqlDialect d_;
  BuiltQuery out_;
  std::string where_;
};

}  // namespace

BuiltQuery queue_page_sql(const QueueQuery& q, SqlDialect d, const std::string& columns) {
  Builder b(d);
  switch (q.queue) {
    case DeskQueue::held:
      b.where("status = 'pending' AND NOT (" + reported_expr(d) + ")");
      break;
    case DeskQueue::reported:
      b.where("status = 'pending' AND " + reported_expr(d));
      break;
    case DeskQueue::spam:
      b.where("status = 'spam'");
      break;
    case DeskQueue::recent:
      break;
  }
  if (q.before_id > 0) b.where("id < " + b.integer(q.before_id));
  if (!q.thread.empty()) b.where("thread = " + b.text(q.thread));
  if (!q.author.empty()) b.where("lower(author) = lower(" + b.text(q.author) + ")");
  if (!q.email.empty()) b.where("lower(email) = lower(" + b.text(q.email) + ")");
  if (!q.address.empty()) b.where("ip = " + b.text(q.address));
  if (!q.network.empty()) b.where("net = " + b.text(q.network));
  if (!q.reason.empty()) {
    // Reasons are stored as "code: message" strings, or the bare code ("reported").
    const std::string bare = b.text("\"" + q.reason + "\"");
    const std::string with_message = b.text("\"" + q.reason + ":");
    b.where("(" + b.contains("reasons", bare) + " OR " + b.contains("reasons", with_message) + ")");
  }
  if (!q.text.empty()) b.where(b.contains("lower(body)", "lower(" + b.text(q.text) + ")"));
  const std::string limit = b.integer(static_cast<std::int64_t>(q.limit));
  return b.take("SELECT " + columns + " FROM comments" + b.where_clause() + " ORDER BY id DESC LIMIT " + limit);
}

BuiltQuery queue_counts_sql(const std::string& thread, SqlDialect d) {
  Builder b(d);
  if (!thread.empty()) b.where("thread = " + b.text(thread));
  const std::string rep = reported_expr(d);
  return b.take("SELECT COALESCE(SUM(CASE WHEN status = 'pending' AND NOT (" + rep +
                ") THEN 1 ELSE 0 END), 0), COALESCE(SUM(CASE WHEN status = 'pending' AND " + rep +
                " THEN 1 ELSE 0 END), 0), COALESCE(SUM(CASE WHEN status = 'spam' THEN 1 ELSE 0 END), 0), COUNT(*) "
                "FROM comments" +
                b.where_clause());
}

std::string_view ban_kind_name(BanKind kind) {
  switch (kind) {
    case BanKind::author:
      return "author";
    case BanKind::email:
      return "email";
    case BanKind::network:
      return "network";
    case BanKind::address:
      return "address";
  }
  return "author";
}

std::optional<BanKind> parse_ban_kind(std::string_view name) {
  for (const auto k : {BanKind::author, BanKind::email, BanKind::network, BanKind::address})
    if (ban_kind_name(k) == name) return k;
  return std::nullopt;
}

}  // namespace soundoff::server
