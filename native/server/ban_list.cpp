#include "server/ban_list.h"

#include <algorithm>

#include "server/network_address.h"
#include "server/network_block.h"
#include "soundoff/text_rules.h"

namespace soundoff::server {

namespace {

std::string ascii_lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(),
                 [](unsigned char c) { return static_cast<char>(c >= 'A' && c <= 'Z' ? c + 32 : c); });
  return s;
}

bool applies(const Ban& ban, const std::string& author_key, const std::string& email, const std::string& block,
             const std::string& address) {
  switch (ban.kind) {
    case BanKind::author:
      return !author_key.empty() && ban.value == author_key;
    case BanKind::email:
      return !email.empty() && ban.value == email;
    case BanKind::network:
      return !block.empty() && ban.value == block;
    case BanKind::address:
      return !address.empty() && ban.value == address;
  }
  return false;
}

}  // namespace

std::optional<std::string> normalise_ban_value(BanKind kind, const std::string& text, std::string& problem) {
  switch (kind) {
    case BanKind::author: {
      std::string key = name_key(text);
      if (key.empty()) problem = "value must be an author name";
      return key.empty() ? std::nullopt : std::optional<std::string>(key);
    }
    case BanKind::email:
      if (text.find('@') == std::string::npos || text.size() > 254) {
        problem = "value must be an email address";
        return std::nullopt;
      }
      return ascii_lower(text);
    case BanKind::network:
      if (auto block = parse_network_block(text)) return block;
      problem = "value must be an address, an IPv4 /24 or an IPv6 /64";
      return std::nullopt;
    case BanKind::address:
      if (const auto address = IpAddress::parse(text)) return address->to_string();
      problem = "value must be one IPv4 or IPv6 address";
      return std::nullopt;
  }
  problem = "unknown kind";
  return std::nullopt;
}

Result<bool> BanList::reload(Storage& store, std::int64_t now_ms) {
  auto all = store.bans();
  if (!all) return all.error();
  std::vector<Ban> active;
  for (auto& b : *all)
    if (!b.expires_ms || *b.expires_ms > now_ms) active.push_back(std::move(b));
  auto fresh = std::make_shared<const std::vector<Ban>>(std::move(active));
  std::unique_lock lock(mutex_);
  active_ = std::move(fresh);
  return true;
}

std::optional<Ban> BanList::match(const BanSubject& subject, std::int64_t now_ms) const {
  std::shared_ptr<const std::vector<Ban>> active;
  {
    std::shared_lock lock(mutex_);
    active = active_;
  }
  if (active->empty()) return std::nullopt;
  const std::string author_key = subject.author.empty() ? std::string() : name_key(subject.author);
  const std::string email = ascii_lower(subject.email);
  const auto parsed = IpAddress::parse(subject.address);
  const std::string address = parsed ? parsed->to_string() : subject.address;
  const std::string block = network_block(subject.address);
  std::optional<Ban> shadow;
  for (const auto& ban : *active) {
    if (ban.expires_ms && *ban.expires_ms <= now_ms) continue;  // expired since the last reload
    if (!applies(ban, author_key, email, block, address)) continue;
    if (!ban.shadow) return ban;
    if (!shadow) shadow = ban;
  }
  return shadow;
}

}  // namespace soundoff::server
