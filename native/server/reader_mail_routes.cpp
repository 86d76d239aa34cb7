// The links in reader mail (docs/notifications.md, "Reader mail"):
// /notify/confirm and /notify/unsubscribe. A GET only shows a page with a
// button, because mail scanners and link previews fetch every link in a
// message; the button's POST does the change. POST /notify/unsubscribe is
// also RFC 8058's one-click target (body List-Unsubscribe=One-Click): no
// cookie, no CSRF token, the signed token is the whole authority.
#include <map>
#include <nlohmann/json.hpp>

#include "server/http_util.h"
#include "server/reader_link_request.h"
#include "server/reader_mail_pages.h"
#include "server/server_state.h"

namespace soundoff::server {

namespace {

constexpr const char* kTokenKeySetting = "reader_token_key";

enum class LinkAction { confirm, unsubscribe };

// The page's placeholders from the token.
std::map<std::string, std::string> token_values(const ReaderToken& token) {
  return {{"address", token.address}, {"thread", token.thread}};
}

void handle(ServerState& state, const HttpRequest& req, HttpResponse& res, LinkAction action, bool post) {
  const bool confirm = action == LinkAction::confirm;
  const std::string lang = reader_page_lang(req);
  const auto token =
      reader_link_token(state, req, confirm ? ReaderTokenPurpose::confirm : ReaderTokenPurpose::unsubscribe);
  if (!token) return send_reader_page(res, 400, lang, ReaderPage::invalid);
  if (!post)
    return send_reader_page(res, 200, lang, confirm ? ReaderPage::confirm_ask : ReaderPage::unsubscribe_ask,
                            token_values(*token),
                            reader_link_self(confirm ? "/notify/confirm" : "/notify/unsubscribe", req, lang));
  if (confirm) {
    const auto done = state.store->confirm_subscription(token->address, token->thread, token->comment, now_ms());
    if (!done) return send_internal_error(res, done.error());
    if (!*done) return send_reader_page(res, 404, lang, ReaderPage::confirm_gone);
    return send_reader_page(res, 200, lang, ReaderPage::confirm_done, token_values(*token));
  }
  const auto removed = state.store->unsubscribe(token->address, token->thread);
  if (!removed) return send_internal_error(res, removed.error());
  // Already gone is fine too: the reader wanted no mail and gets none.
  send_reader_page(res, 200, lang, ReaderPage::unsubscribe_done, token_values(*token));
}

}  // namespace

Result<std::string> reader_token_key(Storage& store, const std::string& configured) {
  if (!configured.empty()) return configured;
  auto stored = store.load_setting(kTokenKeySetting);
  if (!stored) return stored.error();
  if (!*stored) {
    // The first server to start makes the key; the database keeps it, so links survive restarts and other instances
    // agree.
    SettingRecord row{kTokenKeySetting, nlohmann::json(new_reader_token_key()).dump(), now_ms(), "server"};
    if (auto r = store.store_setting(row); !r) return r.error();
    stored = store.load_setting(kTokenKeySetting);
    if (!stored) return stored.error();
  }
  const auto value = nlohmann::json::parse((*stored)->value, nullptr, false);
  if (!value.is_string() || value.get<std::string>().size() != 64)
    return Error{"invalid_setting", "setting reader_token_key must be a 64-digit hex string"};
  return value.get<std::string>();
}

void add_reader_mail_routes(Router& http, ServerState& state) {
  for (const auto& [path, action] :
       {std::pair{"/notify/confirm", LinkAction::confirm}, std::pair{"/notify/unsubscribe", LinkAction::unsubscribe}}) {
    const LinkAction a = action;
    http.get(path, [&state, a](const HttpRequest& req, HttpResponse& res) { handle(state, req, res, a, false); });
    http.post(path, [&state, a](const HttpRequest& req, HttpResponse& res) { handle(state, req, res, a, true); });
  }
}

}  // namespace soundoff::server
