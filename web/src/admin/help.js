// The keyboard help (the "?" key and the header's "?" button).
import { h } from '../widget/dom.js';
import { button, openDialog } from './ui.js';

export const shortcuts = [
  ['j', 'help_j'],
  ['k', 'help_k'],
  ['a', 'help_a'],
  ['r', 'help_r'],
  ['x', 'help_x'],
  ['?', 'help_q'],
];

export function showHelp(t) {
  if (document.querySelector('dialog[open]')) return null;
  return openDialog(t, t('help'), (close) => {
    const done = button(t('close_dialog'), () => close(null));
    queueMicrotask(() => done.focus());
    return h(
      'div',
      {},
      h('dl', { class: 'keys' }, ...shortcuts.flatMap(([key, text]) => [h('dt', {}, h('kbd', { text: key })), h('dd', { text: t(text) })])),
      done,
    );
  });
}
