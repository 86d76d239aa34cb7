// Reply-mail subscriptions (docs/notifications.md, "Reader mail"): what a
// "mail me replies" POST asks for, the per-address limits, and the outbox
// payloads the storage writes for the reader mail deliverer
// (reader_mail_deliverer.h). The storage backends keep the rows
// (sqlite_subscriptions.cpp, postgres_subscriptions.cpp); this file holds
// what they share, so both write the same rows.
#pragma once

#include <cstdint>
#include <string>

namespace soundoff::server {

// Off unless configured (`reader_mail` in the config). Over a limit the mail
// is silently not written and the address's `dropped` counter goes up.
struct ReaderMailLimits {
  bool enabled = false;
  std::uint32_t confirmations_per_day = 3;  // confirmation mails per address per 24 h window
  std::uint32_t replies_per_hour = 10;      // reply mails per address per 1 h window
};

// A new comment's "email me replies": the reader's address (checked by
// reader_input_error), language, and whether the whole thread is wanted or
// only replies to this comment.
struct SubscriptionRequest {
  std::string address;
  std::string lang = "en";
  bool whole_thread = false;
};

// The outbox destination of every reader mail row.
inline constexpr const char* kReaderMailDestination = "reader";
inline constexpr const char* kReaderConfirmEvent = "reader.confirm";
inline constexpr const char* kReaderReplyEvent = "reader.reply";
inline constexpr std::int64_t kConfirmWindowMs = 24LL * 3600 * 1000;
inline constexpr std::int64_t kReplyWindowMs = 3600LL * 1000;

// Addresses are kept and compared in lower case: Ann@Example.org and
// ann@example.org are one reader for the limits and the "not to yourself" rule.
std::string normalized_address(const std::string& address);

// The outbox payload (JSON object text) of a confirmation mail for a
// subscription of `address` to `thread` (`comment` "" or "0": the whole thread).
std::string confirm_payload(const std::string& address, const std::string& thread, const std::string& comment,
                            const std::string& lang);

// The payload of a reply mail: subscriber `address` (subscribed to `comment`,
// "" for the thread) hears of reply `reply_id` by `author` with `body`.
std::string reply_payload(const std::string& address, const std::string& thread, const std::string& comment,
                          const std::string& lang, const std::string& reply_id, const std::string& author,
                          const std::string& body);

}  // namespace soundoff::server
