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

// Who gets moderator alerts, and how (notify_config.h).
struct ModeratorMail {
  SmtpConfig smtp;
  std::vector<std::string> to;
  std::string public_url;   // the console links: {public_url}/admin#/queue/...
  bool digest = false;      // the rows due together go out as one moderator_digest
  std::string lang = "en";  // "en" or "de" (moderator_mail_text.h)
};

// The whole RFC 5322 message (CRLF line ends) alerting `mail.to` about `entry`.
std::string moderator_alert(const OutboxEntry& entry, const ModeratorMail& mail, std::int64_t now_ms);

// One message about several rows (the digest, every `moderator_digest_ms`):
// a count per event in the subject, then each comment with its queue link.
std::string moderator_digest(const std::vector<const OutboxEntry*>& entries, const ModeratorMail& mail,
                             std::int64_t now_ms);

// Sends a whole message to `to` through libcurl's SMTP (STARTTLS or TLS per
// `smtp`; 5 s to connect, 10 s in all).
DeliveryOutcome send_mail(const SmtpConfig& smtp, const std::vector<std::string>& to, const std::string& message);

class MailDeliverer final : public Deliverer {
 public:
  explicit MailDeliverer(ModeratorMail mail);
  DeliveryOutcome deliver(const OutboxEntry& entry) override;
  bool gathers() const override { return mail_.digest; }
  DeliveryOutcome deliver_together(const std::vector<const OutboxEntry*>& entries) override;

 private:
  ModeratorMail mail_;
};

}  // namespace soundoff::server
