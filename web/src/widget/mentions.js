// Mentions link to the most recent earlier comment on the page by the person
// named. Names are compared by core's name key (engine.nameKeys: the key reply
// resolution uses), so "@banasy" reaches "banasy©" and "@Ma\u200Bry" reaches
// "Mary" exactly as core decides; the widget has no name rule of its own.

/**
 * Core name keys, remembered per name: `prepare` computes the missing ones in
 * one engine call (a page's authors and mentions at once); `key` of a name not
 * prepared (a comment the reader just posted) costs one call of its own.
 * @param {() => object} engine  the loaded engine (with nameKeys)
 */
export function nameKeys(engine) {
  const keys = new Map();
  const prepare = (names) => {
    const missing = [...new Set(names.map(String))].filter((name) => !keys.has(name));
    if (!missing.length) return;
    engine().nameKeys(missing).forEach((key, i) => keys.set(missing[i], key));
  };
  return {
    prepare,
    key(name) {
      const text = String(name);
      if (!keys.has(text)) prepare([text]);
      return keys.get(text);
    },
  };
}

/** The names `comments` need keys for: their authors and the names their bodies mention. */
export function namesIn(comments, segmentsOf) {
  const names = [];
  for (const c of comments) {
    if (c.author !== null && c.author !== undefined) names.push(c.author);
    if (c.tombstone) continue;
    for (const segment of segmentsOf(c.body ?? '')) if (segment.type === 'mention') names.push(segment.name);
  }
  return names;
}

/**
 * `comments` are in display order with `created` ISO strings. Returns
 * comment => name => the id of the comment that mention points to, or null.
 * @param {{key(name: string): string}} keys  from nameKeys()
 */
export function mentionResolver(comments, keys) {
  const byAuthor = new Map();
  for (const c of comments) {
    if (c.author === null || c.author === undefined) continue;
    const key = keys.key(c.author);
    if (!key) continue; // a name of symbols only ("©") is no one a mention can name
    if (!byAuthor.has(key)) byAuthor.set(key, []);
    byAuthor.get(key).push(c);
  }
  return (comment) => (name) => {
    const candidates = byAuthor.get(keys.key(name));
    if (!candidates) return null;
    let best = null;
    for (const c of candidates) {
      if (c.id === comment.id || c.created > comment.created) continue;
      if (c.created === comment.created && (c.number ?? 0) >= (comment.number ?? 0)) continue;
      if (best === null || c.created > best.created || (c.created === best.created && (c.number ?? 0) > (best.number ?? 0))) best = c;
    }
    return best ? best.id : null;
  };
}
