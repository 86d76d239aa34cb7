// Who is asking: the peer address, or the X-Forwarded-For client when the
// peer is one of our configured proxies. Anyone else could write any
// X-Forwarded-For they like, so theirs is ignored.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace soundoff::server {

// Walks X-Forwarded-For from the right (the entry our proxy appended) and
// returns the first address that is not a trusted proxy. Returns `peer`
// when the peer is not trusted or the header is empty or malformed.
std::string client_ip(const std::string& peer, std::string_view forwarded_for,
                      const std::vector<std::string>& trusted_proxies);

}  // namespace soundoff::server
