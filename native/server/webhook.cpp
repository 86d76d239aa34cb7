#include "server/webhook.h"

#include <arpa/inet.h>
#include <curl/curl.h>
#include <netinet/in.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <sys/socket.h>

#include <mutex>
#include <nlohmann/json.hpp>

#include "server/network_address.h"
#include "soundoff/time.h"
#include "soundoff/utf8.h"

namespace soundoff::server {

namespace {

using nlohmann::json;

// Where webhooks may not go unless webhook_allow_private (RFC 6890 special-purpose ranges).
const std::vector<IpRange>& private_ranges() {
  static const std::vector<IpRange> ranges = [] {
    std::vector<IpRange> out;
    for (const char* spec : {"0.0.0.0/8", "10.0.0.0/8", "100.64.0.0/10", "127.0.0.0/8", "169.254.0.0/16",
                             "172.16.0.0/12", "192.0.0.0/24", "192.168.0.0/16", "198.18.0.0/15", "224.0.0.0/3",
                             "::/128", "::1/128", "fc00::/7", "fe80::/10", "ff00::/8", "64:ff9b::/96"})
      out.push_back(*IpRange::parse(spec));
    return out;
  }();
  return ranges;
}

std::string event_summary(const std::string& event) {
  if (event == "comment.published") return "New comment";
  if (event == "comment.held") return "Comment held for review";
  if (event == "comment.reported") return "Comment reported";
  if (event == "comment.hidden") return "Comment hidden by reports";
  if (event == "comment.approved") return "Comment approved";
  if (event == "comment.rejected") return "Comment rejected as spam";
  if (event == "comment.deleted") return "Comment deleted";
  if (event == "thread.closed") return "Thread closed";
  return event;
}

std::string slack_text(const OutboxEntry& entry, const json& comment, const std::string& public_url) {
  const std::string author = comment.value("author", "");
  const std::string body = comment.value("body", "");
  std::string text = "*" + event_summary(entry.event) + "* in `" + slack_escape(entry.thread) + "`";
  if (!author.empty()) text += " by " + slack_escape(utf8_excerpt(author, 100));
  if (!body.empty()) text += "\n> " + slack_escape(utf8_excerpt(body, 500));
  if (!public_url.empty()) {
    const bool for_moderators = is_moderator_alert(entry.event);
    text += "\n<" + (for_moderators ? console_link(public_url, entry.event) : public_url + "/demo/" + entry.thread) +
            "|Open>";
  }
  return text;
}

struct CurlGlobal {
  CurlGlobal() { curl_global_init(CURL_GLOBAL_DEFAULT); }
};

// CURLOPT_OPENSOCKETFUNCTION: the address libcurl is about to connect to,
// after resolving: refusing here also covers DNS names that point inside.
struct SocketPolicy {
  bool refuse_private = true;
  bool refused = false;  // set when a connection was refused for its address
};

curl_socket_t open_public_socket(void* data, curlsocktype, curl_sockaddr* address) {
  auto* policy = static_cast<SocketPolicy*>(data);
  char text[INET6_ADDRSTRLEN] = {};
  if (address->family == AF_INET) {
    inet_ntop(AF_INET, &reinterpret_cast<sockaddr_in*>(&address->addr)->sin_addr, text, sizeof text);
  } else if (address->family == AF_INET6) {
    inet_ntop(AF_INET6, &reinterpret_cast<sockaddr_in6*>(&address->addr)->sin6_addr, text, sizeof text);
  } else {
    return CURL_SOCKET_BAD;
  }
  if (policy->refuse_private && private_address(text)) {
    policy->refused = true;
    return CURL_SOCKET_BAD;
  }
  return socket(address->family, address->socktype, address->protocol);
}

std::size_t discard(char*, std::size_t size, std::size_t count, void*) { return size * count; }

}  // namespace

std::string slack_escape(const std::string& text) {
  std::string out;
  out.reserve(text.size());
  for (const char c : text) {
    if (c == '&') {
      out += "&amp;";
    } else if (c == '<') {
      out += "&lt;";
    } else if (c == '>') {
      out += "&gt;";
    } else {
      out += c;
    }
  }
  return out;
}

bool private_address(const std::string& ip) {
  const auto address = IpAddress::parse(ip);
  return !address || in_any(private_ranges(), *address);
}

std::string webhook_body(const WebhookConfig& hook, const OutboxEntry& entry, const std::string& public_url) {
  json comment = json::parse(entry.payload, nullptr, false);
  if (comment.is_discarded() || !comment.is_object()) comment = json::object();
  if (hook.format == "slack") return json{{"text", slack_text(entry, comment, public_url)}}.dump();
  if (comment.contains("created_ms") && comment["created_ms"].is_number_integer())
    comment["created"] = format_iso8601(comment["created_ms"].get<std::int64_t>());
  comment.erase("created_ms");
  return json{{"id", std::to_string(entry.id)},
              {"event", entry.event},
              {"created", format_iso8601(entry.created_ms)},
              {"thread", entry.thread},
              {"comment", entry.event.rfind("thread.", 0) == 0 ? json(nullptr) : comment}}
      .dump(-1, ' ', false, json::error_handler_t::replace);
}

std::string webhook_signature(const std::string& secret, const std::string& timestamp, const std::string& body) {
  const std::string message = timestamp + "." + body;
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int length = 0;
  HMAC(EVP_sha256(), secret.data(), static_cast<int>(secret.size()),
       reinterpret_cast<const unsigned char*>(message.data()), message.size(), digest, &length);
  static const char* const kHex = "0123456789abcdef";
  std::string out = "sha256=";
  for (unsigned int i = 0; i < length; ++i) {
    out += kHex[digest[i] >> 4];
    out += kHex[digest[i] & 15];
  }
  return out;
}

WebhookDeliverer::WebhookDeliverer(WebhookConfig hook, bool allow_private, std::string public_url)
    : hook_(std::move(hook)), allow_private_(allow_private), public_url_(std::move(public_url)) {
  static CurlGlobal global;  // first use on the starting thread, before any sender runs
}

DeliveryOutcome WebhookDeliverer::deliver(const OutboxEntry& entry) {
  const std::string body = webhook_body(hook_, entry, public_url_);
  const std::string timestamp = std::to_string(outbox_clock_ms() / 1000);
  std::unique_ptr<CURL, void (*)(CURL*)> curl(curl_easy_init(), curl_easy_cleanup);
  if (!curl) return {false, "cannot start libcurl"};
  curl_slist* headers = nullptr;
  const auto add = [&headers](const std::string& line) { headers = curl_slist_append(headers, line.c_str()); };
  add("Content-Type: application/json");
  add("User-Agent: soundoff-webhook/1");
  add("X-Soundoff-Event: " + entry.event);
  add("X-Soundoff-Delivery: " + std::to_string(entry.id));
  add("X-Soundoff-Timestamp: " + timestamp);
  if (!hook_.secret.empty()) add("X-Soundoff-Signature: " + webhook_signature(hook_.secret, timestamp, body));
  add("Expect:");  // no 100-continue round trip
  std::unique_ptr<curl_slist, void (*)(curl_slist*)> header_list(headers, curl_slist_free_all);
  SocketPolicy policy{!allow_private_};
  CURL* c = curl.get();
  curl_easy_setopt(c, CURLOPT_URL, hook_.url.c_str());
  curl_easy_setopt(c, CURLOPT_PROTOCOLS_STR, "http,https");
  curl_easy_setopt(c, CURLOPT_POST, 1L);
  curl_easy_setopt(c, CURLOPT_POSTFIELDS, body.c_str());
  curl_easy_setopt(c, CURLOPT_POSTFIELDSIZE, static_cast<long>(body.size()));
  curl_easy_setopt(c, CURLOPT_HTTPHEADER, header_list.get());
  curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT_MS, 5000L);
  curl_easy_setopt(c, CURLOPT_TIMEOUT_MS, 10000L);
  curl_easy_setopt(c, CURLOPT_FOLLOWLOCATION, 0L);  // a redirect is a failure, never followed (to anywhere)
  curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(c, CURLOPT_NOPROXY, "*");  // environment proxies would hide where the request goes
  curl_easy_setopt(c, CURLOPT_OPENSOCKETFUNCTION, open_public_socket);
  curl_easy_setopt(c, CURLOPT_OPENSOCKETDATA, &policy);
  curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, discard);
  const CURLcode rc = curl_easy_perform(c);
  if (rc != CURLE_OK && policy.refused)
    return {false, "refused to connect to a private or loopback address (set webhook_allow_private to allow)"};
  if (rc != CURLE_OK) return {false, std::string("webhook request failed: ") + curl_easy_strerror(rc)};
  long status = 0;
  curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &status);
  if (status >= 200 && status < 300) return {true, ""};
  return {false, "webhook answered HTTP " + std::to_string(status)};
}

}  // namespace soundoff::server
