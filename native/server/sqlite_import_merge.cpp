// SQLite: the insert an import merging by external id needs (import_merge.h).
#include <mutex>

#include "server/sqlite_storage.h"

namespace soundoff::server {

Result<std::vector<std::string>> SqliteStorage::insert_batch_under(
    const std::vector<NewComment>& comments, const std::unordered_map<std::string, std::string>& stored_parents) {
  std::lock_guard lock(mutex_);
  return in_transaction<std::vector<std::string>>([&]() -> Result<std::vector<std::string>> {
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
      auto inserted = insert_locked(c, parent_id);
      if (!inserted) return inserted.error();
      const std::string& key = c.batch_key.empty() ? c.external_id : c.batch_key;
      if (!key.empty()) new_ids[key] = inserted->id;
      ids.push_back(inserted->id);
    }
    return ids;
  });
}

}  // namespace soundoff::server
