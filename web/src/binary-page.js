// Reads the comments of a page that left wasm as flat arrays
// (core/include/soundoff/page_binary.h): per entry, binary_page::kFields
// unsigned fields and kNumbers doubles, and the entries' strings one after
// another in one UTF-8 table, decoded here with one TextDecoder call and then
// sliced. It rebuilds the items exactly as the page's JSON has them, key order
// included. web/scripts/build.mjs places this file before facade.js.

// binary_page::Field, ::Number and ::Flag, in their C++ order.
const entryFields = 19;
const entryNumbers = 5;
const absent = 0xffffffff;
const [fParentEntry, fFlags, fDepth, fReplies, fHiddenReplies] = [0, 1, 2, 3, 4];
const fFirstString = 5;  // id, parent, author, body, created, status, edited, badge, latest_activity,
const stringsPerEntry = 14;  // reply_to id, reply_to author, replies_cursor, inferred id, inferred author
const [nScore, nUp, nDown, nNumber, nConfidence] = [0, 1, 2, 3, 4];
const flagPinned = 1;
const flagTombstone = 2;
const flagOrphan = 4;
const flagCycleBroken = 8;
const flagInferredNested = 16;
const flagHasInferredReply = 32;

// ignoreBOM: a table that starts with U+FEFF (an id that does) keeps it.
const pageText = new TextDecoder('utf-8', { ignoreBOM: true });

/**
 * The page's items (with nested `children`) from its arrays. Reads the views
 * at once: they point into wasm memory, which the next engine call may move.
 */
function binaryPageItems(fields, numbers, stringBytes) {
  const text = pageText.decode(stringBytes);
  const count = fields.length / entryFields;
  const entries = new Array(count);
  const items = [];
  const s = new Array(stringsPerEntry);
  let at = 0;
  for (let i = 0, f = 0, n = 0; i < count; i++, f += entryFields, n += entryNumbers) {
    for (let k = 0; k < stringsPerEntry; k++) {
      const length = fields[f + fFirstString + k];
      if (length === absent) {
        s[k] = null;
      } else {
        s[k] = text.slice(at, at + length);
        at += length;
      }
    }
    const item = pageItem(s, fields[f + fFlags], fields, f, numbers, n);
    entries[i] = item;
    const parent = fields[f + fParentEntry];
    (parent === absent ? items : entries[parent].children).push(item);
  }
  return items;
}

// One item, its keys in the JSON writer's order; the optional ones (pinned,
// edited, badge, cycle_broken, inferred_reply) only when set.
function pageItem(s, flags, fields, f, numbers, n) {
  const item = { id: s[0], parent: s[1], author: s[2], body: s[3], created: s[4], status: s[5] };
  item.score = numbers[n + nScore];
  item.up = numbers[n + nUp];
  item.down = numbers[n + nDown];
  if (flags & flagPinned) item.pinned = true;
  if (s[6] !== null) item.edited = s[6];
  if (s[7] !== null) item.badge = s[7];
  item.depth = fields[f + fDepth];
  item.number = numbers[n + nNumber] === 0 ? null : numbers[n + nNumber];
  item.replies = fields[f + fReplies];
  item.latest_activity = s[8];
  item.tombstone = (flags & flagTombstone) !== 0;
  item.orphan = (flags & flagOrphan) !== 0;
  if (flags & flagCycleBroken) item.cycle_broken = true;
  item.reply_to = s[9] === null ? null : { id: s[9], author: s[10] };
  item.hidden_replies = fields[f + fHiddenReplies];
  item.replies_cursor = s[11];
  if (flags & flagHasInferredReply) {
    item.inferred_reply =
      s[12] === null
        ? null
        : { id: s[12], author: s[13], confidence: numbers[n + nConfidence], nested: (flags & flagInferredNested) !== 0 };
  }
  item.children = [];
  return item;
}
