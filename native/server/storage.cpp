// Choosing a backend from the --db value, and what both backends share.
#include "server/storage.h"

#include <charconv>
#include <nlohmann/json.hpp>
#include <unordered_map>

#include "server/postgres_storage.h"
#include "server/sqlite_storage.h"

namespace soundoff::server {

namespace {

bool starts_with(const std::string& s, std::string_view prefix) { return s.compare(0, prefix.size(), prefix) == 0; }

}  // namespace

Result<std::unique_ptr<Storage>> open_storage(const std::string& spec, const StorageOptions& options) {
  if (starts_with(spec, "postgres://") || starts_with(spec, "postgresql://")) {
    auto pg = PostgresStorage::open(spec, options.pool);
    if (!pg) return pg.error();
    return std::unique_ptr<Storage>(std::move(*pg));
  }
  const std::string path = starts_with(spec, "sqlite:") ? spec.substr(7) : spec;
  if (path.empty()) return Error{"invalid_config", "give the database: --db PATH, sqlite:PATH or postgres://..."};
  auto lite = SqliteStorage::open(path, options.synchronous);
  if (!lite) return lite.error();
  return std::unique_ptr<Storage>(std::move(*lite));
}

Result<void> for_each_thread_record(Storage& store, const std::function<Result<void>(const ThreadRecord&)>& visit) {
  ThreadListQuery page;
  page.limit = 500;
  for (;;) {
    auto rows = store.list_threads(page);
    if (!rows) return rows.error();
    for (const auto& t : *rows)
      if (auto r = visit(t); !r) return r;
    if (rows->size() < page.limit) return {};
    page.after = std::pair{rows->back().last_activity_ms, rows->back().key};
  }
}

Result<std::size_t> insert_in_order(
    const std::vector<NewComment>& comments,
    const std::function<Result<Comment>(const NewComment& comment, const std::string& parent_id)>& insert_one) {
  std::unordered_map<std::string, std::string> new_ids;  // batch key -> new id
  for (const auto& c : comments) {
    const auto mapped = new_ids.find(c.parent);
    auto inserted = insert_one(c, mapped == new_ids.end() ? std::string() : mapped->second);
    if (!inserted) return inserted.error();
    const std::string& key = c.batch_key.empty() ? c.external_id : c.batch_key;
    if (!key.empty()) new_ids[key] = inserted->id;
  }
  return comments.size();
}

std::optional<std::int64_t> parse_comment_id(const std::string& id) {
  if (id.empty() || id.size() > 18 || (id.size() > 1 && id[0] == '0')) return std::nullopt;
  std::int64_t value = 0;
  const auto [end, ec] = std::from_chars(id.data(), id.data() + id.size(), value);
  if (ec != std::errc() || end != id.data() + id.size() || value <= 0) return std::nullopt;
  return value;
}

std::string reasons_to_json(const std::vector<std::string>& reasons) {
  return nlohmann::json(reasons).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

std::vector<std::string> reasons_from_json(const std::string& text) {
  std::vector<std::string> out;
  const auto j = nlohmann::json::parse(text, nullptr, false);
  if (!j.is_array()) return out;
  for (const auto& r : j)
    if (r.is_string()) out.push_back(r.get<std::string>());
  return out;
}

}  // namespace soundoff::server
