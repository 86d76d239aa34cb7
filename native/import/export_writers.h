// Writing a site's threads back out in the formats other systems import
// (docs/import-export.md, "Export to WordPress and Disqus"): WordPress WXR
// 1.2 and the Disqus XML export, built as XML documents by pugixml (no text
// is spliced into markup). Bodies are plain text in Soundoff and HTML in both
// targets, so they are written HTML-escaped; the importers here read them
// back to the same text (blank-line runs collapse to one, as html_to_text does).
#pragma once

#include <string>

#include "import/import_result.h"

namespace soundoff::import {

// WXR: one <item> (a post) per thread with its <wp:comment>s. WordPress
// numbers posts and comments: numeric ids are kept, others numbered after
// the largest one (parents follow); the thread key goes in <wp:post_name>.
std::string write_wxr(const ImportResult& site);

// Disqus: <thread dsq:id> elements (id = key, link, title), then <post
// dsq:id> elements with their thread and parent, isDeleted and isSpam.
// Held comments have no Disqus state: they are written as isSpam=false,
// isDeleted=false and <isApproved>false</isApproved>.
std::string write_disqus(const ImportResult& site);

}  // namespace soundoff::import
