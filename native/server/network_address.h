// Client addresses as the server reasons about them: parsed with inet_pton
// (never by character classes), IPv4-mapped IPv6 unwrapped, matched against
// CIDR ranges, and reduced to the network one party controls (an IPv4
// address, an IPv6 /64) for votes, reports, rate limits and connection limits.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace soundoff::server {

struct IpAddress {
  bool v6 = false;
  std::array<std::uint8_t, 16> bytes{};  // IPv4 uses the first 4

  // Parses an IPv4 or IPv6 literal (no brackets, no port, no zone); an
  // IPv4-mapped IPv6 address (::ffff:a.b.c.d) becomes the IPv4 address.
  static std::optional<IpAddress> parse(std::string_view text);
  // The canonical text form (inet_ntop).
  std::string to_string() const;
  std::size_t bits() const { return v6 ? 128 : 32; }
};

// An address range "a.b.c.d/n", "x::/n", or a single address.
struct IpRange {
  IpAddress base;
  std::size_t prefix = 0;

  // nullopt for text that is not an address or an address with a valid prefix length.
  static std::optional<IpRange> parse(std::string_view text);
  bool contains(const IpAddress& address) const;
};

// Parses every entry of `specs`; the first invalid one is reported by the
// caller (config.cpp) so a typo never silently trusts nobody, or everybody.
std::optional<std::vector<IpRange>> parse_ranges(const std::vector<std::string>& specs, std::string* bad_entry);

bool in_any(const std::vector<IpRange>& ranges, const IpAddress& address);

// The key of the network one party controls: the IPv4 address itself, or
// the IPv6 /64 written as "2001:db8:1:2::/64". Text that is not an address
// is returned unchanged (it keys only itself).
std::string network_key(std::string_view address);

}  // namespace soundoff::server
