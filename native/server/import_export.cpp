#include "server/import_export.h"

#include <tuple>
#include <unordered_map>

#include "import/importers.h"
#include "server/http_util.h"
#include "server/thread_states.h"
#include "soundoff/url_normalise.h"

namespace soundoff::server {

std::string thread_page_url(const import::ImportedThread& thread) {
  if (!thread.url.empty()) {
    auto url = normalise_url(thread.url);
    return url ? *url : thread.url;
  }
  auto from_key = normalise_url(thread.key);
  return from_key ? *from_key : std::string();
}

namespace {

// The source's vote counts as votes of synthetic voters "import:up:<n>" and
// "import:down:<n>" (the voters themselves did not travel): the counters,
// the score sort and a later export show what the old system showed. A source
// with only a score gives that many up (or down) votes.
Result<void> import_votes(Storage& store, const std::string& key, const import::ImportedThread& thread) {
  std::unordered_map<std::string, std::string> stored_id;  // source id -> new id
  bool any = false;
  for (const auto& c : thread.comments) any = any || c.up != 0 || c.down != 0 || c.score != 0;
  if (!any) return {};
  auto stored = store.load_thread(key);
  if (!stored) return stored.error();
  for (const auto& c : *stored) stored_id.emplace(c.external_id, c.id);
  for (const auto& c : thread.comments) {
    std::int64_t up = c.up;
    std::int64_t down = c.down;
    if (up == 0 && down == 0) (c.score > 0 ? up : down) = c.score > 0 ? c.score : -c.score;
    const auto found = stored_id.find(c.external_id.empty() ? c.id : c.external_id);
    if (found == stored_id.end()) continue;
    for (const auto& [count, value, prefix] : {std::tuple{up, 1, "import:up:"}, std::tuple{down, -1, "import:down:"}})
      for (std::int64_t n = 0; n < count; ++n)
        if (auto r = store.add_vote(key, found->second, prefix + std::to_string(n), value, c.created_ms); !r)
          return r.error();
  }
  return {};
}

}  // namespace

Result<std::size_t> import_into(Storage& store, const import::ImportResult& imported, std::vector<KeyMapping>* mapped) {
  for (const auto& source : imported.threads) {
    const std::string key = thread_key_for(source.key);
    auto existing = store.load_thread(key);
    if (!existing) return existing.error();
    if (!existing->empty())
      return Error{"thread_not_empty", "thread \"" + key + "\" already has " + std::to_string(existing->size()) +
                                           " comments; import into a new database (nothing was imported)"};
  }
  std::size_t inserted = 0;
  for (const auto& thread : imported.threads) {
    const std::string key = thread_key_for(thread.key);
    if (mapped && key != thread.key) mapped->push_back({thread.key, key});
    std::vector<NewComment> rows;
    rows.reserve(thread.comments.size());
    for (const auto& c : thread.comments) {
      NewComment row;
      row.thread = key;
      row.parent = c.parent;
      row.batch_key = c.id;
      row.external_id = c.external_id.empty() ? c.id : c.external_id;
      row.author = c.author;
      row.body = c.body;
      row.created_ms = c.created_ms;
      row.status = c.status;
      row.badge = c.badge;  // a backup keeps its account badges (parse_document allows only the server's)
      rows.push_back(std::move(row));
    }
    auto n = store.insert_batch(rows);
    if (!n) return n.error();
    inserted += *n;
    if (auto votes = import_votes(store, key, thread); !votes) return votes.error();
    // An imported thread is one the site has: it stays open to comments under thread_creation "known".
    // The console links the URL: one the source gave as javascript: or the like is dropped.
    const std::string page = thread_page_url(thread);
    const std::string url = linkable_thread_url(page) ? page : std::string();
    if (auto r = store.register_thread(key, thread.title, url, now_ms()); !r) return r.error();
  }
  return inserted;
}

Result<std::string> export_all(Storage& store, const std::string& only) {
  std::vector<std::string> keys;
  if (only.empty()) {
    auto all = store.thread_keys();
    if (!all) return all.error();
    keys = std::move(*all);
  } else {
    keys.push_back(only);
  }
  std::vector<import::ImportedThread> threads;
  for (const auto& key : keys) {
    auto comments = store.load_thread(key);
    if (!comments) return comments.error();
    auto registry = store.thread_record(key);
    if (!registry) return registry.error();
    if (!only.empty() && comments->empty() && !*registry) return Error{"not_found", "no thread " + key};
    import::ImportedThread t;
    t.key = key;
    if (*registry) {
      t.title = (*registry)->title;
      t.url = (*registry)->url;
    }
    t.comments = std::move(*comments);
    for (auto& c : t.comments) c.thread.clear();  // the thread is the document's
    threads.push_back(std::move(t));
  }
  return import::write_export(threads);
}

}  // namespace soundoff::server
