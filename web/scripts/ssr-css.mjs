// The widget's Shadow DOM stylesheet rewritten for the server-rendered page
// (native/server/page_html.cpp), which lives in the page's own DOM until the
// widget takes it over: `:host` becomes the `.soundoff-ssr` element and every
// other selector is scoped under it, so the first paint is laid out by the
// same rules as the widget and nothing of the article page is touched.

const scope = '.soundoff-ssr';

function scopeSelector(selector) {
  const s = selector.trim();
  if (s.startsWith(':host(')) {
    // :host(X) … → .soundoff-ssr:is(X) … (the compound stays on the same element)
    let depth = 0;
    let end = 5;
    for (; end < s.length; end++) {
      if (s[end] === '(') depth++;
      else if (s[end] === ')' && --depth === 0) break;
    }
    return `${scope}:is(${s.slice(6, end)})${s.slice(end + 1)}`;
  }
  if (s.startsWith(':host')) return `${scope}${s.slice(5)}`;
  return `${scope} ${s}`;
}

/** Splits `a, b:is(c, d)` at top-level commas only. */
function splitSelectors(prelude) {
  const parts = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < prelude.length; i++) {
    const c = prelude[i];
    if (c === '(') depth++;
    else if (c === ')') depth--;
    else if (c === ',' && depth === 0) {
      parts.push(prelude.slice(start, i));
      start = i + 1;
    }
  }
  parts.push(prelude.slice(start));
  return parts;
}

/** Rewrites a block of rules (the sheet, or the inside of an @media) starting at `i`; returns [css, end]. */
function scopeBlock(css, i) {
  let out = '';
  while (i < css.length) {
    const open = css.indexOf('{', i);
    const close = css.indexOf('}', i);
    if (close !== -1 && (open === -1 || close < open)) return [out, close + 1];
    if (open === -1) break;
    const prelude = css.slice(i, open).trim();
    if (prelude.startsWith('@')) {
      const [inner, end] = scopeBlock(css, open + 1);
      out += `${prelude} {\n${inner}}\n`;
      i = end;
      continue;
    }
    const end = css.indexOf('}', open);
    out += `${splitSelectors(prelude).map(scopeSelector).join(', ')} {${css.slice(open + 1, end)}}\n`;
    i = end + 1;
  }
  return [out, css.length];
}

export function ssrStylesheet(css) {
  return scopeBlock(css.replace(/\/\*[\s\S]*?\*\//g, ''), 0)[0];
}
