#include "server/postgres_storage.h"

#include <libpq-fe.h>
#include <poll.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <random>
#include <unordered_set>

#include "server/network_block.h"
#include "server/postgres_rows.h"

namespace soundoff::server {

using namespace pg_rows;

namespace {

// The schema, one entry per version, numbered like SQLite's (storage.h's
// kSchemaVersion). PostgreSQL support arrived at version 4, so its first
// step already has the thread-keyed layout SQLite reaches in step 4; step 4
// here adds what only a shared database needs. Never edit an applied entry.
constexpr const char* kMigrations[] = {
    // 1: comments, reports and votes; the thread key leads every primary key.
    R"sql(
      CREATE SEQUENCE comments_id_seq;
      CREATE TABLE comments (
        thread      TEXT     NOT NULL,
        id          BIGINT   NOT NULL DEFAULT nextval('comments_id_seq'),
        parent      BIGINT,
        author      TEXT     NOT NULL,
        email       TEXT     NOT NULL DEFAULT '',
        body        TEXT     NOT NULL,
        external_id TEXT     NOT NULL DEFAULT '',
        created_ms  BIGINT   NOT NULL,
        status      TEXT     NOT NULL,
        up          BIGINT   NOT NULL DEFAULT 0,
        down        BIGINT   NOT NULL DEFAULT 0,
        reports     BIGINT   NOT NULL DEFAULT 0,
        reasons     TEXT     NOT NULL DEFAULT '[]',
        ip          TEXT     NOT NULL DEFAULT '',
        PRIMARY KEY (thread, id)
      );
      ALTER SEQUENCE comments_id_seq OWNED BY comments.id;
      CREATE INDEX comments_by_thread ON comments (thread, status);
      CREATE TABLE reports (
        thread     TEXT   NOT NULL,
        comment_id BIGINT NOT NULL,
        reporter   TEXT   NOT NULL,
        created_ms BIGINT NOT NULL,
        PRIMARY KEY (thread, comment_id, reporter),
        FOREIGN KEY (thread, comment_id) REFERENCES comments (thread, id)
      );
      CREATE TABLE votes (
        thread     TEXT     NOT NULL,
        comment_id BIGINT   NOT NULL,
        voter      TEXT     NOT NULL,
        value      SMALLINT NOT NULL CHECK (value IN (-1, 1)),
        created_ms BIGINT   NOT NULL,
        PRIMARY KEY (thread, comment_id, voter),
        FOREIGN KEY (thread, comment_id) REFERENCES comments (thread, id)
      );
    )sql",
    // 2: the author history the spam check reads, site-wide (by IP and by name), and the moderation queue.
    R"sql(
      CREATE INDEX comments_by_ip ON comments (ip, id);
      CREATE INDEX comments_by_author ON comments (author, id);
      CREATE INDEX comments_by_status ON comments (status, id);
    )sql",
    // 3: an author's published count from the index alone (the thread's newest use the primary key).
    R"sql(
      CREATE INDEX comments_by_author_status ON comments (author, status);
    )sql",
    // 4: where a comment id lives (routes that get only an id), and the
    // rate-limit buckets every instance shares (UNLOGGED: no WAL, and losing
    // them in a crash only refills everyone's bucket).
    R"sql(
      CREATE TABLE comment_locator (
        id     BIGINT PRIMARY KEY,
        thread TEXT   NOT NULL
      );
      INSERT INTO comment_locator (id, thread) SELECT id, thread FROM comments;
      CREATE UNLOGGED TABLE rate_buckets (
        kind       TEXT             NOT NULL,
        client     TEXT             NOT NULL,
        tokens     DOUBLE PRECISION NOT NULL,
        updated_ms BIGINT           NOT NULL,
        PRIMARY KEY (kind, client)
      );
    )sql",
    // 5: the moderator's desk (issue 16): console accounts keyed by the
    // lower-case name, sessions by the hash of their cookie id, the audit log.
    R"sql(
      CREATE TABLE users (
        name_key      TEXT    PRIMARY KEY,
        name          TEXT    NOT NULL,
        role          TEXT    NOT NULL CHECK (role IN ('admin', 'moderator')),
        password_hash TEXT    NOT NULL,
        created_ms    BIGINT  NOT NULL,
        disabled      BOOLEAN NOT NULL DEFAULT FALSE
      );
      CREATE TABLE sessions (
        id_hash      TEXT   PRIMARY KEY,
        user_key     TEXT   NOT NULL REFERENCES users (name_key) ON DELETE CASCADE,
        csrf         TEXT   NOT NULL,
        created_ms   BIGINT NOT NULL,
        last_used_ms BIGINT NOT NULL,
        expires_ms   BIGINT NOT NULL
      );
      CREATE INDEX sessions_by_user ON sessions (user_key);
      CREATE TABLE audit_log (
        id          BIGSERIAL PRIMARY KEY,
        time_ms     BIGINT NOT NULL,
        actor       TEXT   NOT NULL,
        via         TEXT   NOT NULL,
        network     TEXT   NOT NULL DEFAULT '',
        action      TEXT   NOT NULL,
        target_kind TEXT   NOT NULL DEFAULT '',
        target      TEXT   NOT NULL DEFAULT '',
        detail      TEXT   NOT NULL DEFAULT '{}'
      );
      CREATE INDEX audit_by_actor ON audit_log (actor, id);
      CREATE INDEX audit_by_action ON audit_log (action, id);
      CREATE INDEX audit_by_target ON audit_log (target, id);
    )sql",
    // 6: the moderator's desk, as SQLite's step 6: pin order, edit time, the
    // address's network block (filled by the server), bans, and the indexes
    // that let every queue and filter walk newest first.
    R"sql(
      ALTER TABLE comments ADD COLUMN pinned BIGINT NOT NULL DEFAULT 0;
      ALTER TABLE comments ADD COLUMN edited_ms BIGINT NOT NULL DEFAULT 0;
      ALTER TABLE comments ADD COLUMN net TEXT NOT NULL DEFAULT '';
      CREATE INDEX comments_by_id ON comments (id);
      CREATE INDEX comments_by_thread_status_id ON comments (thread, status, id);
      CREATE INDEX comments_reported ON comments (id) WHERE status = 'pending' AND strpos(reasons, '"reported"') > 0;
      CREATE INDEX comments_by_net ON comments (net, id);
      CREATE INDEX comments_by_author_lower ON comments (lower(author), id);
      CREATE INDEX comments_by_email_lower ON comments (lower(email), id);
      CREATE INDEX comments_by_parent ON comments (parent);
      CREATE TABLE bans (
        id         BIGSERIAL PRIMARY KEY,
        kind       TEXT    NOT NULL CHECK (kind IN ('author', 'email', 'network', 'address')),
        value      TEXT    NOT NULL,
        reason     TEXT    NOT NULL DEFAULT '',
        shadow     BOOLEAN NOT NULL DEFAULT false,
        created_ms BIGINT  NOT NULL,
        expires_ms BIGINT,
        banned_by  TEXT    NOT NULL DEFAULT ''
      );
    )sql",
    // 7: the thread registry and live settings, as SQLite's step 7: the
    // trigger keeps each thread's counters and last activity, so the
    // console's list is one indexed read however big a thread is.
    R"sql(
      CREATE TABLE threads (
        key           TEXT    PRIMARY KEY,
        title         TEXT    NOT NULL DEFAULT '',
        url           TEXT    NOT NULL DEFAULT '',
        state         TEXT    NOT NULL DEFAULT 'open' CHECK (state IN ('open', 'closed')),
        created       BIGINT  NOT NULL,
        closes_at     BIGINT,
        registered    BOOLEAN NOT NULL DEFAULT false,
        comments      BIGINT  NOT NULL DEFAULT 0,
        visible       BIGINT  NOT NULL DEFAULT 0,
        last_activity BIGINT  NOT NULL
      );
      CREATE INDEX threads_by_activity ON threads (last_activity, key);
      INSERT INTO threads (key, created, registered, comments, visible, last_activity)
        SELECT thread, MIN(created_ms), true, COUNT(*), COUNT(*) FILTER (WHERE status = 'published'), MAX(created_ms)
        FROM comments GROUP BY thread;
      CREATE FUNCTION threads_count() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'INSERT' THEN
          INSERT INTO threads AS t (key, created, comments, visible, last_activity)
            VALUES (NEW.thread, NEW.created_ms, 1, (NEW.status = 'published')::int, NEW.created_ms)
            ON CONFLICT (key) DO UPDATE SET comments = t.comments + 1,
              visible = t.visible + (NEW.status = 'published')::int,
              created = LEAST(t.created, NEW.created_ms), last_activity = GREATEST(t.last_activity, NEW.created_ms);
        ELSIF TG_OP = 'UPDATE' THEN
          UPDATE threads SET visible = visible + (NEW.status = 'published')::int - (OLD.status = 'published')::int
            WHERE key = NEW.thread;
        ELSE
          UPDATE threads SET comments = comments - 1, visible = visible - (OLD.status = 'published')::int
            WHERE key = OLD.thread;
        END IF;
        RETURN NULL;
      END $$;
      CREATE TRIGGER threads_count_insert AFTER INSERT ON comments FOR EACH ROW EXECUTE FUNCTION threads_count();
      CREATE TRIGGER threads_count_status AFTER UPDATE OF status ON comments FOR EACH ROW
        WHEN (OLD.status IS DISTINCT FROM NEW.status) EXECUTE FUNCTION threads_count();
      CREATE TRIGGER threads_count_delete AFTER DELETE ON comments FOR EACH ROW EXECUTE FUNCTION threads_count();
      CREATE TABLE settings (
        name       TEXT   PRIMARY KEY,
        value      TEXT   NOT NULL,
        updated_ms BIGINT NOT NULL,
        by         TEXT   NOT NULL DEFAULT ''
      );
    )sql",
    // 8: the notification outbox (docs/notifications.md), as SQLite's; senders
    // on several instances claim rows with FOR UPDATE SKIP LOCKED.
    R"sql(
      CREATE TABLE outbox (
        id               BIGSERIAL PRIMARY KEY,
        event            TEXT    NOT NULL,
        destination      TEXT    NOT NULL,
        thread           TEXT    NOT NULL,
        comment_id       BIGINT  NOT NULL,
        payload          TEXT    NOT NULL,
        created_ms       BIGINT  NOT NULL,
        attempts         INT     NOT NULL DEFAULT 0,
        next_attempt_ms  BIGINT  NOT NULL,
        claimed_by       TEXT    NOT NULL DEFAULT '',
        claimed_until_ms BIGINT  NOT NULL DEFAULT 0,
        delivered_ms     BIGINT  NOT NULL DEFAULT 0,
        dead             BOOLEAN NOT NULL DEFAULT false,
        last_error       TEXT    NOT NULL DEFAULT ''
      );
      CREATE INDEX outbox_due ON outbox (next_attempt_ms, id) WHERE delivered_ms = 0 AND NOT dead;
      CREATE INDEX outbox_dead ON outbox (id) WHERE dead;
    )sql",
    // 9: own comments (docs/server-api.md): the hash of the author's edit key.
    R"sql(
      ALTER TABLE comments ADD COLUMN edit_key_hash TEXT NOT NULL DEFAULT '';
    )sql",
    // 10: privacy by default (docs/privacy.md): the retention job finds the
    // raw addresses older than the window from these indexes alone.
    R"sql(
      CREATE INDEX comments_raw_address ON comments (created_ms) WHERE ip <> '' AND substr(ip, 1, 5) <> 'hash:';
      CREATE INDEX votes_raw_address ON votes (created_ms)
        WHERE substr(voter, 1, 5) <> 'hash:' AND substr(voter, 1, 8) <> 'account:';
      CREATE INDEX reports_raw_address ON reports (created_ms)
        WHERE substr(reporter, 1, 5) <> 'hash:' AND substr(reporter, 1, 8) <> 'account:';
      CREATE INDEX audit_raw_address ON audit_log (time_ms) WHERE network <> '' AND substr(network, 1, 5) <> 'hash:';
    )sql",
    // 11: reply-mail subscriptions (docs/notifications.md, "Reader mail"), as SQLite's.
    R"sql(
      CREATE TABLE subscriptions (
        id           BIGSERIAL PRIMARY KEY,
        address      TEXT   NOT NULL,
        thread       TEXT   NOT NULL,
        comment_id   BIGINT NOT NULL DEFAULT 0,
        lang         TEXT   NOT NULL DEFAULT 'en',
        state        TEXT   NOT NULL DEFAULT 'pending',
        created_ms   BIGINT NOT NULL,
        confirmed_ms BIGINT NOT NULL DEFAULT 0,
        UNIQUE (address, thread, comment_id)
      );
      CREATE INDEX subscriptions_confirmed ON subscriptions (thread, comment_id) WHERE state = 'confirmed';
      CREATE TABLE reader_mail_counts (
        address         TEXT    NOT NULL,
        kind            TEXT    NOT NULL,
        window_start_ms BIGINT  NOT NULL,
        sent            BIGINT  NOT NULL,
        dropped         BIGINT  NOT NULL DEFAULT 0,
        allowed         BOOLEAN NOT NULL DEFAULT true,
        PRIMARY KEY (address, kind)
      );
    )sql",
    // 12: the site's learnt spam model, as SQLite's (site_model_rows.h, docs/spam.md).
    R"sql(
      CREATE TABLE site_model (
        id            INT              PRIMARY KEY CHECK (id = 1),
        decisions     BIGINT           NOT NULL DEFAULT 0,
        spam_examples DOUBLE PRECISION NOT NULL DEFAULT 0,
        ham_examples  DOUBLE PRECISION NOT NULL DEFAULT 0,
        version       BIGINT           NOT NULL DEFAULT 0
      );
      INSERT INTO site_model (id) VALUES (1);
      CREATE TABLE site_model_features (
        bucket INT              PRIMARY KEY,
        spam   DOUBLE PRECISION NOT NULL,
        ham    DOUBLE PRECISION NOT NULL
      );
      ALTER TABLE comments ADD COLUMN learned_as TEXT NOT NULL DEFAULT '';
      ALTER TABLE comments ADD COLUMN learned_buckets TEXT NOT NULL DEFAULT '';
      ALTER TABLE comments ADD COLUMN learned_seq BIGINT NOT NULL DEFAULT 0;
      CREATE INDEX comments_learned ON comments (learned_seq, id) WHERE learned_as <> '';
    )sql",
    // 13: the author's account badge (docs/sso.md): '', 'verified' or 'staff'.
    R"sql(
      ALTER TABLE comments ADD COLUMN badge TEXT NOT NULL DEFAULT '';
    )sql",
};
static_assert(std::size(kMigrations) == kSchemaVersion, "SQLite and PostgreSQL share schema version numbers");

