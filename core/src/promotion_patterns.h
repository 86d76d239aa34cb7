// Promotional patterns: calls to action, self-promotion, money offers, phone
// numbers and link hosts spammers favour. Internal to core.
#pragma once

#include <string_view>

#include "text_normalize.h"

namespace soundoff::detail {

// The first phrase found of each kind (static strings), empty when none.
struct PromotionFindings {
  std::string_view call_to_action;  // "check out my", "subscribe", "click here", ...
  bool strong_call_to_action = false;  // self-directed ("subscribe to me"), not "check out the docs"
  std::string_view self_promotion;  // "my channel", "my website", ...
  std::string_view money_offer;     // "make money", "$500 a day", ...
  bool phone_number = false;
};

void find_promotion(const TextAnalysis& text, PromotionFindings& out);

// Known URL shorteners (bit.ly, goo.gl, ...). `host` as in Link::host.
bool is_link_shortener(std::string_view host);

// Why a link host looks machine-made: "a numeric IP address", "punycode",
// "a long run of consonants", "a throwaway top-level domain"; empty when none.
std::string_view suspicious_host(std::string_view host);

}  // namespace soundoff::detail
