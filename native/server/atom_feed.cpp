#include "server/atom_feed.h"

#include "soundoff/time.h"
#include "soundoff/utf8.h"

namespace soundoff::server {

namespace {

// XML 1.0's Char production: tab, newline, carriage return and everything
// from U+0020 except the surrogates (invalid UTF-8 anyway) and U+FFFE/FFFF.
bool xml_char(char32_t cp) {
  if (cp < 0x20) return cp == 0x09 || cp == 0x0A || cp == 0x0D;
  return cp != 0xFFFE && cp != 0xFFFF;
}

// An entry title: the author and the start of the comment on one line.
std::string entry_title(const Comment& c) {
  std::string excerpt = utf8_excerpt(c.body, 80);
  for (char& ch : excerpt)
    if (ch == '\n' || ch == '\r' || ch == '\t') ch = ' ';
  if (excerpt.size() < c.body.size()) excerpt += "…";
  return (c.author.empty() ? std::string("Anonymous") : c.author) + ": " + excerpt;
}

void element(std::string& out, std::string_view name, std::string_view text) {
  out += '<';
  out += name;
  out += '>';
  out += xml_text(text);
  out += "</";
  out += name;
  out += ">\n";
}

void link(std::string& out, std::string_view rel, std::string_view href, std::string_view type = {}) {
  out += "<link rel=\"";
  out += rel;
  out += "\" href=\"";
  out += xml_text(href);
  out += '"';
  if (!type.empty()) {
    out += " type=\"";
    out += type;
    out += '"';
  }
  out += "/>\n";
}

}  // namespace

std::string xml_text(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size();) {
    char32_t cp = 0;
    const std::size_t n = decode_utf8(text, i, cp);
    if (n == 0) {
      out += "\xEF\xBF\xBD";  // U+FFFD for a byte that is not UTF-8
      ++i;
      continue;
    }
    if (xml_char(cp)) {
      switch (cp) {
        case '&':
          out += "&amp;";
          break;
        case '<':
          out += "&lt;";
          break;
        case '>':
          out += "&gt;";
          break;
        case '"':
          out += "&quot;";
          break;
        default:
          out.append(text.substr(i, n));
      }
    }
    i += n;
  }
  return out;
}

std::string atom_feed(const FeedInfo& info, const std::vector<Comment>& comments) {
  std::string out = "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\">\n";
  element(out, "id", info.id);
  element(out, "title", info.title);
  element(out, "updated", format_iso8601(comments.empty() ? 0 : comments.front().created_ms));
  link(out, "self", info.self_href, "application/atom+xml");
  if (!info.page_href.empty()) link(out, "alternate", info.page_href, "text/html");
  out += "<generator>Soundoff</generator>\n";
  for (const Comment& c : comments) {
    out += "<entry>\n";
    element(out, "id", "tag:" + info.tag_authority + ":" + c.thread + "/" + c.id);
    element(out, "title", entry_title(c));
    element(out, "updated", format_iso8601(c.created_ms));
    element(out, "published", format_iso8601(c.created_ms));
    out += "<author>";
    element(out, "name", c.author.empty() ? std::string("Anonymous") : c.author);
    out += "</author>\n";
    // A signed-in author's badge (docs/sso.md), as feed readers show tags: "staff" or "verified".
    if (!c.badge.empty()) out += "<category scheme=\"urn:soundoff:badge\" term=\"" + xml_text(c.badge) + "\"/>\n";
    if (info.comment_href != nullptr) link(out, "alternate", info.comment_href(info.base, c), "text/html");
    out += "<content type=\"text\">";
    out += xml_text(c.body);
    out += "</content>\n</entry>\n";
  }
  out += "</feed>\n";
  return out;
}

}  // namespace soundoff::server
