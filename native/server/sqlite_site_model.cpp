// The site's learnt spam model on SQLite (schema v12, site_model_rows.h):
// a moderator's judgement and what the model learns from it commit together.
#include <sqlite3.h>

#include "server/site_model_rows.h"
#include "server/sqlite_rows.h"
#include "server/sqlite_storage.h"

namespace soundoff::server {

using namespace sqlite_rows;

Result<bool> SqliteStorage::learn_step_locked(const LearnStep& step) {
  // max(0, count + amount), as SiteModel::add; a bucket both of whose counts
  // are (rounding) zero is no bucket.
  sqlite3_stmt* upsert = prepared(
      "INSERT INTO site_model_features (bucket, spam, ham) VALUES (?1, max(0.0, ?2 * ?3), max(0.0, ?2 * (1 - ?3))) "
      "ON CONFLICT (bucket) DO UPDATE SET spam = CASE WHEN ?3 THEN max(0.0, spam + ?2) ELSE spam END, "
      "ham = CASE WHEN ?3 THEN ham ELSE max(0.0, ham + ?2) END");
  sqlite3_stmt* drop = prepared("DELETE FROM site_model_features WHERE bucket = ?1 AND spam < ?2 AND ham < ?2");
  for (const auto bucket : step.buckets) {
    {
      Reset reset{upsert};
      sqlite3_bind_int64(upsert, 1, bucket);
      sqlite3_bind_double(upsert, 2, step.amount);
      sqlite3_bind_int(upsert, 3, step.spam ? 1 : 0);
      if (sqlite3_step(upsert) != SQLITE_DONE) return last_error("update site model bucket");
    }
    Reset reset{drop};
    sqlite3_bind_int64(drop, 1, bucket);
    sqlite3_bind_double(drop, 2, kSiteModelEmpty);
    if (sqlite3_step(drop) != SQLITE_DONE) return last_error("drop empty site model bucket");
  }
  sqlite3_stmt* totals = prepared(
      "UPDATE site_model SET spam_examples = CASE WHEN ?2 THEN max(0.0, spam_examples + ?1) ELSE spam_examples END, "
      "ham_examples = CASE WHEN ?2 THEN ham_examples ELSE max(0.0, ham_examples + ?1) END WHERE id = 1");
  Reset reset{totals};
  sqlite3_bind_double(totals, 1, step.amount);
  sqlite3_bind_int(totals, 2, step.spam ? 1 : 0);
  if (sqlite3_step(totals) != SQLITE_DONE) return last_error("update site model totals");
  return true;
}

Result<bool> SqliteStorage::judge(const std::string& thread, const std::string& id, Status status) {
  const auto rowid = parse_comment_id(id);
  if (!rowid) return false;
  std::lock_guard lock(mutex_);
  return in_transaction<bool>([&]() -> Result<bool> {
    auto changed = set_status_locked(thread, *rowid, status);
    if (!changed || !*changed) return changed;
    std::optional<LearnPlan> plan;
    {
      sqlite3_stmt* s = prepared("SELECT body, learned_as, learned_buckets FROM comments WHERE id = ?1");
      Reset reset{s};
      sqlite3_bind_int64(s, 1, *rowid);
      if (sqlite3_step(s) != SQLITE_ROW) return last_error("read the judged comment");
      plan = plan_learning(column_text(s, 1), column_text(s, 2), column_text(s, 0), status);
    }
    if (!plan) return true;
    for (const auto& step : plan->steps)
      if (auto r = learn_step_locked(step); !r) return r;
    std::int64_t decision = 0;
    {
      sqlite3_stmt* s = prepared(
          "UPDATE site_model SET decisions = decisions + ?1, version = version + 1 WHERE id = 1 RETURNING decisions");
      Reset reset{s};
      sqlite3_bind_int(s, 1, plan->new_decision ? 1 : 0);
      if (sqlite3_step(s) != SQLITE_ROW) return last_error("count a site model decision");
      decision = sqlite3_column_int64(s, 0);
    }
    // Every kDecayEvery decisions every count fades (SiteModel::decay).
    if (plan->new_decision && decision % static_cast<std::int64_t>(SiteModel::kDecayEvery) == 0) {
      sqlite3_stmt* fade = prepared("UPDATE site_model_features SET spam = spam * ?1, ham = ham * ?1");
      sqlite3_stmt* drop = prepared("DELETE FROM site_model_features WHERE spam + ham < ?1");
      sqlite3_stmt* totals = prepared(
          "UPDATE site_model SET spam_examples = spam_examples * ?1, ham_examples = ham_examples * ?1 WHERE id = 1");
      for (auto* s : {fade, totals}) {
        Reset reset{s};
        sqlite3_bind_double(s, 1, SiteModel::kDecayFactor);
        if (sqlite3_step(s) != SQLITE_DONE) return last_error("decay the site model");
      }
      Reset reset{drop};
      sqlite3_bind_double(drop, 1, kSiteModelDropBelow);
      if (sqlite3_step(drop) != SQLITE_DONE) return last_error("decay the site model");
    }
    sqlite3_stmt* mark = prepared(
        "UPDATE comments SET learned_as = ?2, learned_buckets = ?3, "
        "learned_seq = CASE WHEN ?4 THEN ?5 ELSE learned_seq END WHERE id = ?1");
    Reset reset{mark};
    sqlite3_bind_int64(mark, 1, *rowid);
    bind_text(mark, 2, plan->learned_as);
    bind_text(mark, 3, plan->learned_buckets);
    sqlite3_bind_int(mark, 4, plan->new_decision ? 1 : 0);
    sqlite3_bind_int64(mark, 5, decision);
    if (sqlite3_step(mark) != SQLITE_DONE) return last_error("mark the judged comment");
    return true;
  });
}

Result<SiteModel> SqliteStorage::load_site_model() {
  std::lock_guard lock(mutex_);
  // One read transaction: the totals and the buckets agree.
  if (auto r = exec("BEGIN"); !r) return r.error();
  auto read = [&]() -> Result<SiteModel> {
    SiteModel model;
    sqlite3_stmt* t = prepared("SELECT decisions, spam_examples, ham_examples FROM site_model WHERE id = 1");
    Reset reset_t{t};
    if (sqlite3_step(t) != SQLITE_ROW) return last_error("read the site model");
    model.set_totals(static_cast<std::uint64_t>(sqlite3_column_int64(t, 0)), sqlite3_column_double(t, 1),
                     sqlite3_column_double(t, 2));
    sqlite3_stmt* f = prepared("SELECT bucket, spam, ham FROM site_model_features");
    Reset reset_f{f};
    int rc;
    while ((rc = sqlite3_step(f)) == SQLITE_ROW)
      model.set_bucket(static_cast<std::uint32_t>(sqlite3_column_int64(f, 0)),
                       {sqlite3_column_double(f, 1), sqlite3_column_double(f, 2)});
    if (rc != SQLITE_DONE) return last_error("read the site model's buckets");
    return model;
  };
  auto out = read();
  static_cast<void>(exec("COMMIT"));
  return out;
}

Result<std::vector<LearnedComment>> SqliteStorage::learned_comments() {
  std::lock_guard lock(mutex_);
  sqlite3_stmt* s = prepared(
      "SELECT id, body, learned_as, learned_buckets, learned_seq FROM comments WHERE learned_as <> '' "
      "ORDER BY learned_seq, id");
  Reset reset{s};
  std::vector<LearnedComment> out;
  int rc;
  while ((rc = sqlite3_step(s)) == SQLITE_ROW)
    out.push_back({column_text(s, 0), column_text(s, 1), column_text(s, 2) == "spam", column_text(s, 3),
                   sqlite3_column_int64(s, 4)});
  if (rc != SQLITE_DONE) return last_error("list learnt comments");
  return out;
}

Result<bool> SqliteStorage::replace_site_model(const SiteModel& model, const std::vector<LearnedComment>* relearned) {
  std::lock_guard lock(mutex_);
  return in_transaction<bool>([&]() -> Result<bool> {
    if (auto r = exec("DELETE FROM site_model_features"); !r) return r;
    sqlite3_stmt* t = prepared(
        "UPDATE site_model SET decisions = ?1, spam_examples = ?2, ham_examples = ?3, version = version + 1 "
        "WHERE id = 1");
    {
      Reset reset{t};
      sqlite3_bind_int64(t, 1, static_cast<std::int64_t>(model.decisions()));
      sqlite3_bind_double(t, 2, model.spam_examples());
      sqlite3_bind_double(t, 3, model.ham_examples());
      if (sqlite3_step(t) != SQLITE_DONE) return last_error("write the site model");
    }
    sqlite3_stmt* f = prepared("INSERT INTO site_model_features (bucket, spam, ham) VALUES (?1, ?2, ?3)");
    for (const auto& [bucket, counts] : model.features()) {
      Reset reset{f};
      sqlite3_bind_int64(f, 1, bucket);
      sqlite3_bind_double(f, 2, counts.spam);
      sqlite3_bind_double(f, 3, counts.ham);
      if (sqlite3_step(f) != SQLITE_DONE) return last_error("write a site model bucket");
    }
    if (relearned == nullptr) return true;
    sqlite3_stmt* mark = prepared("UPDATE comments SET learned_buckets = ?2 WHERE id = ?1");
    for (const auto& c : *relearned) {
      const auto rowid = parse_comment_id(c.id);
      if (!rowid) continue;
      Reset reset{mark};
      sqlite3_bind_int64(mark, 1, *rowid);
      bind_text(mark, 2, buckets_text(SiteModel::feature_buckets(c.body)));
      if (sqlite3_step(mark) != SQLITE_DONE) return last_error("remember a learnt comment's buckets");
    }
    return true;
  });
}

Result<bool> SqliteStorage::put_learned_markers(const std::vector<LearnedComment>& learned) {
  std::lock_guard lock(mutex_);
  return in_transaction<bool>([&]() -> Result<bool> {
    sqlite3_stmt* mark =
        prepared("UPDATE comments SET learned_as = ?2, learned_buckets = ?3, learned_seq = ?4 WHERE id = ?1");
    for (const auto& c : learned) {
      const auto rowid = parse_comment_id(c.id);
      if (!rowid) continue;
      Reset reset{mark};
      sqlite3_bind_int64(mark, 1, *rowid);
      bind_text(mark, 2, c.spam ? "spam" : "ham");
      bind_text(mark, 3, c.buckets);
      sqlite3_bind_int64(mark, 4, c.seq);
      if (sqlite3_step(mark) != SQLITE_DONE) return last_error("write a learnt comment's marker");
    }
    return true;
  });
}

}  // namespace soundoff::server
