// Promotional patterns: calls to action, self-promotion, money offers, phone
// numbers and link hosts spammers favour. Internal to core.
#pragma once

#include <string_view>

#include "text_normalize.h"

namespace soundoff::detail {

// The phrase found of one kind. Strong phrases point at the writer's own
// content or money; weak ones are also said by helpful readers ("check out
// the docs", "cheap hosting"). Two different weak ones together, or one that
// is (almost) the whole comment, count as strong.
struct PhraseFinding {
  std::string_view phrase;  // static text; empty when none was found
  bool strong = false;

  bool found() const { return !phrase.empty(); }
  void offer(std::string_view text, bool is_strong);
};

struct PromotionFindings {
  PhraseFinding call_to_action;  // "check out my", "subscribe", "click here", ...
  PhraseFinding self_promotion;  // "my channel", "my website", ...
  PhraseFinding money_offer;     // "make money", "$500 a day", "cheap", ...
  PhraseFinding praise;          // generic praise of an article: "very informative", "keep posting", ...
  PhraseFinding support;         // "toll free", "customer care number" (strong); "support", "helpline" (weak)
  PhraseFinding download_bait;   // "watch full movie", "download here" (strong); "1080p", "download" (weak)
  bool phone_number = false;
  bool toll_free_number = false;  // a North American toll-free number (1-800, 888, 877, ...)
};

void find_promotion(const TextAnalysis& text, PromotionFindings& out);

// Known URL shorteners (bit.ly, goo.gl, ...). `host` as in Link::host.
bool is_link_shortener(std::string_view host);

// Why a link host looks machine-made: "a numeric IP address", "punycode",
// "a long run of consonants", "a throwaway top-level domain"; empty when none.
std::string_view suspicious_host(std::string_view host);

}  // namespace soundoff::detail