// Any constant: the advisory lock instances take while migrating, so two
// starting at once do not both create the tables.
constexpr const char* kMigrationLock = "SELECT pg_advisory_xact_lock(7306114021)";

#define SOUNDOFF_COLUMNS \
  "id, thread, parent, author, body, external_id, created_ms, status, up, down, reports, pinned, edited_ms, badge"

constexpr PgStatement kSchemaVersionSql{"schema_version", "SELECT version FROM soundoff_schema"};
constexpr PgStatement kCommentTotal{"comment_total", "SELECT COUNT(*) FROM comments"};
constexpr PgStatement kLoadThread{"load_thread",
                                  "SELECT " SOUNDOFF_COLUMNS " FROM comments WHERE thread = $1 ORDER BY id"};
// One statement, so one implicit transaction: the comment, its locator row
// and the notification commit together.
constexpr PgStatement kInsert{"insert_comment",
                              "WITH c AS (INSERT INTO comments (thread, parent, author, email, body, external_id, "
                              "created_ms, status, reasons, ip, net, edit_key_hash, badge) "
                              "VALUES ($1, $2::bigint, $3, $4, $5, $6, $7::bigint, $8, $9, $10, $11, $12, $13) "
                              "RETURNING thread, id), "
                              "l AS (INSERT INTO comment_locator (id, thread) SELECT id, thread FROM c) "
                              "SELECT c.id, pg_notify($14, $15 || c.id) FROM c"};
