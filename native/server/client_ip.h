// Who is asking: the peer address, or the X-Forwarded-For client when the
// peer is one of our configured proxies. Anyone else could write any
// X-Forwarded-For they like, so theirs is ignored.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "server/network_address.h"

namespace soundoff::server {

// Walks X-Forwarded-For (every line of it, joined with commas) from the right
// (the entry our proxy appended) past the trusted proxies and returns the
// first address that is not one, in canonical form (IPv4-mapped IPv6
// unwrapped). Returns `peer` when the peer is not trusted, the header is
// empty, or an entry is not an IP address (a proxy never writes that).
std::string client_ip(const std::string& peer, std::string_view forwarded_for, const std::vector<IpRange>& trusted);
// The same with the ranges as config text ("10.0.0.1", "10.0.0.0/8", "fd00::/8"); invalid entries trust nobody.
std::string client_ip(const std::string& peer, std::string_view forwarded_for,
                      const std::vector<std::string>& trusted_proxies);

}  // namespace soundoff::server
