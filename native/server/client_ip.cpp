#include "server/client_ip.h"

namespace soundoff::server {

namespace {

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

}  // namespace

std::string client_ip(const std::string& peer, std::string_view forwarded_for, const std::vector<IpRange>& trusted) {
  const auto peer_address = IpAddress::parse(peer);
  const std::string canonical_peer = peer_address ? peer_address->to_string() : peer;
  if (!peer_address || !in_any(trusted, *peer_address)) return canonical_peer;
  std::string_view rest = forwarded_for;
  while (!rest.empty()) {
    const auto comma = rest.rfind(',');
    const std::string_view entry = trim(comma == std::string_view::npos ? rest : rest.substr(comma + 1));
    rest = comma == std::string_view::npos ? std::string_view() : rest.substr(0, comma);
    const auto address = IpAddress::parse(entry);
    if (!address) return canonical_peer;
    if (!in_any(trusted, *address)) return address->to_string();
  }
  return canonical_peer;
}

std::string client_ip(const std::string& peer, std::string_view forwarded_for,
                      const std::vector<std::string>& trusted_proxies) {
  const auto ranges = parse_ranges(trusted_proxies, nullptr);
  return client_ip(peer, forwarded_for, ranges ? *ranges : std::vector<IpRange>{});
}

}  // namespace soundoff::server
