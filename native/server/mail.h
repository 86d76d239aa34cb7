// Moderator alerts by email (docs/notifications.md): the message for an
// outbox row (multipart/alternative, text and HTML with every user string
// escaped, headers built only from checked config and constants) and a
// Deliverer that sends it through libcurl's SMTP (STARTTLS or TLS).
#pragma once

#include <string>
#include <vector>

#include "server/notify_config.h"
#include "server/outbox_sender.h"

namespace soundoff::server {

// The whole RFC 5322 message (CRLF line ends) alerting `to` about `entry`.
std::string moderator_alert(const OutboxEntry& entry, const SmtpConfig& smtp, const std::vector<std::string>& to,
                            const std::string& public_url, std::int64_t now_ms);

class MailDeliverer final : public Deliverer {
 public:
  MailDeliverer(SmtpConfig smtp, std::vector<std::string> to, std::string public_url);
  DeliveryOutcome deliver(const OutboxEntry& entry) override;

 private:
  SmtpConfig smtp_;
  std::vector<std::string> to_;
  std::string public_url_;
};

}  // namespace soundoff::server
