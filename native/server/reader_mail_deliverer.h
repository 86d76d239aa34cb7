// Sends the reader mail rows of the outbox (destination "reader",
// reader_subscriptions.h): signs the confirmation, unsubscribe and erase links,
// builds the message (reader_mail.h) and sends it through SMTP (mail.h). A
// reply mail whose reader unsubscribed after it was queued is dropped here,
// so an unsubscribe stops mail at once.
#pragma once

#include <string>

#include "server/notify_config.h"
#include "server/outbox_sender.h"
#include "server/storage.h"

namespace soundoff::server {

// How long the signed links work: a week to confirm, a year to unsubscribe,
// 30 days to erase (shorter: a mail lying in an old mailbox should not erase
// a person's comments years later, and every new mail brings a fresh link).
inline constexpr std::int64_t kConfirmLinkMs = 7LL * 24 * 3600 * 1000;
inline constexpr std::int64_t kUnsubscribeLinkMs = 365LL * 24 * 3600 * 1000;
inline constexpr std::int64_t kEraseLinkMs = 30LL * 24 * 3600 * 1000;

class ReaderMailDeliverer final : public Deliverer {
 public:
  // `key_hex`: the token key (reader_mail_token.h); `public_url`: where the
  // links point (the server's /notify/... routes).
  ReaderMailDeliverer(Storage& store, SmtpConfig smtp, std::string key_hex, std::string public_url);
  DeliveryOutcome deliver(const OutboxEntry& entry) override;

 private:
  Storage& store_;
  SmtpConfig smtp_;
  std::string key_hex_;
  std::string public_url_;
};

// The message for `entry` with links signed at `now_ms`, or "" when the
// payload is not a reader mail (what deliver sends; tests read it).
std::string reader_mail_for(const OutboxEntry& entry, const SmtpConfig& smtp, const std::string& key_hex,
                            const std::string& public_url, std::int64_t now_ms);

}  // namespace soundoff::server