// The same without a notification: a batch announces each thread once.
constexpr PgStatement kInsertQuiet{
    "insert_comment_quiet",
    "WITH c AS (INSERT INTO comments (thread, parent, author, email, body, external_id, created_ms, status, reasons, "
    "ip, net, edit_key_hash, badge) "
    "VALUES ($1, $2::bigint, $3, $4, $5, $6, $7::bigint, $8, $9, $10, $11, $12, $13) RETURNING thread, id) "
    "INSERT INTO comment_locator (id, thread) SELECT id, thread FROM c RETURNING id"};
constexpr PgStatement kLoadComment{"load_comment",
                                   "SELECT " SOUNDOFF_COLUMNS " FROM comments WHERE thread = $1 AND id = $2::bigint"};
constexpr PgStatement kLocate{"locate", "SELECT thread FROM comment_locator WHERE id = $1::bigint"};
constexpr PgStatement kStatusOf{"status_of", "SELECT status FROM comments WHERE thread = $1 AND id = $2::bigint"};
constexpr PgStatement kThreadKeys{"thread_keys", "SELECT thread FROM comments GROUP BY thread ORDER BY MIN(id)"};
constexpr PgStatement kVisibleCount{"visible_count",
                                    "SELECT COUNT(*) FROM comments WHERE thread = $1 AND status = 'published'"};
// Each side walks its (key, id) index backwards and stops at the limit; the
// join is on the primary key, so a cluster routes each row to its shard.
constexpr PgStatement kAuthorHistory{
    "author_history",
    "SELECT " SOUNDOFF_COLUMNS
    ", ip FROM comments JOIN ("
    "(SELECT thread AS t, id AS i FROM comments WHERE ip = $1 AND ip <> '' ORDER BY id DESC LIMIT $3::bigint) UNION "
    "(SELECT thread, id FROM comments WHERE author = $2 ORDER BY id DESC LIMIT $3::bigint)"
    ") k ON thread = k.t AND id = k.i ORDER BY id DESC LIMIT $3::bigint"};
constexpr PgStatement kThreadRecent{"thread_recent",
                                    "SELECT " SOUNDOFF_COLUMNS
                                    ", ip FROM comments WHERE thread = $1 ORDER BY id DESC LIMIT $2::bigint"};
