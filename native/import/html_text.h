// Exports store comment bodies as HTML fragments (Disqus, Remark42, Isso) or
// WordPress's lightly marked-up text; Soundoff bodies are plain text that the
// text capability turns into safe segments. These turn the one into the other.
#pragma once

#include <string>
#include <string_view>

namespace soundoff::import::detail {

// Decodes character references: &amp; &lt; &gt; &quot; &apos; &nbsp;, a few
// common typographic names (&laquo; &raquo; &hellip; &mdash; &ndash; quotes),
// and numeric &#NNN; / &#xHH;. Unknown or malformed references stay verbatim;
// references to invalid code points (surrogates, > U+10FFFF, NUL) become U+FFFD.
std::string decode_entities(std::string_view text);

// Turns an HTML fragment into plain text: tags are removed; <br> becomes a
// line break and block elements (p, div, li, blockquote, h1-h6, pre) a
// paragraph break; script/style content and comments are dropped; a link whose
// text differs from its http(s) target keeps the target as "text (url)";
// entities are decoded and no-break spaces become spaces; runs of more than one blank line collapse to one and
// the result is trimmed. Text without tags passes through (entities decoded),
// so WordPress bodies keep their line breaks. Never fails; linear time.
std::string html_to_text(std::string_view html);

}  // namespace soundoff::import::detail
