// What readers do to comments besides reading: report, vote, and post (the
// optimistic insert is posting.js's); and the "N new comments" poll. Results
// are announced; the state keeps the count and the seen ids current.
import { postOptimistically } from './posting.js';

/** @param {object} w  the widget: {o, t, ui, state, view, source} */
export function commentActions(w) {
  const { o, t, ui, state } = w;

  async function report(item, button) {
    if (o.mode !== 'api') return ui.announce(t('report_static'));
    button.disabled = true;
    try {
      await w.source.report(item.id);
      ui.announce(t('reported'));
    } catch (e) {
      ui.announce(e.code === 'already_reported' ? t('already_reported') : e.message);
    }
  }

  async function vote(item, value, button) {
    const group = button.parentNode;
    try {
      const result = await w.source.vote(item.id, value);
      const [up, down] = group.querySelectorAll('.so-count');
      up.textContent = w.view.number(result.up);
      down.textContent = w.view.number(result.down);
      button.setAttribute('aria-pressed', 'true');
    } catch (e) {
      ui.announce(e.code === 'already_voted' ? t('already_voted') : e.message);
    }
  }

  /** Optimistic insert and POST (posting.js); keeps the count and the seen ids current. */
  async function submit(candidate, parent) {
    const outcome = await postOptimistically({
      candidate,
      parent,
      shadow: ui.shadow,
      listBox: ui.listBox,
      view: w.view,
      source: w.source,
      maxDepth: o.maxDepth,
      newestFirst: state.query.sort === 'newest',
    });
    if (outcome.ok) {
      state.seen.add(outcome.id);
      if (outcome.status === 'published') ui.setHeading(++state.baseline);
    }
    return outcome;
  }

  // "N new comments": poll the count, announce, and show them only on request.
  async function poll() {
    if (document.hidden || !state.page) return;
    try {
      const count = await w.source.count();
      const fresh = count - state.baseline;
      if (fresh > 0) {
        const text = t('new_comments', { n: fresh });
        if (ui.newButton.textContent !== text) ui.announce(text);
        ui.newButton.textContent = text;
        ui.newButton.hidden = false;
      }
    } catch {
      // The next poll tries again; a failed count is not worth interrupting the reader.
    }
  }

  return { report, vote, submit, poll };
}