constexpr PgStatement kRecentInThread{"recent_in_thread",
                                      "SELECT " SOUNDOFF_COLUMNS
                                      ", ip FROM comments WHERE thread = $1 AND status = 'published' "
                                      "ORDER BY id DESC LIMIT $2::bigint"};
constexpr PgStatement kRecentAnywhere{
    "recent_anywhere",
    "SELECT " SOUNDOFF_COLUMNS ", ip FROM comments WHERE status = 'published' ORDER BY id DESC LIMIT $1::bigint"};
constexpr PgStatement kApprovedCount{
    "approved_count",
    "SELECT COUNT(*) FROM (SELECT 1 FROM comments WHERE author = $1 AND status = 'published' LIMIT 1000) a"};
constexpr PgStatement kInsertReport{
    "insert_report",
    "INSERT INTO reports (thread, comment_id, reporter, created_ms) VALUES ($1, $2::bigint, $3, $4::bigint) "
    "ON CONFLICT DO NOTHING"};
// The report that crosses the threshold hides the comment and records why.
constexpr PgStatement kCountReport{
    "count_report",
    "UPDATE comments SET reports = reports + $3::int, "
    "status = CASE WHEN $3::int = 1 AND status = 'published' AND reports + 1 >= $4::bigint "
    "THEN 'pending' ELSE status END, "
    "reasons = CASE WHEN $3::int = 1 AND status = 'published' AND reports + 1 >= $4::bigint "
    "THEN (reasons::jsonb || '[\"reported\"]'::jsonb)::text ELSE reasons END "
    "WHERE thread = $1 AND id = $2::bigint RETURNING reports, status"};
constexpr PgStatement kInsertVote{
    "insert_vote",
    "INSERT INTO votes (thread, comment_id, voter, value, created_ms) VALUES ($1, $2::bigint, $3, $4::smallint, "
    "$5::bigint) ON CONFLICT DO NOTHING"};
constexpr PgStatement kCountVote{"count_vote",
                                 "UPDATE comments SET up = up + CASE WHEN $3::int > 0 THEN $4::int ELSE 0 END, "
                                 "down = down + CASE WHEN $3::int < 0 THEN $4::int ELSE 0 END "
                                 "WHERE thread = $1 AND id = $2::bigint RETURNING up, down"};
constexpr PgStatement kNotify{"notify", "SELECT pg_notify($1, $2)"};
constexpr PgStatement kSetStatus{
    "set_status",
    // Approval starts the report count again: hiding the comment once more takes the whole threshold.
    "WITH u AS (UPDATE comments SET status = $3, reports = CASE WHEN $3 = 'published' THEN 0 ELSE reports END "
    "WHERE thread = $1 AND id = $2::bigint RETURNING id) "
    "SELECT pg_notify($4, $5) FROM u"};
constexpr PgStatement kHeld{"held", "SELECT " SOUNDOFF_COLUMNS
                                    ", email, ip, reasons FROM comments "
                                    "WHERE status IN ('pending', 'spam') ORDER BY id LIMIT $1::bigint"};
constexpr PgStatement kDumpComments{
    "dump_comments", "SELECT " SOUNDOFF_COLUMNS ", email, ip, reasons, edit_key_hash FROM comments ORDER BY id"};
constexpr PgStatement kDumpReports{"dump_reports", "SELECT thread, comment_id, reporter, created_ms FROM reports"};
constexpr PgStatement kDumpVotes{"dump_votes", "SELECT thread, comment_id, voter, value, created_ms FROM votes"};
constexpr PgStatement kRestoreComment{
    "restore_comment",
    "WITH c AS (INSERT INTO comments (id, thread, parent, author, email, body, external_id, created_ms, status, up, "
    "down, reports, reasons, ip, pinned, edited_ms, net, badge, edit_key_hash) VALUES ($1::bigint, $2, $3::bigint, "
    "$4, $5, $6, $7, $8::bigint, $9, $10::bigint, $11::bigint, $12::bigint, $13, $14, $15::bigint, $16::bigint, $17, "
    "$18, $19) "
    "RETURNING id, thread) "
    "INSERT INTO comment_locator (id, thread) SELECT id, thread FROM c"};
constexpr PgStatement kRestoreReport{
    "restore_report",
    "INSERT INTO reports (thread, comment_id, reporter, created_ms) VALUES ($1, $2::bigint, $3, $4::bigint)"};
constexpr PgStatement kRestoreVote{
    "restore_vote",
    "INSERT INTO votes (thread, comment_id, voter, value, created_ms) VALUES ($1, $2::bigint, $3, $4::smallint, "
    "$5::bigint)"};
// New comments continue after the largest copied id.
constexpr PgStatement kRestoreSequence{
    "restore_sequence", "SELECT setval('comments_id_seq', COALESCE((SELECT MAX(id) FROM comments), 0) + 1, false)"};
// The token bucket of RateLimiter, as one atomic upsert: the row lock
// serialises instances drawing from the same bucket. No row back: refused.
constexpr PgStatement kTakeToken{
    "take_token",
    "INSERT INTO rate_buckets AS b (kind, client, tokens, updated_ms) VALUES ($1, $2, $3::float8 - 1, $5::bigint) "
    "ON CONFLICT (kind, client) DO UPDATE SET "
    "tokens = LEAST($3::float8, b.tokens + GREATEST(0, $5::bigint - b.updated_ms) * $4::float8) - 1, "
    "updated_ms = $5::bigint "
    "WHERE LEAST($3::float8, b.tokens + GREATEST(0, $5::bigint - b.updated_ms) * $4::float8) >= 1 "
    "RETURNING tokens"};
constexpr PgStatement kBucket{"bucket", "SELECT tokens, updated_ms FROM rate_buckets WHERE kind = $1 AND client = $2"};
// Full buckets carry no information.
constexpr PgStatement kSweepBuckets{
    "sweep_buckets",
    "DELETE FROM rate_buckets WHERE kind = $1 AND tokens + ($4::bigint - updated_ms) * $3::float8 >= $2::float8"};

