#include "server/account_copy.h"

#include <algorithm>

#include "soundoff/hash.h"

namespace soundoff::server {

namespace {

// Length-prefixed fields, as storage_copy.cpp's checksum, so ("ab", "c") and ("a", "bc") differ.
void add(std::uint64_t& h, const std::string& field) {
  h = fnv1a64(std::to_string(field.size()) + ":", h);
  h = fnv1a64(field, h);
}

TableSummary summarize_users(std::vector<UserRecord> users) {
  // By name key in bytes, whatever collation a backend sorts with.
  std::sort(users.begin(), users.end(),
            [](const UserRecord& a, const UserRecord& b) { return user_name_key(a.name) < user_name_key(b.name); });
  std::uint64_t h = kFnv1a64OffsetBasis;
  for (const auto& u : users) {
    add(h, u.name);
    add(h, u.role);
    add(h, u.password_hash);
    add(h, std::to_string(u.created_ms));
    add(h, u.disabled ? "1" : "0");
  }
  return {"users", users.size(), h};
}

// Every audit row, oldest first, a page at a time; `each` sees each row.
Result<std::size_t> for_each_audit_row(Storage& store, const std::function<Result<bool>(const AuditRecord&)>& each) {
  AuditQuery q;
  q.oldest_first = true;
  q.limit = 1000;
  std::size_t count = 0;
  for (;;) {
    auto rows = store.list_audit(q);
    if (!rows) return rows.error();
    for (const auto& row : *rows) {
      if (auto r = each(row); !r) return r.error();
      ++count;
    }
    if (rows->size() < q.limit) return count;
    q.cursor = rows->back().id;
  }
}

// The audit log's checksum leaves ids out: the target numbers its rows itself, in the same order.
Result<TableSummary> summarize_audit(Storage& store) {
  std::uint64_t h = kFnv1a64OffsetBasis;
  auto rows = for_each_audit_row(store, [&](const AuditRecord& r) -> Result<bool> {
    for (const std::string* f : {&r.actor, &r.via, &r.network, &r.action, &r.target_kind, &r.target, &r.detail})
      add(h, *f);
    add(h, std::to_string(r.time_ms));
    return true;
  });
  if (!rows) return rows.error();
  return TableSummary{"audit_log", *rows, h};
}

}  // namespace

Result<bool> check_accounts_empty(Storage& to) {
  auto users = to.list_users();
  if (!users) return users.error();
  AuditQuery one;
  one.limit = 1;
  auto audit = to.list_audit(one);
  if (!audit) return audit.error();
  if (!users->empty() || !audit->empty())
    return Error{"target_not_empty",
                 "the target already holds console accounts or audit rows; migrate into an empty database"};
  return true;
}

Result<CopyReport> copy_accounts(Storage& from, Storage& to) {
  auto users = from.list_users();
  if (!users) return users.error();
  for (const auto& u : *users)
    if (auto added = to.add_user(u); !added) return added.error();
  CopyReport report;
  report.source.push_back(summarize_users(*users));
  auto source_audit = summarize_audit(from);
  if (!source_audit) return source_audit.error();
  auto copied = for_each_audit_row(from, [&](const AuditRecord& r) -> Result<bool> {
    auto added = to.add_audit(r);
    if (!added) return added.error();
    return true;
  });
  if (!copied) return copied.error();
  report.source.push_back(*source_audit);

  auto target_users = to.list_users();
  if (!target_users) return target_users.error();
  report.target.push_back(summarize_users(*target_users));
  auto target_audit = summarize_audit(to);
  if (!target_audit) return target_audit.error();
  report.target.push_back(*target_audit);
  for (std::size_t i = 0; i < report.source.size(); ++i) {
    const auto& s = report.source[i];
    const auto& t = report.target[i];
    if (s.rows != t.rows || s.checksum != t.checksum)
      return Error{"checksum_mismatch", "table " + s.table + ": the source has " + std::to_string(s.rows) +
                                            " rows, the target returns " + std::to_string(t.rows) +
                                            " and their checksums differ"};
  }
  return report;
}

}  // namespace soundoff::server
