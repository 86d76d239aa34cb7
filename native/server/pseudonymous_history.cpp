#include "server/pseudonymous_history.h"

#include <algorithm>
#include <set>

namespace soundoff::server {

Result<bool> include_pseudonymous_history(Storage& store, const std::string& author, const std::string& client,
                                          const std::string& pseudonym, std::size_t limit,
                                          std::vector<AttributedComment>& recent,
                                          std::vector<AttributedComment>& history) {
  if (pseudonym.empty()) return true;
  auto hashed = store.author_history(author, pseudonym, limit);
  if (!hashed) return hashed.error();
  std::set<std::string> seen;
  for (const auto& c : history) seen.insert(c.comment.id);
  for (auto& c : *hashed)
    if (seen.insert(c.comment.id).second) history.push_back(std::move(c));
  const auto number = [](const AttributedComment& c) { return parse_comment_id(c.comment.id).value_or(0); };
  std::sort(history.begin(), history.end(),
            [&](const AttributedComment& a, const AttributedComment& b) { return number(a) > number(b); });
  if (history.size() > limit) history.resize(limit);
  for (auto* rows : {&recent, &history})
    for (auto& c : *rows)
      if (c.ip == pseudonym) c.ip = client;
  return true;
}

}  // namespace soundoff::server
