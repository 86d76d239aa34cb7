// Privacy on PostgreSQL (storage.h, "Privacy by default"; docs/privacy.md):
// the retention job's rewrite of old addresses, and a person's export and
// erasure. Every change to comments NOTIFYs its thread, as the other writes do.
#include <libpq-fe.h>

#include <cstdlib>
#include <set>

#include "server/network_pseudonym.h"
#include "server/postgres_rows.h"
#include "server/postgres_storage.h"

namespace soundoff::server {

using namespace pg_rows;

namespace {

constexpr std::int64_t kBatch = 500;  // rows per transaction: writers wait for one batch at most

// The WHERE clauses match the partial indexes of migration 10. FOR UPDATE
// SKIP LOCKED: two instances running the job at once take different rows.
constexpr PgStatement kOldComments{
    "privacy_old_comments",
    "SELECT id, ip FROM comments WHERE ip <> '' AND substr(ip, 1, 5) <> 'hash:' AND created_ms < $1::bigint "
    "LIMIT $2::bigint FOR UPDATE SKIP LOCKED"};
constexpr PgStatement kOldVotes{"privacy_old_votes",
                                "SELECT thread, comment_id, voter FROM votes WHERE substr(voter, 1, 5) <> 'hash:' AND "
                                "substr(voter, 1, 8) <> 'account:' AND created_ms < $1::bigint LIMIT $2::bigint "
                                "FOR UPDATE SKIP LOCKED"};
constexpr PgStatement kOldReports{
    "privacy_old_reports",
    "SELECT thread, comment_id, reporter FROM reports WHERE substr(reporter, 1, 5) <> 'hash:' AND "
    "substr(reporter, 1, 8) <> 'account:' AND created_ms < $1::bigint LIMIT $2::bigint FOR UPDATE SKIP LOCKED"};
constexpr PgStatement kOldAudit{"privacy_old_audit",
                                "SELECT id, network FROM audit_log WHERE network <> '' AND substr(network, 1, 5) <> "
                                "'hash:' AND time_ms < $1::bigint LIMIT $2::bigint FOR UPDATE SKIP LOCKED"};
constexpr PgStatement kHashComment{"privacy_hash_comment",
                                   "UPDATE comments SET ip = $1, net = $1 WHERE id = $2::bigint"};
// Two readers of one network become one row (the counters on the comment stay as they were).
constexpr PgStatement kHashVote{"privacy_hash_vote",
                                "UPDATE votes SET voter = $1 WHERE thread = $2 AND comment_id = $3::bigint AND "
                                "voter = $4 AND NOT EXISTS (SELECT 1 FROM votes WHERE thread = $2 AND comment_id = "
                                "$3::bigint AND voter = $1)"};
constexpr PgStatement kDropVote{"privacy_drop_vote",
                                "DELETE FROM votes WHERE thread = $1 AND comment_id = $2::bigint AND voter = $3"};
constexpr PgStatement kHashReport{
    "privacy_hash_report",
    "UPDATE reports SET reporter = $1 WHERE thread = $2 AND comment_id = $3::bigint AND reporter = $4 AND NOT "
    "EXISTS (SELECT 1 FROM reports WHERE thread = $2 AND comment_id = $3::bigint AND reporter = $1)"};
constexpr PgStatement kDropReport{
    "privacy_drop_report", "DELETE FROM reports WHERE thread = $1 AND comment_id = $2::bigint AND reporter = $3"};
constexpr PgStatement kHashAudit{"privacy_hash_audit", "UPDATE audit_log SET network = $1 WHERE id = $2::bigint"};

constexpr PgStatement kPersonComments{"privacy_person_comments",
                                      "SELECT id, thread, parent, author, body, external_id, created_ms, status, up, "
                                      "down, reports, pinned, edited_ms, badge, email, ip, reasons FROM comments "
                                      "WHERE lower(email) = lower($1) ORDER BY id"};
// Newest first: a reply of theirs under their own comment goes before its
// parent, so the parent keeps a tombstone only for others' replies.
constexpr PgStatement kPersonIds{"privacy_person_ids",
                                 "SELECT id, thread FROM comments WHERE lower(email) = lower($1) ORDER BY id DESC "
                                 "FOR UPDATE"};
constexpr PgStatement kHasReplies{"privacy_has_replies",
                                  "SELECT EXISTS (SELECT 1 FROM comments WHERE parent = $1::bigint)"};
constexpr PgStatement kEraseVotes{"privacy_erase_votes",
                                  "DELETE FROM votes WHERE comment_id = $1::bigint AND thread = $2"};
constexpr PgStatement kEraseReports{"privacy_erase_reports",
                                    "DELETE FROM reports WHERE comment_id = $1::bigint AND thread = $2"};
// The audit trail keeps who did what and when, not the words or names it quoted.
constexpr PgStatement kEraseAudit{"privacy_erase_audit",
                                  "UPDATE audit_log SET detail = '{\"erased\":true}' WHERE target_kind = 'comment' "
                                  "AND target = $1 AND $2::text IS NOT NULL"};
constexpr PgStatement kTombstone{
    "privacy_tombstone",
    "UPDATE comments SET status = 'deleted', author = '', email = '', ip = '', net = '', body = '', "
    "external_id = '', badge = '', up = 0, down = 0, reports = 0, pinned = 0, reasons = '[]' "
    "WHERE id = $1::bigint AND thread = $2"};
constexpr PgStatement kRemove{"privacy_remove",
                              "WITH l AS (DELETE FROM comment_locator WHERE id = $1::bigint) "
                              "DELETE FROM comments WHERE id = $1::bigint AND thread = $2"};
// Events about those comments carry their text; mails to the person carry the address.
constexpr PgStatement kEraseOutbox{"privacy_erase_outbox",
                                   "DELETE FROM outbox WHERE strpos(lower(payload), lower($1)) > 0 OR "
                                   "comment_id = ANY ($2::bigint[])"};
// Their reply-mail subscriptions and counters name the address (stored lower case).
constexpr PgStatement kEraseSubscriptions{
    "privacy_erase_subscriptions",
    "WITH c AS (DELETE FROM reader_mail_counts WHERE address = lower($1)) DELETE FROM subscriptions WHERE address = "
    "lower($1)"};

}  // namespace

Result<PseudonymisedRows> PostgresStorage::pseudonymise_addresses(std::int64_t before_ms, const AddressHasher& hash) {
  const std::string before = std::to_string(before_ms);
  const std::string batch = std::to_string(kBatch);
  // Runs `rewrite` on every row `select` finds, a batch per transaction;
  // each rewrite takes its row out of the selection, so the loop ends.
  const auto batches = [&](const PgStatement& select,
                           const std::function<Result<bool>(PgConnection&, pg_result*, int)>& rewrite,
                           std::int64_t& counted) -> Result<bool> {
    for (;;) {
      auto n = in_transaction<std::int64_t>([&](PgConnection& conn) -> Result<std::int64_t> {
        auto found = conn.run(select, {before, batch}, "find old addresses");
        if (!found) return found.error();
        const int rows = PQntuples(found->get());
        for (int i = 0; i < rows; ++i)
          if (auto r = rewrite(conn, found->get(), i); !r) return r.error();
        return static_cast<std::int64_t>(rows);
      });
      if (!n) return n.error();
      counted += *n;
      if (*n < kBatch) return true;
    }
  };
  const auto rekey = [&](const PgStatement& update, const PgStatement& drop) {
    return [&](PgConnection& conn, pg_result* r, int i) -> Result<bool> {
      const std::string thread = text(r, i, 0), id = text(r, i, 1), raw = text(r, i, 2);
      const std::string pseudonym = hash(raw);
      if (!pseudonym.empty())
        if (auto u = conn.run(update, {pseudonym, thread, id, raw}, "pseudonymise addresses"); !u) return u.error();
      // Left only when the network already had a row (or the key was no address).
      if (auto d = conn.run(drop, {thread, id, raw}, "pseudonymise addresses"); !d) return d.error();
      return true;
    };
  };
  PseudonymisedRows out;
  if (auto r = batches(
          kOldComments,
          [&](PgConnection& conn, pg_result* rows, int i) -> Result<bool> {
            auto u = conn.run(kHashComment, {hash(text(rows, i, 1)), text(rows, i, 0)}, "pseudonymise addresses");
            if (!u) return u.error();
            return true;
          },
          out.comments);
      !r)
    return r.error();
  if (auto r = batches(kOldVotes, rekey(kHashVote, kDropVote), out.votes); !r) return r.error();
  if (auto r = batches(kOldReports, rekey(kHashReport, kDropReport), out.reports); !r) return r.error();
  if (auto r = batches(
          kOldAudit,
          [&](PgConnection& conn, pg_result* rows, int i) -> Result<bool> {
            auto u = conn.run(kHashAudit, {hash(text(rows, i, 1)), text(rows, i, 0)}, "pseudonymise addresses");
            if (!u) return u.error();
            return true;
          },
          out.audit);
      !r)
    return r.error();
  return out;
}

Result<std::vector<HeldComment>> PostgresStorage::person_comments(const std::string& email) {
  auto r = run(kPersonComments, {email}, "read a person's comments");
  if (!r) return r.error();
  return read_held(r->get());
}

Result<PersonErasure> PostgresStorage::erase_person(const std::string& email, bool anonymise) {
  if (email.empty()) return Error{"invalid_argument", "erase needs an email: an empty one would match imports"};
  return in_transaction<PersonErasure>([&](PgConnection& conn) -> Result<PersonErasure> {
    PersonErasure out;
    auto found = conn.run(kPersonIds, {email}, "find a person's comments");
    if (!found) return found.error();
    std::set<std::string> threads;
    std::string ids = "{";
    for (int i = 0; i < PQntuples(found->get()); ++i) {
      const std::string id = text(found->get(), i, 0), thread = text(found->get(), i, 1);
      threads.insert(thread);
      ids += (ids.size() > 1 ? "," : "") + id;
      bool keep = false;
      if (anonymise) {
        auto has = conn.run(kHasReplies, {id}, "erase a person's comment");
        if (!has) return has.error();
        keep = text(has->get(), 0, 0) == "t";
      }
      for (const PgStatement* s : {&kEraseVotes, &kEraseReports, &kEraseAudit, keep ? &kTombstone : &kRemove})
        if (auto r = conn.run(*s, {id, thread}, "erase a person's comment"); !r) return r.error();
      ++(keep ? out.tombstoned : out.removed);
    }
    auto outbox = conn.run(kEraseOutbox, {email, ids + "}"}, "erase a person's outbox rows");
    if (!outbox) return outbox.error();
    out.outbox = std::atoll(PQcmdTuples(outbox->get()));
    auto subscriptions = conn.run(kEraseSubscriptions, {email}, "erase a person's subscriptions");
    if (!subscriptions) return subscriptions.error();
    out.subscriptions = std::atoll(PQcmdTuples(subscriptions->get()));
    for (const auto& thread : threads)
      if (auto n = notify_on(conn, thread, ""); !n) return n.error();
    out.threads.assign(threads.begin(), threads.end());
    return out;
  });
}

}  // namespace soundoff::server
