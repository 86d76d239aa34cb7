#include "server/network_address.h"

#include <arpa/inet.h>

#include <charconv>
#include <cstring>

namespace soundoff::server {

std::optional<IpAddress> IpAddress::parse(std::string_view text) {
  if (text.empty() || text.size() > INET6_ADDRSTRLEN) return std::nullopt;
  const std::string s(text);
  IpAddress out;
  if (inet_pton(AF_INET, s.c_str(), out.bytes.data()) == 1) return out;
  if (inet_pton(AF_INET6, s.c_str(), out.bytes.data()) != 1) return std::nullopt;
  static constexpr std::uint8_t kMapped[12] = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff};
  if (std::memcmp(out.bytes.data(), kMapped, sizeof kMapped) == 0) {
    std::memmove(out.bytes.data(), out.bytes.data() + 12, 4);
    std::memset(out.bytes.data() + 4, 0, 12);
    return out;
  }
  out.v6 = true;
  return out;
}

std::string IpAddress::to_string() const {
  char buf[INET6_ADDRSTRLEN] = {};
  inet_ntop(v6 ? AF_INET6 : AF_INET, bytes.data(), buf, sizeof buf);
  return buf;
}

std::optional<IpRange> IpRange::parse(std::string_view text) {
  const auto slash = text.find('/');
  const auto base = IpAddress::parse(text.substr(0, slash));
  if (!base) return std::nullopt;
  IpRange range{*base, base->bits()};
  if (slash == std::string_view::npos) return range;
  const std::string_view n = text.substr(slash + 1);
  std::size_t prefix = 0;
  const auto [end, ec] = std::from_chars(n.data(), n.data() + n.size(), prefix);
  if (n.empty() || ec != std::errc() || end != n.data() + n.size() || prefix > base->bits()) return std::nullopt;
  range.prefix = prefix;
  return range;
}

bool IpRange::contains(const IpAddress& address) const {
  if (address.v6 != base.v6) return false;
  const std::size_t whole = prefix / 8;
  if (std::memcmp(address.bytes.data(), base.bytes.data(), whole) != 0) return false;
  const std::size_t rest = prefix % 8;
  if (rest == 0) return true;
  const auto mask = static_cast<std::uint8_t>(0xff << (8 - rest));
  return (address.bytes[whole] & mask) == (base.bytes[whole] & mask);
}

std::optional<std::vector<IpRange>> parse_ranges(const std::vector<std::string>& specs, std::string* bad_entry) {
  std::vector<IpRange> out;
  for (const auto& spec : specs) {
    auto range = IpRange::parse(spec);
    if (!range) {
      if (bad_entry != nullptr) *bad_entry = spec;
      return std::nullopt;
    }
    out.push_back(*range);
  }
  return out;
}

bool in_any(const std::vector<IpRange>& ranges, const IpAddress& address) {
  for (const auto& r : ranges)
    if (r.contains(address)) return true;
  return false;
}

std::string network_key(std::string_view address) {
  auto parsed = IpAddress::parse(address);
  if (!parsed) return std::string(address);
  if (!parsed->v6) return parsed->to_string();
  std::memset(parsed->bytes.data() + 8, 0, 8);
  return parsed->to_string() + "/64";
}

}  // namespace soundoff::server
