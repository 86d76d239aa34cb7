// Entry of web/dist/soundoff.js (one classic <script>): mounts from the
// script tag that loaded it and exposes `window.SoundoffWidget` for pages
// that want to mount more widgets by hand.
import { autoMount, loadEngine, mount, setEngineBase } from './mount.js';

performance.mark?.('soundoff:start');
// currentScript is only set while this script runs synchronously (async too).
const script =
  document.currentScript ?? document.querySelector('script[data-soundoff-src],script[data-soundoff-api]');
// The engine's binary and the tools module (spam pre-check) are loaded from next to this script.
if (script?.src) setEngineBase(script.src);
window.SoundoffWidget = { mount, loadEngine };
if (script) {
  const start = () => {
    const widget = autoMount(script);
    window.SoundoffWidget.widget = widget;
  };
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start, { once: true });
  else start();
}
