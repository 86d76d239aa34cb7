#include "server/import_merge.h"

#include <algorithm>
#include <unordered_map>

#include "server/http_util.h"
#include "server/thread_states.h"
#include "soundoff/url_normalise.h"

namespace soundoff::server {

namespace {

std::string source_external_id(const Comment& c) { return c.external_id.empty() ? c.id : c.external_id; }

// The vote counts the source shows; a source with only a score gives that many up (or down) votes.
std::pair<std::int64_t, std::int64_t> source_votes(const Comment& c) {
  if (c.up != 0 || c.down != 0) return {c.up, c.down};
  return c.score > 0 ? std::pair<std::int64_t, std::int64_t>{c.score, 0}
                     : std::pair<std::int64_t, std::int64_t>{0, -c.score};
}

// Adds synthetic votes of `value` until `current` reaches `wanted`. A
// synthetic voter already stored (an earlier import) is skipped. Returns
// whether any vote was counted.
Result<bool> top_up(Storage& store, const std::string& key, const std::string& id, int value, std::int64_t current,
                    std::int64_t wanted, std::int64_t when_ms) {
  const std::string prefix = value > 0 ? "import:up:" : "import:down:";
  bool changed = false;
  // Each voter name that is not counted is already among `current`, so this ends within 2 * wanted tries.
  for (std::int64_t n = 0; current < wanted && n < 2 * wanted + 1; ++n) {
    auto vote = store.add_vote(key, id, prefix + std::to_string(n), value, when_ms);
    if (!vote) return vote.error();
    if (!vote->counted) continue;
    changed = true;
    current = value > 0 ? vote->up : vote->down;
  }
  return changed;
}

Result<bool> bring_votes(Storage& store, const std::string& key, const Comment& stored, const Comment& source) {
  const auto [up, down] = source_votes(source);
  auto ups = top_up(store, key, stored.id, 1, stored.up, up, source.created_ms);
  if (!ups) return ups.error();
  auto downs = top_up(store, key, stored.id, -1, stored.down, down, source.created_ms);
  if (!downs) return downs.error();
  return *ups || *downs;
}

NewComment row_for(const std::string& key, const Comment& c) {
  NewComment row;
  row.thread = key;
  row.parent = c.parent;
  row.batch_key = c.id;
  row.external_id = source_external_id(c);
  row.author = c.author;
  row.body = c.body;
  row.created_ms = c.created_ms;
  row.status = c.status;
  return row;
}

}  // namespace

Result<void> merge_thread_into(Storage& store, const import::ImportedThread& thread, MergeReport& report,
                               const MergeProgress& progress, std::size_t chunk) {
  if (chunk == 0) chunk = 1;
  const std::string key = thread_key_for(thread.key);
  if (key != thread.key) report.mapped.push_back({thread.key, key});
  // Before any insert: the comment triggers create a registry row of their own.
  auto record = store.thread_record(key);
  if (!record) return record.error();
  const bool register_it = !record->has_value() || !(*record)->registered;

  auto stored = store.load_thread(key);
  if (!stored) return stored.error();
  std::unordered_map<std::string, const Comment*> by_external;  // external id -> stored comment
  for (const auto& c : *stored)
    if (!c.external_id.empty()) by_external.emplace(c.external_id, &c);

  std::unordered_map<std::string, std::string> stored_parents;  // the source's id -> stored id
  std::vector<const Comment*> fresh;
  for (const auto& c : thread.comments) {
    const auto found = by_external.find(source_external_id(c));
    if (found == by_external.end()) {
      fresh.push_back(&c);
      continue;
    }
    ++report.present;
    stored_parents.emplace(c.id, found->second->id);
    bool changed = false;
    if (found->second->status != c.status) {
      auto set = store.set_status(key, found->second->id, c.status);
      if (!set) return set.error();
      changed = *set;
    }
    auto votes = bring_votes(store, key, *found->second, c);
    if (!votes) return votes.error();
    if (changed || *votes) ++report.updated;
  }

  for (std::size_t start = 0; start < fresh.size(); start += chunk) {
    const std::size_t end = std::min(fresh.size(), start + chunk);
    std::vector<NewComment> rows;
    rows.reserve(end - start);
    for (std::size_t i = start; i < end; ++i) rows.push_back(row_for(key, *fresh[i]));
    auto ids = store.insert_batch_under(rows, stored_parents);
    if (!ids) return ids.error();
    // Later chunks find these as stored parents.
    for (std::size_t i = start; i < end; ++i) {
      const Comment& c = *fresh[i];
      const std::string& id = (*ids)[i - start];
      stored_parents.emplace(c.id, id);
      const auto [up, down] = source_votes(c);
      if (up > 0 || down > 0) {
        Comment inserted;
        inserted.id = id;
        if (auto votes = bring_votes(store, key, inserted, c); !votes) return votes.error();
      }
    }
    report.inserted += ids->size();
    if (progress) progress(report.inserted);
  }

  if (register_it) {
    // The console links the URL: one the source gave as javascript: or the like is dropped.
    const std::string page = thread_page_url(thread);
    const std::string url = linkable_thread_url(page) ? page : std::string();
    if (auto r = store.register_thread(key, thread.title, url, now_ms()); !r) return r.error();
    ++report.threads_created;
  }
  return {};
}

Result<MergeReport> merge_into(Storage& store, const import::ImportResult& imported, const MergeProgress& progress,
                               std::size_t chunk) {
  MergeReport report;
  for (const auto& thread : imported.threads)
    if (auto merged = merge_thread_into(store, thread, report, progress, chunk); !merged) return merged.error();
  return report;
}

}  // namespace soundoff::server