std::vector<AttributedComment> read_attributed(pg_result* r) {
  std::vector<AttributedComment> out;
  out.reserve(static_cast<std::size_t>(PQntuples(r)));
  for (int i = 0; i < PQntuples(r); ++i) out.push_back({read_comment(r, i), text(r, i, 14)});
  return out;
}

std::string random_instance_id() {
  std::random_device device;
  std::mt19937_64 engine(device());
  const auto value = engine();
  char hex[17];
  std::snprintf(hex, sizeof hex, "%016llx", static_cast<unsigned long long>(value));
  return hex;
}

std::string double_text(double value) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.17g", value);
  return buf;
}

}  // namespace

namespace pg_rows {

std::string text(pg_result* r, int row, int column) {
  return std::string(PQgetvalue(r, row, column), static_cast<std::size_t>(PQgetlength(r, row, column)));
}

std::int64_t integer(pg_result* r, int row, int column) {
  return std::strtoll(PQgetvalue(r, row, column), nullptr, 10);
}

// Reads a row selected with SOUNDOFF_COLUMNS (starting at column 0).
Comment read_comment(pg_result* r, int row) {
  Comment c;
  c.id = text(r, row, 0);
  c.thread = text(r, row, 1);
  if (!PQgetisnull(r, row, 2)) c.parent = text(r, row, 2);
  c.author = text(r, row, 3);
  c.body = text(r, row, 4);
  c.external_id = text(r, row, 5);
  c.created_ms = integer(r, row, 6);
  c.status = parse_status(text(r, row, 7)).value_or(Status::pending);
  c.up = integer(r, row, 8);
  c.down = integer(r, row, 9);
  c.score = c.up - c.down;
  c.reports = integer(r, row, 10);
  c.pinned = integer(r, row, 11);
  c.edited_ms = integer(r, row, 12);
  c.badge = text(r, row, 13);
  return c;
}

// Reads a row selected with SOUNDOFF_COLUMNS, email, ip, reasons.
std::vector<HeldComment> read_held(pg_result* r) {
  std::vector<HeldComment> out;
  out.reserve(static_cast<std::size_t>(PQntuples(r)));
  for (int i = 0; i < PQntuples(r); ++i)
    out.push_back({read_comment(r, i), text(r, i, 14), text(r, i, 15), reasons_from_json(text(r, i, 16))});
  return out;
}

}  // namespace pg_rows

PostgresStorage::PostgresStorage(std::unique_ptr<PgPool> pool, std::string channel)
    : pool_(std::move(pool)),
      channel_(std::move(channel)),
      settings_channel_("soundoff_settings:" + channel_.substr(channel_.find(':') + 1)),
      instance_(random_instance_id()) {}

PostgresStorage::~PostgresStorage() {
  stopping_ = true;
  if (listener_.joinable()) listener_.join();
}

Result<std::unique_ptr<PostgresStorage>> PostgresStorage::open(const std::string& url, std::size_t pool_size) {
  auto pool = PgPool::open(url, pool_size);
  if (!pool) return pool.error();
  std::string schema;
  {
    auto conn = (*pool)->lease();
    if (!conn) return conn.error();
    auto r = (*conn)->exec("SELECT current_schema()", "read the schema");
    if (!r) return r.error();
    schema = PQgetisnull(r->get(), 0, 0) ? "" : text(r->get(), 0, 0);
  }
  if (schema.empty())
    return Error{"storage_error", "the connection has no current schema to create tables in (check search_path)"};
  std::unique_ptr<PostgresStorage> store(new PostgresStorage(std::move(*pool), "soundoff:" + schema));
  if (auto m = store->migrate(); !m) return m.error();
  return store;
}

Result<PgResult> PostgresStorage::run(const PgStatement& statement, const PgParams& params, const char* what) {
  auto conn = pool_->lease();
  if (!conn) return conn.error();
  return (*conn)->run(statement, params, what);
}

Result<bool> PostgresStorage::migrate() {
  return in_transaction<bool>([&](PgConnection& conn) -> Result<bool> {
    if (auto r = conn.exec(kMigrationLock, "lock for migration"); !r) return r.error();
    if (auto r = conn.exec("CREATE TABLE IF NOT EXISTS soundoff_schema (version INT NOT NULL)", "schema table"); !r)
      return r.error();
    auto current = conn.exec("SELECT version FROM soundoff_schema", "read schema version");
    if (!current) return current.error();
    int version = 0;
    if (PQntuples(current->get()) == 0) {
      if (auto r = conn.exec("INSERT INTO soundoff_schema VALUES (0)", "schema table"); !r) return r.error();
    } else {
      version = static_cast<int>(integer(current->get(), 0, 0));
    }
    if (version > kSchemaVersion)
      return Error{"storage_error", "database schema version " + std::to_string(version) +
                                        " is newer than this server (" + std::to_string(kSchemaVersion) + ")"};
    // DDL is transactional here: every step and the version bump commit together.
    for (int v = version; v < kSchemaVersion; ++v) {
      if (auto r = conn.exec(kMigrations[v], "migration"); !r)
        return Error{"storage_error", "migration " + std::to_string(v + 1) + " failed: " + r.error().message};
    }
    if (version < 6)
      if (auto r = fill_network_blocks(conn); !r) return r.error();
    if (auto r = conn.exec("UPDATE soundoff_schema SET version = " + std::to_string(kSchemaVersion), "schema version");
        !r)
      return r.error();
    return true;
  });
}

int PostgresStorage::schema_version() {
  auto r = run(kSchemaVersionSql, {}, "read schema version");
  if (!r || PQntuples(r->get()) != 1) return -1;
  return static_cast<int>(integer(r->get(), 0, 0));
}

Result<std::int64_t> PostgresStorage::comment_total() {
  auto r = run(kCommentTotal, {}, "count comments");
  if (!r) return r.error();
  return integer(r->get(), 0, 0);
}

Result<std::vector<Comment>> PostgresStorage::load_thread(const std::string& thread) {
  auto r = run(kLoadThread, {thread}, "load thread");
  if (!r) return r.error();
  std::vector<Comment> out;
  out.reserve(static_cast<std::size_t>(PQntuples(r->get())));
  for (int i = 0; i < PQntuples(r->get()); ++i) out.push_back(read_comment(r->get(), i));
  return out;
}

