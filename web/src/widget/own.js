// The reader's own comments (docs/widget.md, "Editing your own comment"): the
// edit keys the server answered to this browser's posts, kept in
// localStorage per thread (`soundoff:edit:<thread>`) so Edit and Delete stay
// offered after a reload, until each key's window ends.

/** @returns {{remember(result: object): void, keyOf(id: string): string | null, forget(id: string): void}} */
export function ownComments(thread, now = () => Date.now()) {
  const name = `soundoff:edit:${thread}`;
  const read = () => {
    try {
      const data = JSON.parse(globalThis.localStorage?.getItem(name) ?? '{}');
      return data && typeof data === 'object' && !Array.isArray(data) ? data : {};
    } catch {
      return {}; // storage blocked (privacy mode) or damaged: nothing is editable, nothing breaks
    }
  };
  const write = (entries) => {
    try {
      if (Object.keys(entries).length) globalThis.localStorage?.setItem(name, JSON.stringify(entries));
      else globalThis.localStorage?.removeItem(name);
    } catch {
      // A full or blocked storage only costs the buttons after a reload.
    }
  };
  const live = () => {
    const entries = read();
    let changed = false;
    for (const [id, entry] of Object.entries(entries)) {
      const until = Date.parse(entry?.until ?? '');
      if (typeof entry?.key !== 'string' || !(until > now())) {
        delete entries[id];
        changed = true;
      }
    }
    if (changed) write(entries);
    return entries;
  };
  return {
    /** Keeps the key of a POST's answer ({id, edit_key, editable_until}); answers without one are ignored. */
    remember(result) {
      if (!result || typeof result.edit_key !== 'string' || typeof result.editable_until !== 'string') return;
      const entries = live();
      entries[String(result.id)] = { key: result.edit_key, until: result.editable_until };
      write(entries);
    },
    keyOf(id) {
      return live()[String(id)]?.key ?? null;
    },
    forget(id) {
      const entries = live();
      delete entries[String(id)];
      write(entries);
    },
  };
}
