// Reads the comments of a page that left wasm as flat arrays
// (core/include/soundoff/page_binary.h): per entry, binary_page::kFields
// unsigned fields and kNumbers doubles, and the entries' strings one after
// another in one UTF-8 table, decoded here with one TextDecoder call and then
// sliced. It rebuilds the items exactly as the page's JSON has them, key order
// included. web/scripts/build.mjs places this file before facade.js.
//
// The layout, as numbers below (every byte of this file is in the widget):
//   fields, 19 per entry (binary_page::Field): 0 parent entry, 1 flags, 2 depth, 3 replies, 4 hidden replies,
//     5-18 the lengths (UTF-16 units; 0xffffffff: null or absent) of the 14 strings s[0..13]: id, parent,
//     author, body, created, status, edited, badge, latest_activity, reply_to id, reply_to author,
//     replies_cursor, inferred id, inferred author;
//   numbers, 5 per entry (binary_page::Number): 0 score, 1 up, 2 down, 3 number (0: null), 4 confidence;
//   flags (binary_page::Flag): 1 pinned, 2 tombstone, 4 orphan, 8 cycle_broken, 16 inferred nested,
//     32 the page carries inferred_reply.

// ignoreBOM: a table that starts with U+FEFF (an id that does) keeps it.
const pageText = new TextDecoder('utf-8', { ignoreBOM: true });

/**
 * The page's items (with nested `children`) from its arrays. Reads the views
 * at once: they point into wasm memory, which the next engine call may move.
 */
function binaryPageItems(fields, numbers, stringBytes) {
  const text = pageText.decode(stringBytes);
  const count = fields.length / 19;
  const entries = new Array(count);
  const items = [];
  const s = new Array(14);
  let at = 0;
  for (let i = 0, f = 0; i < count; i++, f += 19) {
    for (let k = 0; k < 14; k++) {
      const length = fields[f + 5 + k];
      s[k] = length === 0xffffffff ? null : text.slice(at, (at += length));
    }
    const item = pageItem(s, fields, f, numbers, i * 5);
    entries[i] = item;
    const parent = fields[f];
    (parent === 0xffffffff ? items : entries[parent].children).push(item);
  }
  return items;
}

// One item, its keys in the JSON writer's order; the optional ones (pinned,
// edited, badge, cycle_broken, inferred_reply) only when set.
function pageItem(s, fields, f, numbers, n) {
  const flags = fields[f + 1];
  const item = { id: s[0], parent: s[1], author: s[2], body: s[3], created: s[4], status: s[5] };
  item.score = numbers[n];
  item.up = numbers[n + 1];
  item.down = numbers[n + 2];
  if (flags & 1) item.pinned = true;
  if (s[6] !== null) item.edited = s[6];
  if (s[7] !== null) item.badge = s[7];
  item.depth = fields[f + 2];
  item.number = numbers[n + 3] || null;
  item.replies = fields[f + 3];
  item.latest_activity = s[8];
  item.tombstone = (flags & 2) !== 0;
  item.orphan = (flags & 4) !== 0;
  if (flags & 8) item.cycle_broken = true;
  item.reply_to = s[9] === null ? null : { id: s[9], author: s[10] };
  item.hidden_replies = fields[f + 4];
  item.replies_cursor = s[11];
  if (flags & 32) {
    item.inferred_reply = s[12] === null ? null : { id: s[12], author: s[13], confidence: numbers[n + 4], nested: (flags & 16) !== 0 };
  }
  item.children = [];
  return item;
}
