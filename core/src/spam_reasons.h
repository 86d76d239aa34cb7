// The reason codes of spam checks, shared by the policy parser and the checks.
#pragma once

#include <array>
#include <string_view>

#include "soundoff/spam.h"

namespace soundoff::detail {

// How a reason acts on the verdict besides its weight in the score.
enum class ReasonKind { reject, hold, signal };

enum class ReasonId : std::size_t {
  banned_word,
  empty_body,
  moderation_word,
  too_long,
  link_limit,
  first_time_link,
  flood,
  duplicate,
  near_duplicate,
  link,
  thread_repeat,
  call_to_action,
  self_promotion,
  money_offer,
  phone_number,
  link_shortener,
  suspicious_host,
  content_model,
  automated_user_agent,
  missing_user_agent,
  shouting,
  character_flood,
  link_only,
  referral_link,
  obfuscated_link,
  seo_backlink,
  keyword_anchor,
  support_scam,
  download_bait,
  site_model,
};

struct ReasonInfo {
  std::string_view code;
  ReasonKind kind;
  double default_weight;
};

// Order matches ReasonId. Weights were set on the leave-one-file-out
// evaluation (docs/spam-policy.md): "hold" reasons hold by themselves;
// signals only count towards the score.
inline constexpr std::array<ReasonInfo, kSpamReasonCount> kReasons = {{
    {"banned_word", ReasonKind::reject, 1.0},
    {"empty_body", ReasonKind::reject, 1.0},
    {"moderation_word", ReasonKind::hold, 0.5},
    {"too_long", ReasonKind::hold, 0.5},
    {"link_limit", ReasonKind::hold, 0.5},
    {"first_time_link", ReasonKind::hold, 0.5},
    {"flood", ReasonKind::hold, 0.5},
    {"duplicate", ReasonKind::hold, 0.8},
    {"near_duplicate", ReasonKind::hold, 0.6},
    {"link", ReasonKind::signal, 0.1},
    {"thread_repeat", ReasonKind::signal, 0.35},
    {"call_to_action", ReasonKind::signal, 0.5},
    {"self_promotion", ReasonKind::signal, 0.3},
    {"money_offer", ReasonKind::signal, 0.45},
    {"phone_number", ReasonKind::signal, 0.4},
    {"link_shortener", ReasonKind::signal, 0.4},
    {"suspicious_host", ReasonKind::signal, 0.4},
    {"content_model", ReasonKind::signal, 0.5},
    {"automated_user_agent", ReasonKind::signal, 0.5},
    {"missing_user_agent", ReasonKind::signal, 0.3},
    {"shouting", ReasonKind::signal, 0.1},
    {"character_flood", ReasonKind::signal, 0.1},
    {"link_only", ReasonKind::signal, 0.45},
    {"referral_link", ReasonKind::signal, 0.45},
    {"obfuscated_link", ReasonKind::signal, 0.5},
    {"seo_backlink", ReasonKind::signal, 0.45},
    {"keyword_anchor", ReasonKind::signal, 0.45},
    {"support_scam", ReasonKind::signal, 0.5},
    {"download_bait", ReasonKind::signal, 0.5},
    {"site_model", ReasonKind::signal, 0.6},
}};

inline const ReasonInfo& reason_info(ReasonId id) { return kReasons[static_cast<std::size_t>(id)]; }

}  // namespace soundoff::detail
