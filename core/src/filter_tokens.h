// The TokenFilter's tokens of an analysed text, shared with the site model so
// both models read a comment the same way. Internal to core.
#pragma once

#include <string>
#include <vector>

#include "text_normalize.h"

namespace soundoff::detail {

// Each token once: folded words, hashed word pairs and "host:" + linked site.
void filter_tokens(const TextAnalysis& text, std::vector<std::string>& out);

}  // namespace soundoff::detail
