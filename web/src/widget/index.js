// Entry of web/dist/soundoff-widget.mjs (bundlers): no auto-mount.
export { loadEngine, mount } from './mount.js';
export { locales } from './i18n.js';
