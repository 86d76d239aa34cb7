// The only way the widget creates elements. Text always goes in as text
// nodes and attribute values through setAttribute; there is no path from
// data to markup (no innerHTML and friends anywhere in the widget).

/**
 * h('a', {class: 'x', href: '#y', text: 'label'}, child, ...)
 * Attribute names come from widget code only; `on*` names are refused so a
 * mistake cannot turn data into a handler.
 */
export function h(tag, props = {}, ...children) {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(props)) {
    if (value === undefined || value === null || value === false) continue;
    if (name === 'text') element.textContent = String(value);
    else if (/^on/i.test(name)) throw new Error(`h(): refusing event attribute ${name}`);
    else element.setAttribute(name, value === true ? '' : String(value));
  }
  append(element, children);
  return element;
}

/** Appends nodes and strings (as text), skipping null/false. */
export function append(parent, children) {
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    parent.append(typeof child === 'string' ? document.createTextNode(child) : child);
  }
  return parent;
}

/** The element id of a comment. Ids are arbitrary strings; as a property value they are only ever text. */
export const commentElementId = (id) => `comment-${id}`;

/** A fragment link to a comment (percent-encoded, quotes and parentheses too, so any id makes a plain URL). */
export const commentHash = (id) =>
  `#comment-${encodeURIComponent(id).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)}`;

/** The comment id named by a location hash, or null. */
export function commentIdFromHash(hash) {
  const match = /^#comment-(.+)$/s.exec(hash || '');
  if (!match) return null;
  try {
    return decodeURIComponent(match[1]);
  } catch {
    return match[1];
  }
}

/** An http(s) URL as a string, else null (javascript:, data:, relative... are never links). */
export function safeHttpUrl(url) {
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'http:' || parsed.protocol === 'https:' ? parsed.href : null;
  } catch {
    return null;
  }
}

/** Removes every child. */
export function clear(element) {
  element.replaceChildren();
  return element;
}
