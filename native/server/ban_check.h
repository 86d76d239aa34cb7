// The ban check every public POST makes (docs/moderation-api.md, "Bans").
#pragma once

#include "server/ban_list.h"
#include "server/http_types.h"

namespace soundoff::server {

struct ServerState;

enum class BanCheck { clear, refused, shadow };

// `refused`: a ban applies and 403 banned was sent. `shadow`: only a shadow
// ban applies and `comment` is true; the caller stores the comment as spam
// and answers as if it were published. Votes and reports have nothing to
// hide, so any ban (shadow too) refuses them.
BanCheck check_bans(const ServerState& state, HttpResponse& res, const BanSubject& subject, bool comment);

}  // namespace soundoff::server
