#include "server/notify_config.h"

#include <nlohmann/json.hpp>

namespace soundoff::server {

namespace {

using nlohmann::json;

Error bad(const std::string& key, const std::string& why) {
  return Error{"invalid_config", "config key \"" + key + "\" " + why};
}

const char* const kEvents[] = {"comment.published", "comment.held",     "comment.reported", "comment.hidden",
                               "comment.approved",  "comment.rejected", "comment.deleted",  "thread.closed"};

std::optional<Error> read_webhook(const json& w, std::size_t index, WebhookConfig& out) {
  const std::string key = "webhooks[" + std::to_string(index) + "]";
  if (!w.is_object()) return bad(key, "must be an object {\"url\", \"events\", \"secret\", \"format\"}");
  for (const auto& item : w.items())
    if (item.key() != "url" && item.key() != "events" && item.key() != "secret" && item.key() != "format")
      return bad(key + "." + item.key(), "is unknown");
  const auto url = w.find("url");
  if (url == w.end() || !url->is_string()) return bad(key + ".url", "must be a string");
  out.url = url->get<std::string>();
  const bool scheme = out.url.rfind("https://", 0) == 0 || out.url.rfind("http://", 0) == 0;
  if (!scheme || out.url.size() < 10 || out.url.find_first_of(" \r\n\t") != std::string::npos)
    return bad(key + ".url", "must be an http:// or https:// URL");
  if (const auto events = w.find("events"); events != w.end()) {
    if (!events->is_array() || events->empty()) return bad(key + ".events", "must be a non-empty array of event names");
    out.events.clear();
    for (const auto& e : *events) {
      if (!e.is_string()) return bad(key + ".events", "must be an array of strings");
      const std::string name = e.get<std::string>();
      bool known = name == "*";
      for (const char* k : kEvents) known = known || name == k;
      if (!known) return bad(key + ".events", "names an unknown event \"" + name.substr(0, 40) + "\"");
      out.events.push_back(name);
    }
  }
  if (const auto secret = w.find("secret"); secret != w.end()) {
    if (!secret->is_string()) return bad(key + ".secret", "must be a string");
    out.secret = secret->get<std::string>();
  }
  if (const auto format = w.find("format"); format != w.end()) {
    if (!format->is_string() || (*format != "soundoff" && *format != "slack"))
      return bad(key + ".format", "must be \"soundoff\" or \"slack\"");
    out.format = format->get<std::string>();
  }
  return std::nullopt;
}

std::optional<Error> read_outbox(const json& o, OutboxConfig& out) {
  if (!o.is_object()) return bad("outbox", "must be an object");
  struct Field {
    const char* name;
    std::uint32_t* value;
    std::uint32_t min;
    std::uint32_t max;
  };
  const Field fields[] = {{"max_attempts", &out.max_attempts, 1, 100},
                          {"backoff_base_ms", &out.backoff_base_ms, 1, 3600000},
                          {"backoff_cap_ms", &out.backoff_cap_ms, 1, 86400000},
                          {"lease_ms", &out.lease_ms, 100, 3600000},
                          {"batch", &out.batch, 1, 1000},
                          {"poll_ms", &out.poll_ms, 1, 60000}};
  for (const auto& item : o.items()) {
    const Field* field = nullptr;
    for (const auto& f : fields)
      if (item.key() == f.name) field = &f;
    if (field == nullptr) return bad("outbox." + item.key(), "is unknown");
    const auto& v = item.value();
    if (!v.is_number_unsigned() || v.get<std::uint64_t>() < field->min || v.get<std::uint64_t>() > field->max)
      return bad(std::string("outbox.") + field->name,
                 "must be a whole number from " + std::to_string(field->min) + " to " + std::to_string(field->max));
    *field->value = static_cast<std::uint32_t>(v.get<std::uint64_t>());
  }
  return std::nullopt;
}

std::optional<Error> read_smtp(const json& o, SmtpConfig& out) {
  if (!o.is_object())
    return bad("smtp", "must be an object {\"url\", \"from\", \"username\", \"password\", \"starttls\"}");
  for (const auto& item : o.items()) {
    const std::string& k = item.key();
    if (k == "starttls") {
      if (!item.value().is_boolean()) return bad("smtp.starttls", "must be true or false");
      out.starttls = item.value().get<bool>();
    } else if (k == "url" || k == "from" || k == "username" || k == "password") {
      if (!item.value().is_string()) return bad("smtp." + k, "must be a string");
      const std::string v = item.value().get<std::string>();
      if (v.find_first_of("\r\n") != std::string::npos) return bad("smtp." + k, "must not contain CR or LF");
      (k == "url" ? out.url : k == "from" ? out.from : k == "username" ? out.username : out.password) = v;
    } else {
      return bad("smtp." + k, "is unknown");
    }
  }
  if (out.url.rfind("smtp://", 0) != 0 && out.url.rfind("smtps://", 0) != 0)
    return bad("smtp.url", "must be smtp://host:port or smtps://host:port");
  if (!safe_mail_address(out.from)) return bad("smtp.from", "must be a plain address like soundoff@example.org");
  return std::nullopt;
}

// "reader_mail": {"enabled", "confirmations_per_day", "replies_per_hour", "token_key"}.
std::optional<Error> read_reader_mail(const json& o, bool have_smtp, NotifyConfig& out) {
  if (!o.is_object()) return bad("reader_mail", "must be an object");
  for (const auto& item : o.items()) {
    const std::string& k = item.key();
    const json& v = item.value();
    if (k == "enabled") {
      if (!v.is_boolean()) return bad("reader_mail.enabled", "must be true or false");
      out.reader_mail.enabled = v.get<bool>();
    } else if (k == "confirmations_per_day" || k == "replies_per_hour") {
      if (!v.is_number_unsigned() || v.get<std::uint64_t>() < 1 || v.get<std::uint64_t>() > 1000)
        return bad("reader_mail." + k, "must be a whole number from 1 to 1000");
      (k == "replies_per_hour" ? out.reader_mail.replies_per_hour : out.reader_mail.confirmations_per_day) =
          static_cast<std::uint32_t>(v.get<std::uint64_t>());
    } else if (k == "token_key") {
      const bool hex = v.is_string() && v.get<std::string>().size() == 64 &&
                       v.get<std::string>().find_first_not_of("0123456789abcdef") == std::string::npos;
      if (!hex) return bad("reader_mail.token_key", "must be 64 lower-case hex digits (a 32-byte key)");
      out.reader_token_key = v.get<std::string>();
    } else {
      return bad("reader_mail." + k, "is unknown");
    }
  }
  if (out.reader_mail.enabled && !have_smtp) return bad("reader_mail.enabled", "needs \"smtp\" to send the mail");
  return std::nullopt;
}

}  // namespace

bool safe_mail_address(const std::string& address) {
  const auto at = address.find('@');
  if (at == std::string::npos || at == 0 || at + 1 >= address.size() || address.size() > 254) return false;
  if (address.find('@', at + 1) != std::string::npos) return false;
  for (const char c : address)
    if (c <= ' ' || c > '~' || std::string_view("<>()[],;:\\\"").find(c) != std::string_view::npos) return false;
  return true;
}

std::optional<Error> read_notify_config(const json& j, NotifyConfig& out) {
  if (const auto it = j.find("webhooks"); it != j.end()) {
    if (!it->is_array()) return bad("webhooks", "must be an array of objects");
    std::vector<WebhookConfig> hooks;
    for (std::size_t i = 0; i < it->size(); ++i) {
      WebhookConfig hook;
      if (auto e = read_webhook((*it)[i], i, hook)) return e;
      hooks.push_back(std::move(hook));
    }
    out.webhooks = std::move(hooks);
  }
  if (const auto it = j.find("webhook_allow_private"); it != j.end()) {
    if (!it->is_boolean()) return bad("webhook_allow_private", "must be true or false");
    out.webhook_allow_private = it->get<bool>();
  }
  if (const auto it = j.find("outbox"); it != j.end())
    if (auto e = read_outbox(*it, out.outbox)) return e;
  if (const auto it = j.find("smtp"); it != j.end()) {
    SmtpConfig smtp;
    if (auto e = read_smtp(*it, smtp)) return e;
    out.smtp = std::move(smtp);
  }
  if (const auto it = j.find("moderator_emails"); it != j.end()) {
    if (!it->is_array()) return bad("moderator_emails", "must be an array of addresses");
    std::vector<std::string> emails;
    for (const auto& e : *it) {
      if (!e.is_string() || !safe_mail_address(e.get<std::string>()))
        return bad("moderator_emails",
                   "must hold plain addresses like mod@example.org (no names, spaces or line breaks)");
      emails.push_back(e.get<std::string>());
    }
    out.moderator_emails = std::move(emails);
  }
  if (const auto it = j.find("moderator_digest_minutes"); it != j.end()) {
    const bool minutes = it->is_number_integer() && it->get<std::int64_t>() >= 0 && it->get<std::int64_t>() <= 1440;
    if (!minutes)
      return bad("moderator_digest_minutes", "must be a whole number of minutes from 0 (each alert at once) to 1440");
    out.moderator_digest_ms = it->get<std::int64_t>() * 60000;
  }
  if (const auto it = j.find("moderator_mail_language"); it != j.end()) {
    if (!it->is_string() || (*it != "en" && *it != "de"))
      return bad("moderator_mail_language", "must be \"en\" or \"de\"");
    out.moderator_mail_language = it->get<std::string>();
  }
  if (const auto it = j.find("reader_mail"); it != j.end())
    if (auto e = read_reader_mail(*it, out.smtp.has_value(), out)) return e;
  return std::nullopt;
}

}  // namespace soundoff::server
