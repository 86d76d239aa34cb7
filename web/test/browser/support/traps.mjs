// Installed before any page script: counts every way hostile content could
// run code or reach out (alert/confirm/prompt, eval, Function, string timers,
// document.write, fetch beyond the expected ones) and every element added to
// the page outside the widget's host.
export function installTraps() {
  const counts = { alert: 0, confirm: 0, prompt: 0, eval: 0, Function: 0, stringTimer: 0, write: 0, fetch: [], outsideElements: [] };
  window.__traps = counts;
  for (const name of ['alert', 'confirm', 'prompt']) {
    window[name] = () => {
      counts[name]++;
    };
  }
  counts.FunctionCallers = [];
  const realEval = window.eval;
  // Playwright's own page.evaluate goes through eval in its UtilityScript; only other callers count.
  const byPlaywright = () => /UtilityScript\.evaluate/.test(String(new Error().stack));
  window.eval = function (code) {
    if (byPlaywright()) return realEval(code);
    counts.eval++;
    counts.FunctionCallers.push(`eval: ${String(new Error().stack).split('\n').slice(2, 4).join(' | ')}`);
    return realEval(code);
  };
  const RealFunction = window.Function;
  window.Function = function (...args) {
    if (byPlaywright()) return RealFunction(...args);
    counts.Function++;
    counts.FunctionCallers.push(String(new Error().stack).split('\n').slice(2, 4).join(' | '));
    return RealFunction(...args);
  };
  for (const name of ['setTimeout', 'setInterval']) {
    const real = window[name];
    window[name] = function (handler, ...rest) {
      if (typeof handler === 'string') counts.stringTimer++;
      return real.call(this, handler, ...rest);
    };
  }
  document.write = () => counts.write++;
  const realFetch = window.fetch;
  window.fetch = function (input, init) {
    counts.fetch.push(String(input instanceof Request ? input.url : input));
    return realFetch.call(this, input, init);
  };
  // Watch from the end of parsing: the widget mounts at DOMContentLoaded at the earliest.
  const watch = () =>
    new MutationObserver((records) => {
      for (const r of records) {
        for (const node of r.addedNodes) {
          if (node.nodeType === 1 && node.id !== 'soundoff') counts.outsideElements.push(node.tagName);
        }
      }
    }).observe(document, { childList: true, subtree: true });
  document.addEventListener('readystatechange', () => document.readyState === 'interactive' && watch());
}