Result<Comment> PostgresStorage::insert_on(PgConnection& conn, const NewComment& c, const std::string& parent_id,
                                           bool announce) {
  const auto parent = parse_comment_id(parent_id);
  PgParams params = {c.thread,
                     parent ? std::optional<std::string>(std::to_string(*parent)) : std::nullopt,
                     c.author,
                     c.email,
                     c.body,
                     c.external_id,
                     std::to_string(c.created_ms),
                     std::string(status_name(c.status)),
                     reasons_to_json(c.reasons),
                     c.ip,
                     network_block(c.ip),
                     c.edit_key_hash,
                     c.badge};
  if (announce) {
    params.push_back(channel_);
    params.push_back(payload(c.thread, ""));  // the statement appends the new id
  }
  auto r = conn.run(announce ? kInsert : kInsertQuiet, params, "insert comment");
  if (!r) return r.error();
  Comment out;
  out.id = text(r->get(), 0, 0);
  out.thread = c.thread;
  out.parent = parent ? parent_id : std::string();
  out.author = c.author;
  out.body = c.body;
  out.external_id = c.external_id;
  out.created_ms = c.created_ms;
  out.status = c.status;
  out.badge = c.badge;
  return out;
}

Result<Comment> PostgresStorage::insert(const NewComment& comment) {
  if (notifying()) return insert_noted(comment);
  auto conn = pool_->lease();
  if (!conn) return conn.error();
  return insert_on(**conn, comment, comment.parent, true);
}

Result<std::size_t> PostgresStorage::insert_batch(const std::vector<NewComment>& comments) {
  return in_transaction<std::size_t>([&](PgConnection& conn) -> Result<std::size_t> {
    auto inserted = insert_in_order(comments, [&](const NewComment& c, const std::string& parent_id) {
      return insert_on(conn, c, parent_id, false);
    });
    if (!inserted) return inserted;
    std::unordered_set<std::string> threads;
    for (const auto& c : comments)
      if (threads.insert(c.thread).second)
        if (auto n = notify_on(conn, c.thread, ""); !n) return n.error();
    return inserted;
  });
}

Result<std::optional<Comment>> PostgresStorage::load_comment(const std::string& thread, const std::string& id) {
  const auto number = parse_comment_id(id);
  if (!number) return std::optional<Comment>();
  auto r = run(kLoadComment, {thread, std::to_string(*number)}, "load comment");
  if (!r) return r.error();
  if (PQntuples(r->get()) == 0) return std::optional<Comment>();
  return std::optional<Comment>(read_comment(r->get(), 0));
}

Result<std::optional<CommentRef>> PostgresStorage::find(const std::string& id) {
  const auto number = parse_comment_id(id);
  if (!number) return std::optional<CommentRef>();
  auto conn = pool_->lease();
  if (!conn) return conn.error();
  // Two lookups, each by its table's own key: on a cluster the locator is
  // sharded by id and comments by thread, so each goes to one shard.
  auto located = (*conn)->run(kLocate, {std::to_string(*number)}, "find comment");
  if (!located) return located.error();
  if (PQntuples(located->get()) == 0) return std::optional<CommentRef>();
  const std::string thread = text(located->get(), 0, 0);
  auto status = (*conn)->run(kStatusOf, {thread, std::to_string(*number)}, "find comment");
  if (!status) return status.error();
  if (PQntuples(status->get()) == 0) return std::optional<CommentRef>();
  return std::optional<CommentRef>(
      CommentRef{id, thread, parse_status(text(status->get(), 0, 0)).value_or(Status::pending)});
}

Result<std::vector<std::string>> PostgresStorage::thread_keys() {
  auto r = run(kThreadKeys, {}, "list threads");
  if (!r) return r.error();
  std::vector<std::string> keys;
  keys.reserve(static_cast<std::size_t>(PQntuples(r->get())));
  for (int i = 0; i < PQntuples(r->get()); ++i) keys.push_back(text(r->get(), i, 0));
  return keys;
}

Result<std::int64_t> PostgresStorage::visible_count(const std::string& thread) {
  auto r = run(kVisibleCount, {thread}, "count comments");
  if (!r) return r.error();
  return integer(r->get(), 0, 0);
}

Result<std::vector<AttributedComment>> PostgresStorage::author_history(const std::string& author, const std::string& ip,
                                                                       std::size_t limit) {
  auto r = run(kAuthorHistory, {ip, author, std::to_string(limit)}, "read author history");
  if (!r) return r.error();
  return read_attributed(r->get());
}

Result<std::vector<AttributedComment>> PostgresStorage::thread_recent(const std::string& thread, std::size_t limit) {
  auto r = run(kThreadRecent, {thread, std::to_string(limit)}, "read thread");
  if (!r) return r.error();
  return read_attributed(r->get());
}

Result<std::vector<Comment>> PostgresStorage::recent_published(const std::string& thread, std::size_t limit) {
  auto r = thread.empty() ? run(kRecentAnywhere, {std::to_string(limit)}, "read recent comments")
                          : run(kRecentInThread, {thread, std::to_string(limit)}, "read recent comments");
  if (!r) return r.error();
  auto rows = read_attributed(r->get());
  std::vector<Comment> out;
  out.reserve(rows.size());
  for (auto& row : rows) out.push_back(std::move(row.comment));
  return out;
}

Result<std::int64_t> PostgresStorage::approved_count(const std::string& author) {
  auto r = run(kApprovedCount, {author}, "count approved");
  if (!r) return r.error();
  return integer(r->get(), 0, 0);
}

void PostgresStorage::notify_settings(const std::string& kind, const std::string& name) {
  // Best effort: a lost notification only delays the others until their next reload.
  if (auto r = run(kNotify, {settings_channel_, instance_ + " " + kind + " " + name}, "notify"); !r)
    std::fprintf(stderr, "soundoff serve: %s\n", r.error().message.c_str());
}

Result<bool> PostgresStorage::notify_on(PgConnection& conn, const std::string& thread, const std::string& id) {
  auto r = conn.run(kNotify, {channel_, payload(thread, id)}, "notify");
  if (!r) return r.error();
  return true;
}

