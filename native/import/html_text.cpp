#include "import/html_text.h"

#include <cctype>
#include <cstdint>

#include "soundoff/utf8.h"

namespace soundoff::import::detail {

namespace {

// Longest reference between '&' and ';' worth decoding ("#x10FFFF", "hellip").
constexpr std::size_t kMaxReferenceLength = 10;

constexpr struct {
  std::string_view name;
  char32_t code_point;
} kNamedEntities[] = {
    {"amp", U'&'},        {"lt", U'<'},         {"gt", U'>'},         {"quot", U'"'},        {"apos", U'\''},
    {"nbsp", U'\u00A0'},  {"laquo", U'\u00AB'}, {"raquo", U'\u00BB'}, {"hellip", U'\u2026'}, {"mdash", U'\u2014'},
    {"ndash", U'\u2013'}, {"lsquo", U'\u2018'}, {"rsquo", U'\u2019'}, {"ldquo", U'\u201C'},  {"rdquo", U'\u201D'},
    {"copy", U'\u00A9'},  {"euro", U'\u20AC'},
};

// Decodes the reference between '&' and ';' (exclusive); false if unknown.
bool decode_reference(std::string_view ref, std::string& out) {
  if (!ref.empty() && ref[0] == '#') {
    const bool hex = ref.size() > 1 && (ref[1] == 'x' || ref[1] == 'X');
    const auto digits = ref.substr(hex ? 2 : 1);
    if (digits.empty() || digits.size() > 8) return false;
    std::uint32_t value = 0;
    for (const char c : digits) {
      const auto u = static_cast<unsigned char>(c);
      if (hex && std::isxdigit(u)) {
        value = value * 16 + static_cast<std::uint32_t>(std::isdigit(u) ? c - '0' : (std::tolower(u) - 'a' + 10));
      } else if (!hex && std::isdigit(u)) {
        value = value * 10 + static_cast<std::uint32_t>(c - '0');
      } else {
        return false;
      }
    }
    append_utf8(out, static_cast<char32_t>(value));
    return true;
  }
  for (const auto& e : kNamedEntities) {
    if (e.name == ref) {
      append_utf8(out, e.code_point);
      return true;
    }
  }
  return false;
}

std::string lower(std::string_view s) {
  std::string out(s);
  for (auto& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

bool starts_with_nocase(std::string_view s, std::string_view prefix) {
  return s.size() >= prefix.size() && lower(s.substr(0, prefix.size())) == prefix;
}

// Index of the '>' that ends the tag starting at `from`, skipping quoted
// attribute values; npos when the tag does not end before the next '<'.
// Stopping at '<' (even inside quotes, which HTML would allow) keeps the
// whole conversion linear: without it, text like `<a "<a "<a "...` would
// rescan the rest of the input from every '<'.
std::size_t tag_end(std::string_view html, std::size_t from) {
  char quote = 0;
  for (std::size_t i = from; i < html.size(); ++i) {
    const char c = html[i];
    if (c == '<') return std::string_view::npos;
    if (quote != 0) {
      if (c == quote) quote = 0;
    } else if (c == '"' || c == '\'') {
      quote = c;
    } else if (c == '>') {
      return i;
    }
  }
  return std::string_view::npos;
}

// The value of attribute `name` inside a tag's attribute text, or "".
std::string attribute_value(std::string_view attrs, std::string_view name) {
  const std::string text = lower(attrs);
  std::size_t at = 0;
  while ((at = text.find(name, at)) != std::string::npos) {
    const bool starts_word = at == 0 || std::isspace(static_cast<unsigned char>(text[at - 1]));
    std::size_t i = at + name.size();
    at = i;
    if (!starts_word) continue;
    while (i < text.size() && std::isspace(static_cast<unsigned char>(text[i]))) ++i;
    if (i >= text.size() || text[i] != '=') continue;
    ++i;
    while (i < text.size() && std::isspace(static_cast<unsigned char>(text[i]))) ++i;
    if (i >= text.size()) return {};
    if (text[i] == '"' || text[i] == '\'') {
      const auto close = text.find(text[i], i + 1);
      return std::string(attrs.substr(i + 1, (close == std::string::npos ? text.size() : close) - i - 1));
    }
    std::size_t end = i;
    while (end < text.size() && !std::isspace(static_cast<unsigned char>(text[end]))) ++end;
    return std::string(attrs.substr(i, end - i));
  }
  return {};
}

// Ends `out` with at least `newlines` line breaks (nothing at the very start).
void ensure_break(std::string& out, int newlines) {
  while (!out.empty() && (out.back() == ' ' || out.back() == '\t')) out.pop_back();
  if (out.empty()) return;
  int have = 0;
  for (auto it = out.rbegin(); it != out.rend() && *it == '\n' && have < newlines; ++it) ++have;
  for (; have < newlines; ++have) out.push_back('\n');
}

bool is_block(std::string_view tag) {
  for (const auto* b : {"p", "div", "blockquote", "pre", "ul", "ol", "table", "h1", "h2", "h3", "h4", "h5", "h6"})
    if (tag == b) return true;
  return false;
}

// Closes a link: keeps the target when the visible text does not show it.
void close_link(std::string& out, std::size_t text_start, const std::string& href) {
  const bool web = starts_with_nocase(href, "http://") || starts_with_nocase(href, "https://");
  if (!web) return;
  std::string_view shown(out);
  shown.remove_prefix(text_start);
  while (!shown.empty() && std::isspace(static_cast<unsigned char>(shown.back()))) shown.remove_suffix(1);
  if (shown == href) return;
  // Disqus and Remark42 shorten long link texts to "http://host/path/...".
  for (std::string_view dots : {"...", "\u2026"}) {
    if (shown.size() > dots.size() && shown.substr(shown.size() - dots.size()) == dots &&
        std::string_view(href).substr(0, shown.size() - dots.size()) == shown.substr(0, shown.size() - dots.size())) {
      out.resize(text_start);
      out += href;
      return;
    }
  }
  if (shown.empty()) {
    out += href;
  } else {
    out += " (" + href + ")";
  }
}

std::string collapse_and_trim(const std::string& text) {
  std::string out;
  out.reserve(text.size());
  int newlines = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (c == '\r') continue;
    // A no-break space (U+00A0) only spaces out HTML layout; in plain text it is a space.
    if (c == '\xC2' && i + 1 < text.size() && text[i + 1] == '\xA0') {
      c = ' ';
      ++i;
    }
    if (c == '\n') {
      if (++newlines > 2) continue;
      // A line break ends trailing spaces of the line before it.
      while (!out.empty() && (out.back() == ' ' || out.back() == '\t')) out.pop_back();
    } else if (c != ' ' && c != '\t') {
      newlines = 0;
    }
    out.push_back(c);
  }
  const auto first = out.find_first_not_of(" \t\n");
  if (first == std::string::npos) return {};
  const auto last = out.find_last_not_of(" \t\n");
  return out.substr(first, last - first + 1);
}

}  // namespace

std::string decode_entities(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '&') {
      // References are short: look for the ';' nearby only, so "&&&&..." stays linear.
      const auto ref = text.substr(i + 1, kMaxReferenceLength + 1);
      const auto semi = ref.find(';');
      if (semi != std::string_view::npos && decode_reference(ref.substr(0, semi), out)) {
        i += semi + 1;
        continue;
      }
    }
    out.push_back(text[i]);
  }
  return out;
}

