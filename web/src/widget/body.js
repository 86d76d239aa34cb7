// A comment body as DOM: the engine's segments (text, link, mention, quote,
// line and paragraph breaks) become paragraphs, <br>, <blockquote>, links
// and text nodes. Only http(s) links are made, with rel="nofollow ugc noopener".
import { commentHash, h, safeHttpUrl } from './dom.js';

/**
 * @param {Array} segments   engine.segments(body)
 * @param {(name: string) => string | null} resolveMention  comment id a mention points to
 */
export function renderBody(segments, resolveMention) {
  const body = h('div', { class: 'so-body' });
  let paragraph = null;
  const open = () => (paragraph ??= body.appendChild(h('p')));
  for (const segment of segments) {
    switch (segment.type) {
      case 'paragraph_break':
        paragraph = null;
        break;
      case 'line_break':
        if (paragraph) paragraph.append(h('br'));
        break;
      case 'quote':
        paragraph = null;
        body.append(multiline(h('blockquote'), segment.text));
        break;
      case 'link': {
        const url = safeHttpUrl(segment.url);
        open().append(
          url ? h('a', { href: url, rel: 'nofollow ugc noopener', target: '_blank', text: segment.text }) : segment.text,
        );
        break;
      }
      case 'mention': {
        const target = resolveMention(segment.name);
        open().append(target === null ? segment.text : h('a', { class: 'so-mention', href: commentHash(target), text: segment.text }));
        break;
      }
      default:
        open().append(String(segment.text ?? ''));
    }
  }
  return body;
}

/** Plain text with '\n' kept as <br>. */
export function multiline(element, text) {
  String(text).split('\n').forEach((line, i) => {
    if (i > 0) element.append(h('br'));
    element.append(line);
  });
  return element;
}
