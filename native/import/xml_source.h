// Loading an XML export with pugixml and reading it by local name. pugixml
// does not expand DTD entities (no "billion laughs") and keeps the part of
// the tree it read before a syntax error, which is what --lenient imports.
#pragma once

#include <cstddef>
#include <pugixml.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "import/import_result.h"

namespace soundoff::import::detail {

class XmlSource {
 public:
  // Parses `text`, whose root element must be `root_name` (any prefix).
  // Returns an Error when there is no usable tree: invalid_xml for no root
  // element or, in strict mode, a syntax error; invalid_document (naming
  // `format`) for another root. In lenient mode a syntax error after the root
  // opened is recorded in `result` as a rejected issue and the partial tree kept.
  static Result<bool> load(XmlSource& source, std::string_view text, std::string_view root_name,
                           std::string_view format, const ImportOptions& options, ImportResult& result);

  pugi::xml_node root() const { return document_.document_element(); }
  // Names a record for issues: "<what> at line N" ("post #4 at line 102"),
  // or just `what` when the line is unknown (input that was not UTF-8 is
  // converted first, so its offsets no longer match the input's lines).
  std::string locate(const std::string& what, pugi::xml_node node) const;

 private:
  // 1-based line holding byte `offset`; 0 when lines are unknown.
  std::size_t line_at(std::size_t offset) const;

  pugi::xml_document document_;
  std::vector<std::size_t> line_starts_;
};

// The name without its namespace prefix: "wp:comment" -> "comment".
std::string_view local_name(const char* name);
// First child element whose local name is `name` (empty node if none).
pugi::xml_node child(pugi::xml_node node, std::string_view name);
// All text (PCDATA and CDATA) directly inside `node`, concatenated.
std::string text_of(pugi::xml_node node);
// text_of with surrounding whitespace removed.
std::string trimmed_text_of(pugi::xml_node node);
// Value of the attribute whose local name is `name` ("dsq:id" for "id").
pugi::xml_attribute attribute(pugi::xml_node node, std::string_view name);

std::string trim(std::string_view s);

}  // namespace soundoff::import::detail
