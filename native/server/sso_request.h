// Who a public request comes from when the site signs its readers in
// (docs/sso.md): the X-Soundoff-User token, the keys votes, reports and rate
// limits count by, and the reservation of account names.
#pragma once

#include <optional>
#include <string>

#include "server/http_types.h"
#include "server/sso_token.h"
#include "server/storage.h"

namespace soundoff::server {

struct ServerState;

inline constexpr const char* kSsoHeader = "X-Soundoff-User";

// The signed-in account, or none for an anonymous reader. Returns nullopt
// after sending 401: a token that does not verify (invalid_sso_token; a
// bad token is never quietly treated as anonymous), or none in "required"
// mode (sign_in_required). In "anonymous" mode the header is ignored.
std::optional<std::optional<SsoAccount>> request_account(const ServerState& state, const HttpRequest& req,
                                                         HttpResponse& res);

// What one voice is counted by: the account when signed in, else the network.
std::string actor_key(const std::optional<SsoAccount>& account, const std::string& network);

// The badge a comment by this reader carries (Comment::badge): "" anonymous,
// "staff" for a staff role, else "verified". From the verified token only.
std::string account_badge(const std::optional<SsoAccount>& account);

// The account holding `name` (by core's name_key: case, punctuation and
// look-alike symbols ignored), or "" when no account holds it.
Result<std::string> name_holder(Storage& store, const std::string& name);

// Makes `account.name` the account's: later anonymous posts under it are refused.
Result<bool> reserve_account_name(Storage& store, const SsoAccount& account, std::int64_t now_ms);

}  // namespace soundoff::server
