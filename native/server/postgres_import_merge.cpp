// PostgreSQL: the insert an import merging by external id needs (import_merge.h).
#include <unordered_set>

#include "server/postgres_storage.h"

namespace soundoff::server {

Result<std::vector<std::string>> PostgresStorage::insert_batch_under(
    const std::vector<NewComment>& comments, const std::unordered_map<std::string, std::string>& stored_parents) {
  return in_transaction<std::vector<std::string>>([&](PgConnection& conn) -> Result<std::vector<std::string>> {
    std::unordered_map<std::string, std::string> new_ids;  // batch key -> new id
    std::vector<std::string> ids;
    ids.reserve(comments.size());
    for (const auto& c : comments) {
      std::string parent_id;
      if (const auto in_batch = new_ids.find(c.parent); in_batch != new_ids.end()) {
        parent_id = in_batch->second;
      } else if (const auto stored = stored_parents.find(c.parent); stored != stored_parents.end()) {
        parent_id = stored->second;
      }
      auto inserted = insert_on(conn, c, parent_id, false);
      if (!inserted) return inserted.error();
      const std::string& key = c.batch_key.empty() ? c.external_id : c.batch_key;
      if (!key.empty()) new_ids[key] = inserted->id;
      ids.push_back(inserted->id);
    }
    // Other instances drop their cached copies of these threads, as after insert_batch.
    std::unordered_set<std::string> threads;
    for (const auto& c : comments)
      if (threads.insert(c.thread).second)
        if (auto n = notify_on(conn, c.thread, ""); !n) return n.error();
    return ids;
  });
}

}  // namespace soundoff::server
