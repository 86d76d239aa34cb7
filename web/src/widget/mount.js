// The public entry points: mount(target, options) for bundler users, and
// auto-mounting from the <script data-soundoff-*> tag that loaded the bundle.
import { load, wasmFileName } from '../../dist/soundoff-engine.mjs';
import { h } from './dom.js';
import { optionsFromAttributes } from './options.js';
import { mountWidget } from './widget.js';

let sharedEngine = null;
// Where soundoff-tools.mjs (the spam check) is: auto.js sets it next to soundoff.js, whose
// bundled engine cannot know its own URL. The ES module build finds it next to itself.
let toolsLocation = null;
// Where the engine's binary is, for the separate-file soundoff.js (wasmFileName
// is null when the bundle carries the binary inside): next to the script.
let wasmLocation = null;
export const setEngineBase = (scriptUrl) => {
  toolsLocation = new URL('soundoff-tools.mjs', scriptUrl).href;
  if (wasmFileName) wasmLocation = new URL(wasmFileName, scriptUrl).href;
};
/** One engine per page, loaded on first use. */
export const loadEngine = () =>
  (sharedEngine ??= load({ ...(toolsLocation && { tools: toolsLocation }), ...(wasmLocation && { wasm: wasmLocation }) }));

/**
 * Mounts a widget. `target` is an element or a selector; options as in
 * soundoff-widget.d.ts (camelCase), overriding the target's data-soundoff-*.
 */
export function mount(target, options = {}) {
  const host = typeof target === 'string' ? document.querySelector(target) : target;
  if (!host) throw new Error(`soundoff: no element ${String(target)} to mount into`);
  return mountWidget(host, { ...optionsFromAttributes(host), ...options }, loadEngine);
}

/**
 * Mounts from a script tag: into <div id="soundoff"> when the page has one,
 * else into a new element right after the script. Returns null when the tag
 * names no source (neither data-soundoff-src nor data-soundoff-api).
 */
export function autoMount(script) {
  const options = optionsFromAttributes(script);
  if (!options.src && options.api === undefined) return null;
  let host = document.getElementById('soundoff');
  if (!host) {
    host = h('div', { class: 'soundoff' });
    host.id = 'soundoff';
    script.after(host);
  }
  if (host.shadowRoot) return null; // already mounted (the script was included twice)
  return mountWidget(host, options, loadEngine);
}
