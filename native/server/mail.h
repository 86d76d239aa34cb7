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

// MIME pieces the reader mail (reader_mail.h) shares: a base64 body part
// wrapped at 76 columns, an RFC 2047 encoded word (one ASCII line whatever the
// text), an RFC 5322 date, and the multipart/alternative Content-Type header
// plus its text and HTML parts (the end of every message we send).
std::string base64_lines(const std::string& data);
std::string encoded_word(const std::string& text);
std::string rfc5322_date(std::int64_t now_ms);
std::string multipart_alternative(const std::string& boundary, const std::string& text, const std::string& html);

// The whole RFC 5322 message (CRLF line ends) alerting `to` about `entry`.
std::string moderator_alert(const OutboxEntry& entry, const SmtpConfig& smtp, const std::vector<std::string>& to,
                            const std::string& public_url, std::int64_t now_ms);

// One message about several rows (the digest, every `moderator_digest_ms`):
// a count per event in the subject, then each comment with its queue link.
std::string moderator_digest(const std::vector<const OutboxEntry*>& entries, const SmtpConfig& smtp,
                             const std::vector<std::string>& to, const std::string& public_url, std::int64_t now_ms);

// Sends a whole message to `to` through libcurl's SMTP (STARTTLS or TLS per
// `smtp`; 5 s to connect, 10 s in all).
DeliveryOutcome send_mail(const SmtpConfig& smtp, const std::vector<std::string>& to, const std::string& message);

class MailDeliverer final : public Deliverer {
 public:
  // `digest`: the rows due together go out as one moderator_digest.
  MailDeliverer(SmtpConfig smtp, std::vector<std::string> to, std::string public_url, bool digest);
  DeliveryOutcome deliver(const OutboxEntry& entry) override;
  bool gathers() const override { return digest_; }
  DeliveryOutcome deliver_together(const std::vector<const OutboxEntry*>& entries) override;

 private:
  SmtpConfig smtp_;
  std::vector<std::string> to_;
  std::string public_url_;
  bool digest_;
};

}  // namespace soundoff::server
