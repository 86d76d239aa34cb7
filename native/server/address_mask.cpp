#include "server/address_mask.h"

namespace soundoff::server {

std::string masked_address(const std::string& address) {
  const auto at = address.rfind('@');
  if (at == std::string::npos) return "***";
  const std::string local = address.substr(0, at);
  // A one-character local part shown in full would be the address itself.
  // Reader addresses are checked printable ASCII (safe_mail_address), so one byte is one character.
  return (local.size() > 1 ? local.substr(0, 1) : std::string()) + "***" + address.substr(at);
}

}  // namespace soundoff::server
