// Facts for the spam families article sites receive (docs/spam-policy.md,
// "Families"): SEO backlink spam's generic praise and keyword anchors, and
// the reference sites helpful readers link to. Internal to core.
#pragma once

#include <cstddef>
#include <string_view>

#include "text_normalize.h"

namespace soundoff::detail {

// Documentation, code hosting and encyclopedia sites: readers who praise a
// tutorial and link one of these are pointing at a reference, not selling.
bool is_reference_host(std::string_view host);

// Words of four letters or more that are not generic praise or filler
// ("great", "informative", "article", "sharing", "really", ...): what a reader
// says about this article in particular. SEO praise has (almost) none.
std::size_t specific_words(const TextAnalysis& text);

// The text of the first <a href> whose text is a commercial keyword phrase
// ("payment gateway uae", "cheap essay writing service") rather than a title,
// a URL or "here"; empty when there is none.
std::string_view keyword_anchor(const TextAnalysis& text);

}  // namespace soundoff::detail
