// The page as flat arrays, for the wasm engine: the comments of a page leave
// wasm as numbers and one UTF-8 string table that the facade decodes once with
// TextDecoder and slices, instead of a JSON text written in wasm and parsed
// again in JavaScript. The facade rebuilds exactly the page of page_json.h
// (docs/wasm.md, "The binary page"); everything but the comments stays JSON.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "soundoff/document.h"
#include "soundoff/pagination.h"

namespace soundoff::binary_page {

// One entry's unsigned fields, in this order (kFields per entry, pre-order
// like Page::entries). The *_length fields give each string's length in
// UTF-16 code units (what JavaScript's string offsets count); the strings sit
// in `strings` one after another in this order, and kAbsent marks a null or
// absent value, which takes no room.
enum Field : std::uint32_t {
  parent_entry,  // index of the parent's entry on this page, or kNoEntry
  flags,         // Flag bits
  depth,
  replies,
  hidden_replies,
  id_length,
  parent_length,
  author_length,  // kAbsent for a tombstone (null)
  body_length,    // kAbsent for a tombstone (null)
  created_length,
  status_length,
  edited_length,  // kAbsent: no `edited` key
  badge_length,   // kAbsent: no `badge` key
  latest_activity_length,
  reply_to_id_length,      // kAbsent: reply_to is null
  reply_to_author_length,  // kAbsent: reply_to.author is null
  replies_cursor_length,
  inferred_id_length,  // kAbsent: inferred_reply is null (or absent, see has_inferred_reply)
  inferred_author_length,
  kFields
};

// One entry's numbers (kNumbers per entry): JSON numbers carried as doubles,
// the values JSON.parse would give for the page's JSON text.
enum Number : std::uint32_t {
  score,
  up,
  down,
  number,      // 0: null (a tombstone)
  confidence,  // inferred_reply.confidence, rounded to thousandths as the JSON writes it
  kNumbers
};

enum Flag : std::uint32_t {
  pinned = 1,
  tombstone = 2,
  orphan = 4,
  cycle_broken = 8,
  inferred_nested = 16,
  has_inferred_reply = 32,  // the page carries `inferred_reply` (reply inference is on)
};

constexpr std::uint32_t kAbsent = 0xFFFFFFFFu;
constexpr std::uint32_t kNoEntry = 0xFFFFFFFFu;

}  // namespace soundoff::binary_page

namespace soundoff {

struct BinaryPage {
  std::string header_json;            // page_header_json: the page with "items": null
  std::vector<std::uint32_t> fields;  // binary_page::kFields per entry
  std::vector<double> numbers;        // binary_page::kNumbers per entry
  std::string strings;                // the entries' strings, valid UTF-8
};

// Fills `out` (reusing its buffers) with `page`, built from `view`. Text that
// is not UTF-8 gets U+FFFD per invalid byte, as the JSON writer writes it.
void write_binary_page(const ThreadView& view, const Page& page, const std::vector<RecordError>& errors,
                       BinaryPage& out);

}  // namespace soundoff
