// Mail addresses in listings that need to show whom a row is for, not the
// whole address (docs/privacy.md: readers' addresses stay out of views that
// do not need them).
#pragma once

#include <string>

namespace soundoff::server {

// "m***@example.com" for "mia@example.com": the first character of the local
// part (none when it has only one) and the domain. Without an '@' the whole
// text becomes "***".
std::string masked_address(const std::string& address);

}  // namespace soundoff::server
