#include "server/reader_mail_deliverer.h"

#include <nlohmann/json.hpp>

#include "server/mail.h"
#include "server/reader_mail.h"
#include "server/reader_mail_token.h"

namespace soundoff::server {

std::string reader_mail_for(const OutboxEntry& entry, const SmtpConfig& smtp, const std::string& key_hex,
                            const std::string& public_url, std::int64_t now_ms) {
  const auto p = nlohmann::json::parse(entry.payload, nullptr, false);
  if (!p.is_object() || !p.contains("to") || !p["to"].is_string() || !safe_mail_address(p["to"].get<std::string>()))
    return {};
  const bool reply = p.value("kind", "") == "reply";
  ReaderToken token;
  token.address = p["to"].get<std::string>();
  token.thread = p.value("thread", "");
  token.comment = p.value("comment", "");
  ReaderMail mail;
  mail.kind = reply ? ReaderMailKind::reply : ReaderMailKind::confirm;
  mail.lang = p.value("lang", "en") == "de" ? "de" : "en";
  mail.to = token.address;
  mail.thread = token.thread;
  token.purpose = ReaderTokenPurpose::unsubscribe;
  token.expires_ms = now_ms + kUnsubscribeLinkMs;
  // The pages answer in the language of the mail (the token is the authority, `lang` only picks the words).
  const std::string lang_param = "&lang=" + mail.lang;
  mail.unsubscribe_url = public_url + "/notify/unsubscribe?token=" + sign_reader_token(token, key_hex) + lang_param;
  // The erase link names the address only: it erases the reader's comments on the whole site, not one thread's.
  const ReaderToken erase{ReaderTokenPurpose::erase, token.address, "", "", now_ms + kEraseLinkMs};
  mail.erase_url = public_url + "/notify/erase?token=" + sign_reader_token(erase, key_hex) + lang_param;
  if (reply) {
    const auto r = p.value("reply", nlohmann::json::object());
    const std::string id = r.value("id", "");
    mail.author = r.value("author", "");
    mail.body = r.value("body", "");
    mail.action_url = public_url + "/embed/threads/" + token.thread + "?around=" + id + "#comment-" + id;
  } else {
    token.purpose = ReaderTokenPurpose::confirm;
    token.expires_ms = now_ms + kConfirmLinkMs;
    mail.action_url = public_url + "/notify/confirm?token=" + sign_reader_token(token, key_hex) + lang_param;
  }
  return reader_message(mail, smtp, entry.id, now_ms);
}

ReaderMailDeliverer::ReaderMailDeliverer(Storage& store, SmtpConfig smtp, std::string key_hex, std::string public_url)
    : store_(store), smtp_(std::move(smtp)), key_hex_(std::move(key_hex)), public_url_(std::move(public_url)) {}

DeliveryOutcome ReaderMailDeliverer::deliver(const OutboxEntry& entry) {
  const std::string message = reader_mail_for(entry, smtp_, key_hex_, public_url_, outbox_clock_ms());
  if (message.empty()) return {false, "not a reader mail payload"};
  const auto p = nlohmann::json::parse(entry.payload, nullptr, false);
  const std::string to = p["to"].get<std::string>();
  if (entry.event == kReaderReplyEvent) {
    // Unsubscribed since the reply was queued: nothing to send, and nothing to retry.
    const auto still = store_.subscribed(to, entry.thread);
    if (!still) return {false, still.error().message};
    if (!*still) return {true, ""};
  }
  return send_mail(smtp_, {to}, message);
}

}  // namespace soundoff::server
