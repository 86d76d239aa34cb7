#include "import/xml_source.h"

#include <algorithm>
#include <cctype>

namespace soundoff::import::detail {

namespace {

// The reason pugixml gives, reworded for a truncated file: a document that
// simply stops reads as "tags mismatch" otherwise.
std::string describe(const pugi::xml_parse_result& parsed, std::size_t size) {
  std::string reason = parsed.description();
  if (!reason.empty()) reason[0] = static_cast<char>(std::tolower(static_cast<unsigned char>(reason[0])));
  if (parsed.offset >= 0 && static_cast<std::size_t>(parsed.offset) + 1 >= size &&
      parsed.status != pugi::status_no_document_element)
    reason += " (the file ends before every element is closed: truncated?)";
  return reason;
}

}  // namespace

Result<bool> XmlSource::load(XmlSource& source, std::string_view text, std::string_view root_name,
                             std::string_view format, const ImportOptions& options, ImportResult& result) {
  if (auto too_large = size_error(text, options)) return *too_large;
  source.line_starts_.assign(1, 0);
  for (std::size_t i = 0; i < text.size(); ++i)
    if (text[i] == '\n') source.line_starts_.push_back(i + 1);

  const auto parsed = source.document_.load_buffer(text.data(), text.size(), pugi::parse_default, pugi::encoding_auto);
  if (source.root() && local_name(source.root().name()) != root_name)
    return Error{"invalid_document", "root element is <" + std::string(source.root().name()) + ">, not <" +
                                         std::string(root_name) + ">: not " + std::string(format)};
  // pugixml converts other encodings to UTF-8 first; its offsets then count in the converted text.
  if (parsed.encoding != pugi::encoding_utf8) source.line_starts_.clear();
  if (parsed) return true;
  const auto offset = parsed.offset < 0 ? std::size_t{0} : static_cast<std::size_t>(parsed.offset);
  std::string where = "character " + std::to_string(offset) + " (after conversion to UTF-8)";
  if (const auto line = source.line_at(offset); line != 0)
    where = "line " + std::to_string(line) + ", column " + std::to_string(offset - source.line_starts_[line - 1] + 1) +
            " (byte " + std::to_string(offset) + ")";
  const std::string reason = describe(parsed, text.size());
  if (!source.root()) return Error{"invalid_xml", "input is not an XML export: " + reason + " at " + where};
  if (!options.lenient)
    return Error{"invalid_xml", "XML syntax error at " + where + ": " + reason +
                                    "; nothing was imported (--lenient imports what precedes the error)"};
  result.add(IssueKind::rejected, "document", "", "invalid_xml",
             "XML syntax error at " + where + ": " + reason +
                 "; the record being read there is incomplete and nothing after it was read");
  return true;
}

std::size_t XmlSource::line_at(std::size_t offset) const {
  return static_cast<std::size_t>(std::upper_bound(line_starts_.begin(), line_starts_.end(), offset) -
                                  line_starts_.begin());
}

std::string XmlSource::locate(const std::string& what, pugi::xml_node node) const {
  const auto offset = node.offset_debug();
  const auto line = offset < 0 ? 0 : line_at(static_cast<std::size_t>(offset));
  return line == 0 ? what : what + " at line " + std::to_string(line);
}

std::string_view local_name(const char* name) {
  const std::string_view n(name);
  const auto colon = n.find(':');
  return colon == std::string_view::npos ? n : n.substr(colon + 1);
}

pugi::xml_node child(pugi::xml_node node, std::string_view name) {
  for (auto c = node.first_child(); c; c = c.next_sibling())
    if (c.type() == pugi::node_element && local_name(c.name()) == name) return c;
  return {};
}

std::string text_of(pugi::xml_node node) {
  std::string out;
  for (auto c = node.first_child(); c; c = c.next_sibling())
    if (c.type() == pugi::node_pcdata || c.type() == pugi::node_cdata) out += c.value();
  return out;
}

std::string trim(std::string_view s) {
  const auto first = s.find_first_not_of(" \t\r\n");
  if (first == std::string_view::npos) return {};
  const auto last = s.find_last_not_of(" \t\r\n");
  return std::string(s.substr(first, last - first + 1));
}

std::string trimmed_text_of(pugi::xml_node node) { return trim(text_of(node)); }

pugi::xml_attribute attribute(pugi::xml_node node, std::string_view name) {
  for (auto a = node.first_attribute(); a; a = a.next_attribute())
    if (local_name(a.name()) == name) return a;
  return {};
}

}  // namespace soundoff::import::detail
