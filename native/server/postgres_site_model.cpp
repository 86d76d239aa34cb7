// The site's learnt spam model on PostgreSQL (schema v12, site_model_rows.h):
// a moderator's judgement and what the model learns from it commit together.
// Learners serialise on the totals row (locked before any bucket), so
// concurrent judgements on several instances neither deadlock nor lose a
// count; the commit NOTIFYs "<instance> site_model learned" on the settings
// channel, and the other instances reload the model (live_site_model.h).
#include <libpq-fe.h>

#include "server/postgres_rows.h"
#include "server/postgres_storage.h"
#include "server/site_model_rows.h"

namespace soundoff::server {

using namespace pg_rows;

namespace {

constexpr PgStatement kJudgeComment{
    "site_model_judged",
    "SELECT body, learned_as, learned_buckets FROM comments WHERE thread = $1 AND id = $2::bigint "
    "FOR UPDATE"};
// As postgres_storage.cpp's set_status, under a name of its own.
constexpr PgStatement kJudgeStatus{
    "site_model_status",
    "WITH u AS (UPDATE comments SET status = $3, reports = CASE WHEN $3 = 'published' THEN 0 ELSE reports END "
    "WHERE thread = $1 AND id = $2::bigint RETURNING id) "
    "SELECT pg_notify($4, $5) FROM u"};
constexpr PgStatement kLockTotals{"site_model_lock", "SELECT decisions FROM site_model WHERE id = 1 FOR UPDATE"};
// max(0, count + amount) per bucket, as SiteModel::add ($3: 1 spam, 0 ham).
constexpr PgStatement kLearnBuckets{
    "site_model_learn",
    "INSERT INTO site_model_features (bucket, spam, ham) "
    "SELECT b, GREATEST(0, $2::float8 * $3::int), GREATEST(0, $2::float8 * (1 - $3::int)) FROM unnest($1::int[]) b "
    "ON CONFLICT (bucket) DO UPDATE SET "
    "spam = CASE WHEN $3::int = 1 THEN GREATEST(0, site_model_features.spam + $2::float8) "
    "ELSE site_model_features.spam END, "
    "ham = CASE WHEN $3::int = 1 THEN site_model_features.ham "
    "ELSE GREATEST(0, site_model_features.ham + $2::float8) END"};
constexpr PgStatement kDropEmpty{
    "site_model_drop_empty",
    "DELETE FROM site_model_features WHERE bucket = ANY($1::int[]) AND spam < $2::float8 AND ham < $2::float8"};
constexpr PgStatement kLearnTotals{
    "site_model_totals",
    "UPDATE site_model SET "
    "spam_examples = CASE WHEN $2::int = 1 THEN GREATEST(0, spam_examples + $1::float8) ELSE spam_examples END, "
    "ham_examples = CASE WHEN $2::int = 1 THEN ham_examples ELSE GREATEST(0, ham_examples + $1::float8) END "
    "WHERE id = 1"};
constexpr PgStatement kCountDecision{
    "site_model_decision",
    "UPDATE site_model SET decisions = decisions + $1::int, version = version + 1 WHERE id = 1 RETURNING decisions"};
constexpr PgStatement kFadeBuckets{"site_model_fade",
                                   "UPDATE site_model_features SET spam = spam * $1::float8, ham = ham * $1::float8"};
constexpr PgStatement kDropFaded{"site_model_drop_faded",
                                 "DELETE FROM site_model_features WHERE spam + ham < $1::float8"};
constexpr PgStatement kFadeTotals{
    "site_model_fade_totals",
    "UPDATE site_model SET spam_examples = spam_examples * $1::float8, ham_examples = ham_examples * $1::float8 "
    "WHERE id = 1"};
constexpr PgStatement kMarkJudged{
    "site_model_mark",
    "UPDATE comments SET learned_as = $2, learned_buckets = $3, "
    "learned_seq = CASE WHEN $4::int = 1 THEN $5::bigint ELSE learned_seq END WHERE id = $1::bigint"};
constexpr PgStatement kReadTotals{"site_model_read",
                                  "SELECT decisions, spam_examples, ham_examples FROM site_model WHERE id = 1"};
constexpr PgStatement kReadBuckets{"site_model_read_buckets", "SELECT bucket, spam, ham FROM site_model_features"};
constexpr PgStatement kLearned{
    "site_model_learned",
    "SELECT id, body, learned_as, learned_buckets, learned_seq FROM comments WHERE learned_as <> '' "
    "ORDER BY learned_seq, id"};
constexpr PgStatement kPutMarker{
    "site_model_put_marker",
    "UPDATE comments SET learned_as = $2, learned_buckets = $3, learned_seq = $4::bigint WHERE id = $1::bigint"};
constexpr PgStatement kReplaceTotals{
    "site_model_replace",
    "UPDATE site_model SET decisions = $1::bigint, spam_examples = $2::float8, ham_examples = $3::float8, "
    "version = version + 1 WHERE id = 1"};
constexpr PgStatement kPutBuckets{"site_model_put",
                                  "INSERT INTO site_model_features (bucket, spam, ham) "
                                  "SELECT * FROM unnest($1::int[], $2::float8[], $3::float8[])"};
constexpr PgStatement kRemember{"site_model_remember",
                                "UPDATE comments SET learned_buckets = $2 WHERE id = $1::bigint"};
constexpr PgStatement kNotifyLearned{"site_model_notify", "SELECT pg_notify($1, $2)"};

// A PostgreSQL array literal of numbers.
template <typename T>
std::string array_text(const std::vector<T>& values, const std::function<std::string(const T&)>& show) {
  std::string out = "{";
  for (std::size_t i = 0; i < values.size(); ++i) out += (i ? "," : "") + show(values[i]);
  return out + "}";
}

std::string bucket_array(const std::vector<std::uint32_t>& buckets) {
  return array_text<std::uint32_t>(buckets, [](const std::uint32_t& b) { return std::to_string(b); });
}

// Exactly, so that a stored count reads back as the same double.
std::string exact(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.17g", v);
  return buf;
}

double real(pg_result* r, int row, int column) { return std::strtod(PQgetvalue(r, row, column), nullptr); }

}  // namespace

Result<bool> PostgresStorage::judge(const std::string& thread, const std::string& id, Status status) {
  const auto number = parse_comment_id(id);
  if (!number) return false;
  const std::string row = std::to_string(*number);
  return in_transaction<bool>([&](PgConnection& conn) -> Result<bool> {
    auto current = conn.run(kJudgeComment, {thread, row}, "read the judged comment");
    if (!current) return current.error();
    if (PQntuples(current->get()) != 1) return false;
    auto changed = conn.run(
        kJudgeStatus, {thread, row, std::string(status_name(status)), channel_, payload(thread, row)}, "set status");
    if (!changed) return changed.error();
    if (PQntuples(changed->get()) != 1) return false;
    if (notifying())
      if (const auto event = decision_event(status))
        if (auto n = note_on(conn, *event, thread, row, outbox_clock_ms()); !n) return n.error();
    // Approved from the queue: now its replies' subscribers hear of it (postgres_subscriptions.cpp).
    if (status == Status::published)
      if (auto n = note_replies_on(conn, thread, row, outbox_clock_ms(), true); !n) return n.error();
    pg_result* c = current->get();
    const auto plan = plan_learning(text(c, 0, 1), text(c, 0, 2), text(c, 0, 0), status);
    if (!plan) return true;
    if (auto r = conn.run(kLockTotals, {}, "lock the site model"); !r) return r.error();
    for (const auto& step : plan->steps) {
      const std::string buckets = bucket_array(step.buckets);
      const std::string spam = step.spam ? "1" : "0";
      if (auto r = conn.run(kLearnBuckets, {buckets, exact(step.amount), spam}, "update site model buckets"); !r)
        return r.error();
      if (auto r = conn.run(kDropEmpty, {buckets, exact(kSiteModelEmpty)}, "drop empty site model buckets"); !r)
        return r.error();
      if (auto r = conn.run(kLearnTotals, {exact(step.amount), spam}, "update site model totals"); !r) return r.error();
    }
    auto counted = conn.run(kCountDecision, {plan->new_decision ? "1" : "0"}, "count a site model decision");
    if (!counted) return counted.error();
    const std::int64_t decision = integer(counted->get(), 0, 0);
    // Every kDecayEvery decisions every count fades (SiteModel::decay).
    if (plan->new_decision && decision % static_cast<std::int64_t>(SiteModel::kDecayEvery) == 0) {
      const std::string factor = exact(SiteModel::kDecayFactor);
      if (auto r = conn.run(kFadeBuckets, {factor}, "decay the site model"); !r) return r.error();
      if (auto r = conn.run(kFadeTotals, {factor}, "decay the site model"); !r) return r.error();
      if (auto r = conn.run(kDropFaded, {exact(kSiteModelDropBelow)}, "decay the site model"); !r) return r.error();
    }
    if (auto r = conn.run(
            kMarkJudged,
            {row, plan->learned_as, plan->learned_buckets, plan->new_decision ? "1" : "0", std::to_string(decision)},
            "mark the judged comment");
        !r)
      return r.error();
    if (auto r = conn.run(kNotifyLearned, {settings_channel_, instance_ + " site_model learned"}, "notify"); !r)
      return r.error();
    return true;
  });
}

Result<SiteModel> PostgresStorage::load_site_model() {
  return in_transaction<SiteModel>(
      [&](PgConnection& conn) -> Result<SiteModel> {
        SiteModel model;
        auto totals = conn.run(kReadTotals, {}, "read the site model");
        if (!totals) return totals.error();
        if (PQntuples(totals->get()) != 1) return Error{"storage_error", "the site_model row is missing"};
        pg_result* t = totals->get();
        model.set_totals(static_cast<std::uint64_t>(integer(t, 0, 0)), real(t, 0, 1), real(t, 0, 2));
        auto buckets = conn.run(kReadBuckets, {}, "read the site model's buckets");
        if (!buckets) return buckets.error();
        pg_result* b = buckets->get();
        for (int i = 0; i < PQntuples(b); ++i)
          model.set_bucket(static_cast<std::uint32_t>(integer(b, i, 0)), {real(b, i, 1), real(b, i, 2)});
        return model;
      },
      "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY");
}

Result<std::vector<LearnedComment>> PostgresStorage::learned_comments() {
  auto r = run(kLearned, {}, "list learnt comments");
  if (!r) return r.error();
  std::vector<LearnedComment> out;
  pg_result* x = r->get();
  for (int i = 0; i < PQntuples(x); ++i)
    out.push_back({text(x, i, 0), text(x, i, 1), text(x, i, 2) == "spam", text(x, i, 3), integer(x, i, 4)});
  return out;
}

Result<bool> PostgresStorage::replace_site_model(const SiteModel& model, const std::vector<LearnedComment>* relearned) {
  return in_transaction<bool>([&](PgConnection& conn) -> Result<bool> {
    if (auto r = conn.run(kLockTotals, {}, "lock the site model"); !r) return r.error();
    if (auto r = conn.exec("DELETE FROM site_model_features", "clear the site model"); !r) return r.error();
    if (auto r =
            conn.run(kReplaceTotals,
                     {std::to_string(model.decisions()), exact(model.spam_examples()), exact(model.ham_examples())},
                     "write the site model");
        !r)
      return r.error();
    std::vector<std::uint32_t> buckets;
    std::vector<double> spam, ham;
    for (const auto& [bucket, counts] : model.features()) {
      buckets.push_back(bucket);
      spam.push_back(counts.spam);
      ham.push_back(counts.ham);
    }
    const auto doubles = [](const std::vector<double>& v) {
      return array_text<double>(v, [](const double& d) { return exact(d); });
    };
    if (auto r = conn.run(kPutBuckets, {bucket_array(buckets), doubles(spam), doubles(ham)}, "write the buckets"); !r)
      return r.error();
    if (relearned != nullptr)
      for (const auto& c : *relearned)
        if (auto r = conn.run(kRemember, {c.id, buckets_text(SiteModel::feature_buckets(c.body))},
                              "remember a learnt comment's buckets");
            !r)
          return r.error();
    if (auto r = conn.run(kNotifyLearned, {settings_channel_, instance_ + " site_model replaced"}, "notify"); !r)
      return r.error();
    return true;
  });
}

Result<bool> PostgresStorage::put_learned_markers(const std::vector<LearnedComment>& learned) {
  return in_transaction<bool>([&](PgConnection& conn) -> Result<bool> {
    for (const auto& c : learned) {
      if (!parse_comment_id(c.id)) continue;
      if (auto r = conn.run(kPutMarker, {c.id, c.spam ? "spam" : "ham", c.buckets, std::to_string(c.seq)},
                            "write a learnt comment's marker");
          !r)
        return r.error();
    }
    return true;
  });
}

}  // namespace soundoff::server