std::string html_to_text(std::string_view html) {
  std::string out;
  out.reserve(html.size());
  std::string href;
  std::size_t link_start = std::string::npos;
  std::size_t i = 0;
  while (i < html.size()) {
    const auto lt = html.find('<', i);
    out += decode_entities(html.substr(i, (lt == std::string_view::npos ? html.size() : lt) - i));
    if (lt == std::string_view::npos) break;
    i = lt;
    if (html.substr(i, 4) == "<!--") {
      const auto end = html.find("-->", i + 4);
      i = end == std::string_view::npos ? html.size() : end + 3;
      continue;
    }
    std::size_t name_start = i + 1;
    const bool closing = name_start < html.size() && html[name_start] == '/';
    if (closing) ++name_start;
    std::size_t name_end = name_start;
    while (name_end < html.size() && std::isalnum(static_cast<unsigned char>(html[name_end]))) ++name_end;
    const bool is_tag = name_end > name_start && std::isalpha(static_cast<unsigned char>(html[name_start]));
    const auto end = is_tag ? tag_end(html, name_end) : std::string_view::npos;
    if (end == std::string_view::npos) {
      out.push_back('<');  // a lone "<" as in "a < b" is text
      ++i;
      continue;
    }
    const std::string tag = lower(html.substr(name_start, name_end - name_start));
    i = end + 1;
    if (tag == "br") {
      ensure_break(out, 1);
    } else if (tag == "li" || tag == "tr") {
      ensure_break(out, 1);
    } else if (is_block(tag)) {
      ensure_break(out, 2);
    } else if (tag == "a" && !closing) {
      href = decode_entities(attribute_value(html.substr(name_end, end - name_end), "href"));
      link_start = out.size();
    } else if (tag == "a" && closing && link_start != std::string::npos) {
      close_link(out, link_start, href);
      link_start = std::string::npos;
    } else if ((tag == "script" || tag == "style") && !closing) {
      // Their content is code, not text: skip to the closing tag.
      std::size_t close = i;
      while ((close = html.find("</", close)) != std::string_view::npos &&
             !starts_with_nocase(html.substr(close + 2), tag))
        close += 2;
      i = close == std::string_view::npos ? html.size() : close;
    }
  }
  return collapse_and_trim(out);
}

}  // namespace soundoff::import::detail
