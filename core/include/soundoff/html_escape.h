// Text as HTML text or attribute value: & < > " ' escaped, nothing else
// changed. The one escaper behind the server's pages and mails and the
// WordPress/Disqus exports (whose bodies are HTML).
#pragma once

#include <string>
#include <string_view>

namespace soundoff {

std::string html_escape(std::string_view text);

}  // namespace soundoff