// Reports and votes: insert the reader's row unless one exists (ON CONFLICT
// DO NOTHING waits for a concurrent insert of the same row, then skips), and
// update the counters under the comment's row lock only when it was new, in
// one transaction: neither lost nor counted twice, whichever instance serves it.
Result<ReportOutcome> PostgresStorage::add_report(const std::string& thread, const std::string& id,
                                                  const std::string& reporter, std::int64_t now_ms,
                                                  std::uint32_t threshold) {
  const auto number = parse_comment_id(id);
  if (!number) return Error{"not_found", "no comment " + id};
  return in_transaction<ReportOutcome>([&](PgConnection& conn) -> Result<ReportOutcome> {
    ReportOutcome out;
    auto inserted =
        conn.run(kInsertReport, {thread, std::to_string(*number), reporter, std::to_string(now_ms)}, "insert report");
    // No such comment in this thread (the row's foreign key): what SQLite answers too.
    if (!inserted && conn.last_sqlstate() == "23503") return Error{"not_found", "no comment " + id};
    if (!inserted) return inserted.error();
    out.counted = std::string(PQcmdTuples(inserted->get())) == "1";
    auto counted =
        conn.run(kCountReport, {thread, std::to_string(*number), out.counted ? "1" : "0", std::to_string(threshold)},
                 "count report");
    if (!counted) return counted.error();
    if (PQntuples(counted->get()) != 1) return Error{"not_found", "no comment " + id};
    out.reports = integer(counted->get(), 0, 0);
    out.hidden_now = out.counted && text(counted->get(), 0, 1) == "pending";
    if (auto n = note_report_on(conn, thread, id, out, now_ms); !n) return n.error();
    if (out.counted)
      if (auto n = notify_on(conn, thread, std::to_string(*number)); !n) return n.error();
    return out;
  });
}

Result<VoteOutcome> PostgresStorage::add_vote(const std::string& thread, const std::string& id,
                                              const std::string& voter, int value, std::int64_t now_ms) {
  const auto number = parse_comment_id(id);
  if (!number) return Error{"not_found", "no comment " + id};
  return in_transaction<VoteOutcome>([&](PgConnection& conn) -> Result<VoteOutcome> {
    VoteOutcome out;
    auto inserted =
        conn.run(kInsertVote, {thread, std::to_string(*number), voter, std::to_string(value), std::to_string(now_ms)},
                 "insert vote");
    // No such comment in this thread (the row's foreign key): what SQLite answers too.
    if (!inserted && conn.last_sqlstate() == "23503") return Error{"not_found", "no comment " + id};
    if (!inserted) return inserted.error();
    out.counted = std::string(PQcmdTuples(inserted->get())) == "1";
    auto counted = conn.run(
        kCountVote, {thread, std::to_string(*number), std::to_string(value), out.counted ? "1" : "0"}, "count vote");
    if (!counted) return counted.error();
    if (PQntuples(counted->get()) != 1) return Error{"not_found", "no comment " + id};
    out.up = integer(counted->get(), 0, 0);
    out.down = integer(counted->get(), 0, 1);
    if (out.counted)
      if (auto n = notify_on(conn, thread, std::to_string(*number)); !n) return n.error();
    return out;
  });
}

Result<bool> PostgresStorage::set_status(const std::string& thread, const std::string& id, Status status) {
  const auto number = parse_comment_id(id);
  if (!number) return false;
  if (notifying() && decision_event(status)) return set_status_noted(thread, id, status);
  auto r = run(kSetStatus,
               {thread, std::to_string(*number), std::string(status_name(status)), channel_,
                payload(thread, std::to_string(*number))},
               "set status");
  if (!r) return r.error();
  return PQntuples(r->get()) == 1;
}

// With notifications on, the change and its outbox rows commit together (docs/notifications.md).
Result<Comment> PostgresStorage::insert_noted(const NewComment& comment) {
  return in_transaction<Comment>([&](PgConnection& conn) -> Result<Comment> {
    auto stored = insert_on(conn, comment, comment.parent, true);
    if (!stored) return stored;
    if (auto n = note_on(conn, insert_event(stored->status), stored->thread, stored->id, comment.created_ms); !n)
      return n.error();
    if (auto n = note_subscription_on(conn, comment, *stored, comment.created_ms); !n) return n.error();
    if (auto n = note_replies_on(conn, stored->thread, stored->id, comment.created_ms); !n) return n.error();
    return stored;
  });
}

Result<bool> PostgresStorage::set_status_noted(const std::string& thread, const std::string& id, Status status) {
  return in_transaction<bool>([&](PgConnection& conn) -> Result<bool> {
    auto r = conn.run(kSetStatus,
                      {thread, std::to_string(*parse_comment_id(id)), std::string(status_name(status)), channel_,
                       payload(thread, id)},
                      "set status");
    if (!r) return r.error();
    if (PQntuples(r->get()) != 1) return false;
    if (const auto event = decision_event(status))
      if (auto n = note_on(conn, *event, thread, id, outbox_clock_ms()); !n) return n.error();
    // Approved from the queue: now its replies' subscribers hear of it.
    if (status == Status::published)
      if (auto n = note_replies_on(conn, thread, id, outbox_clock_ms(), true); !n) return n.error();
    return true;
  });
}

Result<std::vector<HeldComment>> PostgresStorage::held(std::size_t limit) {
  auto r = run(kHeld, {std::to_string(limit)}, "list held comments");
  if (!r) return r.error();
  return read_held(r->get());
}

Result<StorageDump> PostgresStorage::dump() {
  // One snapshot: the three tables agree with each other.
  return in_transaction<StorageDump>(
      [&](PgConnection& conn) -> Result<StorageDump> {
        StorageDump out;
        auto comments = conn.run(kDumpComments, {}, "read comments");
        if (!comments) return comments.error();
        out.comments = read_held(comments->get());
        for (std::size_t i = 0; i < out.comments.size(); ++i)
          out.comments[i].edit_key_hash = text(comments->get(), static_cast<int>(i), 17);
        auto reports = conn.run(kDumpReports, {}, "read reports");
        if (!reports) return reports.error();
        for (int i = 0; i < PQntuples(reports->get()); ++i) {
          pg_result* r = reports->get();
          out.reports.push_back({text(r, i, 0), text(r, i, 1), text(r, i, 2), integer(r, i, 3)});
        }
        auto votes = conn.run(kDumpVotes, {}, "read votes");
        if (!votes) return votes.error();
        for (int i = 0; i < PQntuples(votes->get()); ++i) {
          pg_result* v = votes->get();
          out.votes.push_back(
              {text(v, i, 0), text(v, i, 1), text(v, i, 2), static_cast<int>(integer(v, i, 3)), integer(v, i, 4)});
        }
        return out;
      },
      "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY");
}

