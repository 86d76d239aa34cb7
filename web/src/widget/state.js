// What the widget knows about what it shows: the current query and page, the
// comments on screen (for mentions and the pre-check's context), the ids seen
// so far (to mark new ones) and the count the "N new comments" poll compares
// with. No DOM here.
import { mentionResolver, nameKeys, namesIn } from './mentions.js';

/** Pre-order walk of page items (iterative). */
export function flatten(items) {
  const out = [];
  const stack = [...items].reverse();
  while (stack.length) {
    const item = stack.pop();
    out.push(item);
    for (let i = (item.children?.length ?? 0) - 1; i >= 0; i--) stack.push(item.children[i]);
  }
  return out;
}

/** @param {string} sort  the initial sort order; @param {() => object} engine  the loaded engine */
export function createState(sort, engine) {
  const keys = nameKeys(engine);
  // Bodies are segmented once: for their mentions' name keys (one batch per page), then for rendering.
  const segments = new Map();
  const segmentsOf = (body) => {
    if (!segments.has(body)) segments.set(body, engine().segments(body));
    return segments.get(body);
  };
  const state = {
    query: { sort, page: 1 },
    page: null,
    shown: [], // comments on screen, in display order
    seen: new Set(), // ids shown since mounting
    baseline: 0, // the total the last page (or post) reported
    segmentsOf,
    mentionsFor: (item) => resolver(item),
    /** A new page replaces what is shown. */
    clear() {
      state.shown = [];
      segments.clear();
    },
    /** Adds page items to what is shown; returns them flattened (display order). */
    remember(items) {
      const flat = flatten(items);
      keys.prepare(namesIn(flat, segmentsOf));
      state.shown.push(...flat);
      resolver = mentionResolver(state.shown, keys);
      return flat;
    },
    /** The pre-check's context: the last 50 comments shown, without tombstones. */
    spamContext: () => ({
      thread: state.shown.filter((c) => !c.tombstone).slice(-50).map((c) => ({ author: c.author, body: c.body, created: c.created })),
      now: new Date().toISOString(),
    }),
  };
  let resolver = mentionResolver([], keys);
  return state;
}
