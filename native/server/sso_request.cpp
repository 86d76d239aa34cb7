#include "server/sso_request.h"

#include <nlohmann/json.hpp>

#include "server/http_util.h"
#include "server/server_state.h"
#include "soundoff/text_rules.h"

namespace soundoff::server {

namespace {

// Reservations live in the settings table (both backends, copied by
// `soundoff migrate`) under this prefix and the name's key.
constexpr const char* kNameSettingPrefix = "sso_name:";

}  // namespace

std::optional<std::optional<SsoAccount>> request_account(const ServerState& state, const HttpRequest& req,
                                                         HttpResponse& res) {
  if (!state.sso) return std::optional<SsoAccount>{};
  const std::string token = req.get_header_value(kSsoHeader);
  if (token.empty()) {
    if (state.sso->config().mode == "required") {
      send_error(res, 401, "sign_in_required",
                 "this site takes comments, votes and reports from signed-in readers only");
      return std::nullopt;
    }
    return std::optional<SsoAccount>{};
  }
  auto account = state.sso->verify(token, now_ms() / 1000);
  if (!account) {
    send_error(res, 401, account.error().code, account.error().message);
    return std::nullopt;
  }
  return std::optional<SsoAccount>{std::move(*account)};
}

std::string actor_key(const std::optional<SsoAccount>& account, const std::string& network) {
  return account ? "account:" + account->sub : network;
}

std::string account_badge(const std::optional<SsoAccount>& account) {
  if (!account) return "";
  return account->staff ? "staff" : "verified";
}

Result<std::string> name_holder(Storage& store, const std::string& name) {
  const std::string key = name_key(name);
  if (key.empty()) return std::string{};
  const auto found = store.load_setting(kNameSettingPrefix + key);
  if (!found) return found.error();
  if (!*found) return std::string{};
  const auto value = nlohmann::json::parse((*found)->value, nullptr, false);
  if (value.is_discarded() || !value.is_object() || !value.contains("sub") || !value["sub"].is_string())
    return Error{"corrupt_setting", "setting " + (*found)->name + " holds no account sub"};
  return value["sub"].get<std::string>();
}

Result<bool> reserve_account_name(Storage& store, const SsoAccount& account, std::int64_t now_ms) {
  const std::string key = name_key(account.name);
  if (key.empty()) return false;
  SettingRecord row;
  row.name = kNameSettingPrefix + key;
  row.value = nlohmann::json{{"sub", account.sub}, {"name", account.name}}.dump();
  row.updated_ms = now_ms;
  row.by = "account:" + account.sub;
  return store.store_setting(row);
}

}  // namespace soundoff::server
