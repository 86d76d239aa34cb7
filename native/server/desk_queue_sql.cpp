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

// SQLite plans without statistics (no ANALYZE), so it would walk (thread,
// status) or (status, id) and test every row even when a filter names one
// person. The desk knows better: a filter on the writer (address, network,
// email, author) matches a handful of rows and its (key, id) index also gives
// newest first; `reported` has its partial index. PostgreSQL's planner has
// statistics and needs no hint.
std::string sqlite_index_hint(const QueueQuery& q) {
  if (!q.address.empty()) return " INDEXED BY comments_by_ip";
  if (!q.network.empty()) return " INDEXED BY comments_by_net";
  if (!q.email.empty()) return " INDEXED BY comments_by_email_lower";
  if (!q.author.empty()) return " INDEXED BY comments_by_author_lower";
  if (q.queue == DeskQueue::reported) return " INDEXED BY comments_reported";
  return "";
}

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
  const std::string hint = d == SqlDialect::sqlite ? sqlite_index_hint(q) : "";
  return b.take("SELECT " + columns + " FROM comments" + hint + b.where_clause() + " ORDER BY id DESC LIMIT " + limit);
}

BuiltQuery queue_counts_sql(const std::string& thread, SqlDialect d) {
  // One COUNT per queue, each answered from its own index ((status, id), the
  // partial reported index, (thread, status)), never a scan of every row's reasons.
  Builder b(d);
  const auto count = [&](const std::string& condition, const std::string& hint = "") {
    std::string where = condition;
    if (!thread.empty()) where += (where.empty() ? "" : " AND ") + std::string("thread = ") + b.text(thread);
    return "(SELECT COUNT(*) FROM comments" + hint + (where.empty() ? std::string() : " WHERE " + where) + ")";
  };
  const std::string reported = "status = 'pending' AND " + reported_expr(d);
  const std::string pending = count("status = 'pending'");
  // See sqlite_index_hint: without the hint SQLite tests the reasons of every pending row.
  const std::string hidden = count(reported, d == SqlDialect::sqlite ? " INDEXED BY comments_reported" : "");
  const std::string spam = count("status = 'spam'");
  const std::string all = count("");
  return b.take("SELECT " + pending + " - " + hidden + ", " + hidden + ", " + spam + ", " + all);
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
