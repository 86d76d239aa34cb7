// The widget's stylesheet (inside its Shadow DOM). Themeable through CSS
// custom properties set on the host element (docs/widget.md); dark colours
// apply with prefers-color-scheme unless data-soundoff-theme forces one.
const light = `
  --so-bg: var(--soundoff-bg, #ffffff);
  --so-fg: var(--soundoff-fg, #1f2328);
  --so-muted: var(--soundoff-muted, #57606a);
  --so-accent: var(--soundoff-accent, #0b5cad);
  --so-border: var(--soundoff-border, #d0d7de);
  --so-surface: var(--soundoff-surface, #f6f8fa);
  --so-highlight: var(--soundoff-highlight, #fff8c5);
  --so-focus: var(--soundoff-focus, #bf4b00);
  --so-error: var(--soundoff-error, #b42318);
  --so-hold: var(--soundoff-hold, #7a4d00);`;
const dark = `
  --so-bg: var(--soundoff-dark-bg, #16181d);
  --so-fg: var(--soundoff-dark-fg, #e6e8eb);
  --so-muted: var(--soundoff-dark-muted, #a4adb8);
  --so-accent: var(--soundoff-dark-accent, #79b8ff);
  --so-border: var(--soundoff-dark-border, #3b424c);
  --so-surface: var(--soundoff-dark-surface, #20242b);
  --so-highlight: var(--soundoff-dark-highlight, #3d3413);
  --so-focus: var(--soundoff-dark-focus, #ffb26b);
  --so-error: var(--soundoff-dark-error, #ff8f87);
  --so-hold: var(--soundoff-dark-hold, #f2c14e);`;

export const css = `
:host { display: block; ${light}
  color-scheme: light; }
:host([data-soundoff-theme="dark"]) { ${dark} color-scheme: dark; }
@media (prefers-color-scheme: dark) {
  :host(:not([data-soundoff-theme="light"])) { ${dark} color-scheme: dark; }
}
.so { background: var(--so-bg); color: var(--so-fg); font: var(--soundoff-font, 1rem/1.5 system-ui, sans-serif);
  padding: var(--soundoff-padding, 1rem); border-radius: var(--soundoff-radius, 6px); }
.so a { color: var(--so-accent); }
.so :focus-visible { outline: 3px solid var(--so-focus); outline-offset: 2px; }
.so button, .so select, .so input, .so textarea { font: inherit; color: inherit; }
.so button { background: var(--so-surface); border: 1px solid var(--so-border); border-radius: 4px;
  padding: .15rem .6rem; cursor: pointer; }
.so button:disabled { cursor: not-allowed; opacity: .7; }
.so h2 { font-size: 1.3em; margin: 0 0 .5rem; }
.so h3 { font-size: 1em; margin: 0; display: inline; }
.so-toolbar { display: flex; gap: .5rem; align-items: center; margin-bottom: .75rem; }
.so-feed { margin-inline-start: auto; }
.so select, .so input, .so textarea { background: var(--so-bg); border: 1px solid var(--so-border); border-radius: 4px;
  padding: .3rem .4rem; }
.so-list, .so-children { list-style: none; margin: 0; padding: 0; }
/* Threads off screen skip layout and paint until scrolled near (big pages paint sooner). */
.so-list > .so-item { content-visibility: auto; contain-intrinsic-size: auto 160px; }
.so-children { margin-left: var(--soundoff-indent, 1.5rem); border-left: 2px solid var(--so-border); padding-left: .75rem; }
.so-comment { padding: .6rem .5rem; border-bottom: 1px solid var(--so-border); border-radius: 4px; scroll-margin: 4rem; }
.so-comment.so-highlight { background: var(--so-highlight); }
.so-comment.so-new { box-shadow: inset 3px 0 0 var(--so-accent); }
.so-meta { display: flex; flex-wrap: wrap; gap: .5rem; align-items: baseline; }
.so-number { color: var(--so-muted); font-variant-numeric: tabular-nums; }
.so-permalink { color: var(--so-muted) !important; font-size: .9em; }
.so-context, .so-deleted { color: var(--so-muted); font-size: .9em; margin: .2rem 0; }
.so-deleted { font-style: italic; }
.so-body p { margin: .4rem 0; overflow-wrap: anywhere; }
.so-body blockquote { margin: .4rem 0; padding-left: .75rem; border-left: 3px solid var(--so-border); color: var(--so-muted); }
.so-actions { display: flex; gap: .5rem; flex-wrap: wrap; font-size: .9em; }
.so-edit-form { display: grid; gap: .4rem; margin: .4rem 0; }
.so-edit-form textarea { resize: vertical; font: inherit; }
/* A tint, not opacity: faded muted text (the time) fell below 4.5:1 contrast (axe). */
.so-pending { background: var(--so-surface); }
.so-badge { font-size: .8em; color: var(--so-hold); }
.so-vote[aria-pressed="true"] { border-color: var(--so-accent); }
.so-sr { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
.so-pager ul { list-style: none; display: flex; flex-wrap: wrap; gap: .35rem; padding: 0; margin: 1rem 0; }
.so-current { font-weight: bold; padding: .15rem .6rem; border: 1px solid var(--so-accent); border-radius: 4px; }
.so-gap { padding: .15rem .2rem; color: var(--so-muted); }
.so-load-more, .so-more-replies { margin: .5rem 0; }
.so-new-comments { margin: 0 0 .75rem; font-weight: bold; }
.so-form { margin-top: 1.25rem; padding-top: .5rem; border-top: 1px solid var(--so-border); display: grid; gap: .6rem; }
.so-field { display: grid; gap: .2rem; }
.so-field textarea { resize: vertical; }
.so-field-error, .so-form-status:not(:empty), .so-error { color: var(--so-error); margin: 0; }
.so-replying { margin: 0; }
.so-check:empty { display: none; }
.so-check p, .so-check ul { margin: 0; }
.so-check-hold, .so-check-reject { color: var(--so-hold); }
.so-static-note { color: var(--so-muted); margin: 0; }
.so-form[hidden] { display: none; }
.so-closed { margin-top: 1.25rem; padding-top: .5rem; border-top: 1px solid var(--so-border); color: var(--so-muted); font-weight: bold; }
.so-pinned-badge { font-weight: bold; }
.so-account-badge { color: var(--so-accent); font-weight: bold; }
.so-edited { color: var(--so-muted); font-size: .85em; font-style: italic; }
`;

/** Attaches the stylesheet: constructable sheets where supported (no <style> needed), else a <style>. */
export function applyStyles(shadow) {
  try {
    const sheet = new CSSStyleSheet();
    sheet.replaceSync(css);
    shadow.adoptedStyleSheets = [sheet];
  } catch {
    const style = document.createElement('style');
    style.textContent = css;
    shadow.append(style);
  }
}
