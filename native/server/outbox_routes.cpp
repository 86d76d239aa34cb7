// The outbox in the console (docs/notifications.md): admins list undelivered
// rows and dead letters, and send a dead letter again. Also where the
// server wires notifications up at start.
#include <charconv>
#include <cstdio>

#include "server/address_mask.h"
#include "server/http_util.h"
#include "server/mail.h"
#include "server/moderator_auth.h"
#include "server/reader_mail_deliverer.h"
#include "server/reader_subscriptions.h"
#include "server/server_state.h"
#include "server/webhook.h"
#include "soundoff/time.h"

namespace soundoff::server {

namespace {

using nlohmann::json;

constexpr std::size_t kListLimit = 200;

json entry_json(const OutboxEntry& e) {
  json payload = json::parse(e.payload, nullptr, false);
  // Which reader a mail is for, not the address itself (docs/privacy.md).
  if (e.destination == kReaderMailDestination && payload.is_object() && payload.contains("to") &&
      payload["to"].is_string())
    payload["to"] = masked_address(payload["to"].get<std::string>());
  return {{"id", std::to_string(e.id)},
          {"event", e.event},
          {"destination", e.destination},
          {"thread", e.thread},
          {"comment_id", e.comment_id},
          {"created", format_iso8601(e.created_ms)},
          {"attempts", e.attempts},
          {"next_attempt", format_iso8601(e.next_attempt_ms)},
          {"state", e.dead ? "dead" : "pending"},
          {"last_error", e.last_error},
          {"comment", payload.is_discarded() ? json(nullptr) : payload}};
}

void list(ServerState& state, const HttpRequest& req, HttpResponse& res) {
  if (!authorize(state, req, res, Role::admin)) return;
  const std::string which = req.has_param("state") ? req.get_param_value("state") : "dead";
  if (which != "dead" && which != "pending") {
    send_error(res, 400, "invalid_argument", "state must be \"dead\" or \"pending\"");
    return;
  }
  const auto rows = state.store->list_outbox(which == "dead" ? OutboxState::dead : OutboxState::pending, kListLimit);
  if (!rows) {
    send_internal_error(res, rows.error());
    return;
  }
  json entries = json::array();
  for (const auto& e : *rows) entries.push_back(entry_json(e));
  send_json(res, 200, dump_json({{"state", which}, {"entries", entries}}));
}

void retry(ServerState& state, const HttpRequest& req, HttpResponse& res) {
  if (!authorize(state, req, res, Role::admin)) return;
  const std::string text = req.matches[1];
  std::int64_t id = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), id);
  if (ec != std::errc() || end != text.data() + text.size() || id <= 0) {
    send_error(res, 404, "not_found", "no outbox entry " + text.substr(0, 40));
    return;
  }
  const auto outcome = state.store->requeue_outbox(id, outbox_clock_ms());
  if (!outcome) {
    send_internal_error(res, outcome.error());
    return;
  }
  if (*outcome == RequeueOutcome::missing) {
    send_error(res, 404, "not_found", "no outbox entry " + text);
    return;
  }
  if (*outcome == RequeueOutcome::delivered) {
    send_error(res, 409, "already_delivered", "outbox entry " + text + " was delivered already");
    return;
  }
  if (state.outbox) state.outbox->nudge();
  send_json(res, 200, dump_json({{"id", text}, {"state", "pending"}}));
}

}  // namespace

void add_outbox_routes(Router& http, ServerState& state) {
  http.get("/api/admin/outbox", [&state](const HttpRequest& req, HttpResponse& res) { list(state, req, res); });
  http.post(R"(/api/admin/outbox/([^/]+)/retry)",
            [&state](const HttpRequest& req, HttpResponse& res) { retry(state, req, res); });
}

void start_notifications(ServerState& state) {
  const NotifyConfig& notify = state.config.notify;
  if (!notify.enabled()) return;
  std::map<std::string, std::unique_ptr<Deliverer>> destinations;
  for (const auto& hook : notify.webhooks)
    destinations.emplace(
        hook.url, std::make_unique<WebhookDeliverer>(hook, notify.webhook_allow_private, state.config.public_url));
  if (notify.mails_moderators())
    destinations.emplace("email", std::make_unique<MailDeliverer>(
                                      ModeratorMail{*notify.smtp, notify.moderator_emails, state.config.public_url,
                                                    notify.moderator_digest_ms > 0, notify.moderator_mail_language}));
  if (notify.mails_readers()) {
    // Without a key no link could be checked: reader mail stays off rather than send links that cannot work.
    if (auto key = reader_token_key(*state.store, notify.reader_token_key); !key) {
      std::fprintf(stderr, "soundoff serve: reader mail is off: %s\n", key.error().message.c_str());
    } else {
      state.reader_token_key = *key;
      destinations.emplace(kReaderMailDestination, std::make_unique<ReaderMailDeliverer>(
                                                       *state.store, *notify.smtp, *key, state.config.public_url));
      state.store->set_reader_mail(notify.reader_mail);
    }
  }
  state.store->set_outbox_routes(outbox_routes(notify));
  state.outbox = std::make_unique<OutboxSender>(*state.store, notify.outbox, std::move(destinations));
  state.outbox->start();
}

}  // namespace soundoff::server
