#include "server/network_block.h"

#include <cstring>

#include "server/network_address.h"

namespace soundoff::server {

namespace {

std::string block_of(IpAddress address) {
  if (address.v6) {
    std::memset(address.bytes.data() + 8, 0, 8);
    return address.to_string() + "/64";
  }
  address.bytes[3] = 0;
  return address.to_string() + "/24";
}

}  // namespace

std::string network_block(std::string_view address) {
  const auto parsed = IpAddress::parse(address);
  return parsed ? block_of(*parsed) : std::string();
}

std::optional<std::string> parse_network_block(std::string_view text) {
  if (const auto address = IpAddress::parse(text)) return block_of(*address);
  const auto range = IpRange::parse(text);
  if (!range || range->prefix != (range->base.v6 ? 64u : 24u)) return std::nullopt;
  return block_of(range->base);
}

}  // namespace soundoff::server
