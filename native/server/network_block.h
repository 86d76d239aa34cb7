// The block of addresses a network ban covers and the desk shows as an
// address's "network": the IPv4 /24 or the IPv6 /64 that contains it
// (docs/moderation-api.md). Kept per comment so the queue can filter by it
// from an index.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace soundoff::server {

// "203.0.113.0/24" for 203.0.113.7, "2001:db8:1:2::/64" for 2001:db8:1:2::5;
// "" for text that is not an address (imports have none).
std::string network_block(std::string_view address);

// A network as an operator writes it (an address, "a.b.c.d/24", "x::/64")
// reduced to network_block form; nullopt for anything else (other prefix
// lengths name no block the server keeps).
std::optional<std::string> parse_network_block(std::string_view text);

}  // namespace soundoff::server
