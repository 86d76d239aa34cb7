#include "soundoff/page_binary.h"

#include <string_view>

#include "json_writer.h"
#include "shown_comment.h"
#include "soundoff/page_json.h"
#include "soundoff/time.h"
#include "soundoff/utf8.h"

namespace soundoff {

namespace {

namespace bp = binary_page;

// UTF-16 code units of valid UTF-8: one per character, two for the four-byte
// ones (surrogate pairs). Continuation bytes are 10xxxxxx.
std::uint32_t utf16_units(std::string_view valid) {
  std::uint32_t units = 0;
  for (const char ch : valid) {
    const auto byte = static_cast<unsigned char>(ch);
    units += static_cast<std::uint32_t>((byte & 0xC0) != 0x80) + static_cast<std::uint32_t>(byte >= 0xF0);
  }
  return units;
}

// Appends `text` to the string table and returns its length in UTF-16 units.
// Text that is not UTF-8 is repaired the way append_json_string writes it:
// each byte of an invalid sequence becomes U+FFFD (utf8_excerpt's rule; an
// excerpt of 3 bytes per input byte is the whole text).
std::uint32_t append_text(std::string& table, std::string_view text) {
  if (is_valid_utf8(text)) {
    table.append(text);
    return utf16_units(text);
  }
  const std::string repaired = utf8_excerpt(text, 3 * text.size());
  table.append(repaired);
  return utf16_units(repaired);
}

class EntryWriter {
 public:
  EntryWriter(const Thread& thread, BinaryPage& out) : t_(thread), out_(out) {}

  void write(const PageEntry& e) {
    const Comment& c = t_.comments[e.node];
    const Node& node = t_.nodes[e.node];
    const std::size_t at = out_.fields.size();
    out_.fields.resize(at + bp::kFields, bp::kAbsent);
    fields_ = out_.fields.data() + at;

    fields_[bp::parent_entry] = e.parent_entry == PageEntry::kNone ? bp::kNoEntry : e.parent_entry;
    fields_[bp::depth] = e.depth;
    fields_[bp::replies] = node.visible_descendants;
    fields_[bp::hidden_replies] = e.hidden_replies;
    const detail::ShownComment shown = detail::shown_comment(c, node);
    std::uint32_t flags = 0;
    if (shown.pinned) flags |= bp::pinned;
    if (node.tombstone) flags |= bp::tombstone;
    if (node.orphan) flags |= bp::orphan;
    if (node.cycle_broken) flags |= bp::cycle_broken;

    // The strings, in the order of binary_page::Field (the facade reads them back in it).
    text(bp::id_length, c.id);
    const std::string_view parent = detail::parent_id(t_, node);
    if (!parent.empty()) text(bp::parent_length, parent);  // as the JSON page's string_or_null
    if (shown.has_content) {
      text(bp::author_length, c.author);
      text(bp::body_length, c.body);
    }
    text(bp::created_length, format_iso8601(c.created_ms));
    text(bp::status_length, shown.status);
    if (shown.edited_ms != 0) text(bp::edited_length, format_iso8601(shown.edited_ms));
    if (!shown.badge.empty()) text(bp::badge_length, shown.badge);
    text(bp::latest_activity_length, format_iso8601(node.latest_activity_ms));
    if (e.capped) {
      text(bp::reply_to_id_length, t_.comments[node.parent].id);
      if (detail::shows_parent_author(t_, node)) text(bp::reply_to_author_length, t_.comments[node.parent].author);
    }
    if (!e.replies_cursor.empty()) text(bp::replies_cursor_length, e.replies_cursor);
    double confidence = 0;
    if (t_.inferred != InferredReplies::off) {
      flags |= bp::has_inferred_reply;
      if (node.inferred_parent != Node::kNone) {
        const Comment& p = t_.comments[node.inferred_parent];
        text(bp::inferred_id_length, p.id);
        text(bp::inferred_author_length, p.author);
        confidence = static_cast<double>(detail::rounded_thousandths(node.inferred_confidence)) / 1000.0;
        if (node.inferred_nested) flags |= bp::inferred_nested;
      }
    }
    fields_[bp::flags] = flags;

    // Integers as the doubles JSON.parse would read them; division by 1000 is
    // correctly rounded, so it gives the double nearest the written "0.xyz".
    out_.numbers.insert(out_.numbers.end(),
                        {static_cast<double>(shown.score), static_cast<double>(shown.up),
                         static_cast<double>(shown.down), static_cast<double>(e.number), confidence});
  }

 private:
  void text(bp::Field field, std::string_view value) { fields_[field] = append_text(out_.strings, value); }

  const Thread& t_;
  BinaryPage& out_;
  std::uint32_t* fields_ = nullptr;
};

}  // namespace

void write_binary_page(const ThreadView& view, const Page& page, const std::vector<RecordError>& errors,
                       BinaryPage& out) {
  static_assert(bp::kNumbers == 5, "write() inserts one value per binary_page::Number");
  out.header_json = page_header_json(view, page, errors);
  out.fields.clear();
  out.numbers.clear();
  out.strings.clear();
  out.fields.reserve(page.entries.size() * bp::kFields);
  out.numbers.reserve(page.entries.size() * bp::kNumbers);
  EntryWriter writer(*view.thread, out);
  for (const PageEntry& e : page.entries) writer.write(e);
}

}  // namespace soundoff
