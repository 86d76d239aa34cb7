// What the routes behind the links in reader mail share (/notify/confirm,
// /notify/unsubscribe, /notify/erase; docs/notifications.md): the request's
// signed token, and the link the confirm page's button posts back to.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "server/http_types.h"
#include "server/reader_mail_token.h"
#include "server/server_state.h"

namespace soundoff::server {

// The request's `token` parameter when reader mail is on and the token is
// genuine, unexpired and made for `purpose`; nullopt otherwise.
std::optional<ReaderToken> reader_link_token(const ServerState& state, const HttpRequest& req,
                                             ReaderTokenPurpose purpose);

// `path` with the request's token and the checked page language: only the
// signed token and a known language go back into the page (escaped anyway).
std::string reader_link_self(std::string_view path, const HttpRequest& req, const std::string& lang);

}  // namespace soundoff::server