Result<bool> PostgresStorage::restore(const StorageDump& dump) {
  return in_transaction<bool>([&](PgConnection& conn) -> Result<bool> {
    for (const auto& h : dump.comments) {
      const Comment& c = h.comment;
      if (!parse_comment_id(c.id))
        return Error{"invalid_argument", "comment id \"" + c.id + "\" is not a positive integer"};
      const auto parent = parse_comment_id(c.parent);
      auto r = conn.run(
          kRestoreComment,
          {c.id, c.thread, parent ? std::optional<std::string>(c.parent) : std::nullopt, c.author, h.email, c.body,
           c.external_id, std::to_string(c.created_ms), std::string(status_name(c.status)), std::to_string(c.up),
           std::to_string(c.down), std::to_string(c.reports), reasons_to_json(h.reasons), h.ip,
           std::to_string(c.pinned), std::to_string(c.edited_ms), network_block(h.ip), c.badge, h.edit_key_hash},
          "copy comment");
      if (!r) return r.error();
    }
    for (const auto& row : dump.reports) {
      auto r = conn.run(kRestoreReport, {row.thread, row.comment_id, row.reporter, std::to_string(row.created_ms)},
                        "copy report");
      if (!r) return r.error();
    }
    for (const auto& row : dump.votes) {
      auto r =
          conn.run(kRestoreVote,
                   {row.thread, row.comment_id, row.voter, std::to_string(row.value), std::to_string(row.created_ms)},
                   "copy vote");
      if (!r) return r.error();
    }
    auto r = conn.run(kRestoreSequence, {}, "advance the id sequence");
    if (!r) return r.error();
    return true;
  });
}

Result<RateDecision> PostgresStorage::take_token(const std::string& kind, const std::string& client, RateLimit limit,
                                                 std::int64_t now_ms) {
  const double per_ms = limit.per_minute / 60000.0;
  const PgParams params = {kind, client, double_text(limit.burst), double_text(per_ms), std::to_string(now_ms)};
  auto conn = pool_->lease();
  if (!conn) return conn.error();
  // Now and then, per instance: drop full buckets so many distinct clients cannot grow the table without bound.
  auto last = last_sweep_ms_.load();
  if (now_ms - last > 60000 && last_sweep_ms_.compare_exchange_strong(last, now_ms)) {
    auto swept =
        (*conn)->run(kSweepBuckets, {kind, double_text(limit.burst), double_text(per_ms), std::to_string(now_ms)},
                     "sweep rate buckets");
    if (!swept) return swept.error();
  }
  auto taken = (*conn)->run(kTakeToken, params, "take a rate token");
  if (!taken) return taken.error();
  if (PQntuples(taken->get()) == 1) return RateDecision{};
  auto bucket = (*conn)->run(kBucket, {kind, client}, "read a rate bucket");
  if (!bucket) return bucket.error();
  double tokens = 0;
  if (PQntuples(bucket->get()) == 1) {
    const double stored = std::strtod(PQgetvalue(bucket->get(), 0, 0), nullptr);
    const auto elapsed = static_cast<double>(std::max<std::int64_t>(0, now_ms - integer(bucket->get(), 0, 1)));
    tokens = std::min(limit.burst, stored + elapsed * per_ms);
  }
  const double wait_ms = per_ms > 0 ? (1.0 - tokens) / per_ms : 60000.0;
  return RateDecision{false, static_cast<std::uint32_t>(std::max(1.0, std::ceil(wait_ms / 1000.0)))};
}

void PostgresStorage::watch(ChangeListener changed) {
  if (listener_.joinable()) return;
  listener_ = std::thread([this, changed = std::move(changed)] { listen_loop(changed); });
}

// Runs on the listener thread until the storage closes. Whenever LISTEN
// starts (first, or on a reopened connection) the whole cache is marked stale
// ("" to `changed`): what was written before went unannounced to it, and a
// read may have filled the cache before the listener was connected.
void PostgresStorage::listen_loop(const ChangeListener& changed) {
  while (!stopping_) {
    auto conn = pg_connect(pool_->url());
    bool listening = false;
    if (conn) {
      listening = true;
      for (const std::string* name : {&channel_, &settings_channel_}) {
        char* quoted = PQescapeIdentifier((*conn)->raw(), name->c_str(), name->size());
        listening = listening && quoted != nullptr && (*conn)->exec(std::string("LISTEN ") + quoted, "listen").ok();
        if (quoted != nullptr) PQfreemem(quoted);
      }
    }
    if (!listening) {
      for (int i = 0; i < 10 && !stopping_; ++i) std::this_thread::sleep_for(std::chrono::milliseconds(100));
      continue;
    }
    changed("", "");
    settings_changed("", "");
    pg_conn* raw = (*conn)->raw();
    while (!stopping_) {
      pollfd p{PQsocket(raw), POLLIN, 0};
      if (poll(&p, 1, 200) < 0) break;
      if (PQconsumeInput(raw) == 0) break;  // the connection is gone
      while (PGnotify* n = PQnotifies(raw)) {
        const std::string message = n->extra;
        const bool settings = settings_channel_ == n->relname;
        PQfreemem(n);
        const auto first = message.find(' ');
        const auto second = first == std::string::npos ? first : message.find(' ', first + 1);
        if (second == std::string::npos || message.compare(0, first, instance_) == 0) continue;
        if (settings) {
          settings_changed(message.substr(first + 1, second - first - 1), message.substr(second + 1));
          continue;
        }
        changed(message.substr(first + 1, second - first - 1), message.substr(second + 1));
      }
    }
  }
}

}  // namespace soundoff::server
