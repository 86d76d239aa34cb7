// What check_spam reaches inside WordList and TokenFilter: their overloads for an
// already analysed body, private so that detail::TextAnalysis stays out of the
// public API. Internal to core.
#pragma once

#include <string_view>
#include <vector>

#include "soundoff/spam.h"
#include "soundoff/token_filter.h"
#include "text_normalize.h"

namespace soundoff::detail {

struct SpamInternals {
  static std::string_view find(const WordList& words, const TextAnalysis& text) { return words.find(text); }
  static double spam_probability(const TokenFilter& model, const TextAnalysis& text,
                                 std::vector<TokenEvidence>* evidence) {
    return model.spam_probability(text, evidence);
  }
  static double log_odds(const SiteModel& model, const TextAnalysis& text) { return model.log_odds(text); }
};

}  // namespace soundoff::detail
