// The straightforward plain-JS baseline of bench/engine-compare.mjs: bytes ->
// JSON.parse -> Map-based tree -> sort -> first page, with the same ordering,
// numbering, depth cap and tombstones as the engine's default page (oldest
// first, 50 threads, depth 5) but none of its validation or error reporting.
const compareIds = (a, b) => {
  const numeric = /^\d+$/;
  if (numeric.test(a) && numeric.test(b) && a.length !== b.length) return a.length - b.length;
  return a < b ? -1 : a > b ? 1 : 0;
};
const oldestFirst = (a, b) => a.createdMs - b.createdMs || compareIds(a.id, b.id);

export function firstPage(bytes, { perPage = 50, maxDepth = 5 } = {}) {
  const document = JSON.parse(new TextDecoder().decode(bytes));
  const records = Array.isArray(document) ? document : document.comments;
  const nodes = new Map();
  for (const r of records) {
    const id = String(r.id);
    nodes.set(id, {
      id,
      parent: r.parent == null ? null : String(r.parent),
      author: r.author,
      body: r.body,
      created: r.created,
      createdMs: Date.parse(r.created),
      visible: (r.status ?? 'published') === 'published',
      children: [],
      visibleBelow: 0,
    });
  }
  const roots = [];
  for (const node of nodes.values()) {
    const parent = node.parent === null ? undefined : nodes.get(node.parent);
    (parent ? parent.children : roots).push(node);
  }
  // Visible descendants, bottom-up without recursion: a node's count is final
  // once every node after it in pre-order has been added to its parent.
  const order = [];
  const stack = [...roots];
  while (stack.length) {
    const node = stack.pop();
    order.push(node);
    node.children.sort(oldestFirst);
    for (const child of node.children) stack.push(child);
  }
  for (let i = order.length - 1; i >= 0; i--) {
    const node = order[i];
    const parent = node.parent === null ? undefined : nodes.get(node.parent);
    if (parent) parent.visibleBelow += node.visibleBelow + (node.visible ? 1 : 0);
  }
  const shown = (n) => n.visible || n.visibleBelow > 0;
  const shownRoots = roots.filter(shown).sort(oldestFirst);
  const total = order.reduce((sum, n) => sum + (n.visible ? 1 : 0), 0);

  let number = 0;
  const items = [];
  const pending = shownRoots.slice(0, perPage).reverse().map((node) => ({ node, depth: 0, into: items }));
  while (pending.length) {
    const { node, depth, into } = pending.pop();
    const item = {
      id: node.id,
      parent: node.parent,
      author: node.visible ? node.author : null,
      body: node.visible ? node.body : null,
      created: node.created,
      depth,
      number: node.visible ? ++number : null,
      replies: node.visibleBelow,
      tombstone: !node.visible,
      children: [],
    };
    into.push(item);
    // Beyond the depth cap replies are listed under the deepest shown ancestor.
    const childDepth = maxDepth === 0 || depth < maxDepth ? depth + 1 : depth;
    const target = childDepth > depth ? item.children : into;
    for (let i = node.children.length - 1; i >= 0; i--) {
      if (shown(node.children[i])) pending.push({ node: node.children[i], depth: childDepth, into: target });
    }
  }
  return { thread: document.thread ?? '', total, threads: shownRoots.length, page: 1,
           pages: Math.max(1, Math.ceil(shownRoots.length / perPage)), per_page: perPage, items };
}
