// The demo page's "log in as a reader" switch (docs/sso.md, "Demo sign-in"):
// POST /demo/login mints a short-lived HS256 token for any name, so the demo
// shows signed-in posting, reserved names and badges without a real site.
// It exists only when the config says identity.demo_login (never on a real
// site: whoever can reach it can sign in as anyone).
#pragma once

#include "server/router.h"

namespace soundoff::server {

struct ServerState;

// Whether this server has the switch (identity.demo_login with a verifier).
bool demo_login_enabled(const ServerState& state);

// Adds POST /demo/login when demo_login_enabled; else nothing (a 404).
void add_demo_login_route(Router& http, ServerState& state);

}  // namespace soundoff::server
