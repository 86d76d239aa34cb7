#include "server/ban_check.h"

#include "server/http_util.h"
#include "server/server_state.h"

namespace soundoff::server {

BanCheck check_bans(const ServerState& state, HttpResponse& res, const BanSubject& subject, bool comment) {
  const auto ban = state.bans.match(subject, now_ms());
  if (!ban) return BanCheck::clear;
  if (ban->shadow && comment) return BanCheck::shadow;
  // Which ban, and why, stays with the moderators.
  send_error(res, 403, "banned", comment ? "you may not comment here" : "you may not vote or report here");
  return BanCheck::refused;
}

}  // namespace soundoff::server
