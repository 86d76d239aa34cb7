// Notification settings (docs/notifications.md): webhooks, moderator mail,
// the outbox's retry schedule. Everything is off unless configured.
#pragma once

#include <cstdint>
#include <nlohmann/json_fwd.hpp>
#include <optional>
#include <string>
#include <vector>

#include "server/reader_subscriptions.h"
#include "soundoff/result.h"

namespace soundoff::server {

struct WebhookConfig {
  std::string url;                       // http:// or https://
  std::vector<std::string> events{"*"};  // event names, or "*" for all
  std::string secret;                    // HMAC-SHA256 key for X-Soundoff-Signature (empty: unsigned)
  std::string format = "soundoff";       // "soundoff" (docs/notifications.md) or "slack" ({"text": ...})
};

// Moderator alerts by mail (mail.h): libcurl's SMTP.
struct SmtpConfig {
  std::string url;   // smtp://host:port (STARTTLS) or smtps://host:port (TLS)
  std::string from;  // the sender address, also the List-Unsubscribe mailto
  std::string username;
  std::string password;
  bool starttls = true;  // smtp:// must upgrade to TLS (false only for a local relay or tests)
};

struct OutboxConfig {
  std::uint32_t max_attempts = 8;         // then the row is a dead letter
  std::uint32_t backoff_base_ms = 1000;   // the first retry waits about this long, then doubling...
  std::uint32_t backoff_cap_ms = 600000;  // ...up to this
  std::uint32_t lease_ms = 60000;         // a claimed row is due again this long after a sender died
  std::uint32_t batch = 50;               // rows claimed at once
  std::uint32_t poll_ms = 250;            // how often an idle sender looks for due rows
};

struct NotifyConfig {
  std::vector<WebhookConfig> webhooks;
  bool webhook_allow_private = false;  // let webhooks reach loopback/private addresses (tests, internal hooks)
  OutboxConfig outbox;
  std::optional<SmtpConfig> smtp;
  std::vector<std::string> moderator_emails;  // mailed on comment.held, comment.reported, comment.hidden
  // 0: one mail per alert at once. Else the alerts of each period (the config
  // file's "moderator_digest_minutes", "moderator_mail_language", tests set milliseconds) go out as one
  // digest at its end.
  std::int64_t moderator_digest_ms = 0;
  std::string moderator_mail_language = "en";  // "en" or "de": the words of moderator alerts and digests
  // Reply mail to readers who ask for it (docs/notifications.md, "Reader mail"); needs `smtp`.
  ReaderMailLimits reader_mail;
  std::string reader_token_key;  // hex crypto_auth key for the signed links ("": one kept in the database)
  bool mails_moderators() const { return smtp && !moderator_emails.empty(); }
  bool mails_readers() const { return smtp && reader_mail.enabled; }
  bool enabled() const { return !webhooks.empty() || mails_moderators() || mails_readers(); }
};

// The config file keys this reads (config.cpp accepts them as known).
inline constexpr const char* kNotifyConfigKeys[] = {"webhooks",
                                                    "webhook_allow_private",
                                                    "outbox",
                                                    "smtp",
                                                    "moderator_emails",
                                                    "moderator_digest_minutes",
                                                    "moderator_mail_language",
                                                    "reader_mail"};

// A bare address local@domain that is safe in a header: printable ASCII, no
// spaces, CR, LF or the characters that separate or quote addresses.
bool safe_mail_address(const std::string& address);

// Reads the keys above from config object `j` over `out`; errors name the key (invalid_config).
std::optional<Error> read_notify_config(const nlohmann::json& j, NotifyConfig& out);

}  // namespace soundoff::server
