// Webhook deliveries (docs/notifications.md): the JSON body for an outbox
// row in the soundoff or Slack format, its signature, and a Deliverer that
// POSTs it with libcurl under strict limits (timeouts, no redirects, no
// private or loopback addresses unless configured).
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "server/notify_config.h"
#include "server/outbox_sender.h"

namespace soundoff::server {

// The request body for `entry` in `hook.format`; `public_url` makes links absolute (may be empty).
std::string webhook_body(const WebhookConfig& hook, const OutboxEntry& entry, const std::string& public_url);

// "sha256=" + hex HMAC-SHA256(secret, timestamp + "." + body).
std::string webhook_signature(const std::string& secret, const std::string& timestamp, const std::string& body);

// Slack's mrkdwn escaping: &, < and > become entities, so user text cannot
// make links or mentions.
std::string slack_escape(const std::string& text);

// True for addresses a webhook must not reach by default: loopback,
// private, link-local, carrier-grade NAT, multicast, unspecified (IPv4 and IPv6).
bool private_address(const std::string& ip);

class WebhookDeliverer final : public Deliverer {
 public:
  WebhookDeliverer(WebhookConfig hook, bool allow_private, std::string public_url);
  DeliveryOutcome deliver(const OutboxEntry& entry) override;

 private:
  WebhookConfig hook_;
  bool allow_private_;
  std::string public_url_;
};

}  // namespace soundoff::server
