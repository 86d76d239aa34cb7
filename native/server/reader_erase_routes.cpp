// The reader's own erase link (docs/privacy.md, "Erasing a person"; the link
// ends every confirmation and reply mail): GET /notify/erase?token=… only
// shows a page with a button, because mail scanners and link previews fetch
// every link in a message; the button's POST erases every comment written
// with the token's address on the site, by the same path as the admin erase
// (person_erase.h). The signed token (purpose erase, reader_mail_token.h) is
// the whole authority: no cookie, no CSRF token.
#include <string>

#include "server/http_util.h"
#include "server/person_erase.h"
#include "server/reader_link_request.h"
#include "server/reader_mail_pages.h"
#include "server/server_state.h"

namespace soundoff::server {

namespace {

// Who the audit row names: the reader, through their link. No network: the
// row must not keep where the person erased themselves from. (The row has no
// role; Actor's is unused here and grants nothing: no route authorises by it.)
const Actor kReader{"reader", Role::moderator, "erase_link", ""};

void handle_erase(ServerState& state, const HttpRequest& req, HttpResponse& res, bool post) {
  const std::string lang = reader_page_lang(req);
  const auto token = reader_link_token(state, req, ReaderTokenPurpose::erase);
  if (!token || token->address.empty()) return send_reader_page(res, 400, lang, ReaderPage::erase_invalid);
  if (!post)
    return send_reader_page(res, 200, lang, ReaderPage::erase_ask, {{"address", token->address}},
                            reader_link_self("/notify/erase", req, lang));
  // Like the admin erase by default: the comments go, replies by others stay as orphans. Erasing
  // the subscriptions of the address is part of it.
  const auto erased = erase_person_now(state, kReader, token->address, false);
  if (!erased) return send_internal_error(res, erased.error());
  // A second POST erases nothing and says 0: the reader's wish is met either way.
  const std::string count = std::to_string(erased->removed + erased->tombstoned);
  send_reader_page(res, 200, lang, ReaderPage::erase_done, {{"address", token->address}, {"count", count}});
}

}  // namespace

void add_reader_erase_routes(Router& http, ServerState& state) {
  http.get("/notify/erase",
           [&state](const HttpRequest& req, HttpResponse& res) { handle_erase(state, req, res, false); });
  http.post("/notify/erase",
            [&state](const HttpRequest& req, HttpResponse& res) { handle_erase(state, req, res, true); });
}

}  // namespace soundoff::server
