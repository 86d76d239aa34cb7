// A page drawn so the reader sees it at once: the first screenful of comments
// in the task that shows the page, the rest in idle slices of a few
// milliseconds, so a page of hundreds of comments makes no long task and the
// first paint does not wait for comments nobody sees yet (docs/widget.md,
// "Paint what is on screen first"). While slices remain, the list box is
// aria-busy; whatever needs the whole page (a permalink, "load more", a new
// post) finishes the drawing first.
import { itemWalker } from './comments.js';

/** Comments drawn before the first paint: more than a tall screen holds. */
export const FIRST_SCREEN_COMMENTS = 30;
const SLICE_MS = 8;

const jobs = new WeakMap(); // list box -> the page still being drawn into it

const schedule =
  typeof requestIdleCallback === 'function'
    ? (run) => requestIdleCallback(run, { timeout: 200 }) // a busy page still gets the rest soon
    : (run) => setTimeout(() => run(null), 0);

/** Draws `items` into `list` (inside `box`); `onDone` runs when the last comment is in. */
export function drawInSlices(box, list, items, view, onDone) {
  jobs.delete(box); // a page drawn before into this box is replaced: its slices stop
  const walker = itemWalker(list, items, view);
  let drawn = 0;
  while (drawn < FIRST_SCREEN_COMMENTS && walker.next()) drawn++;
  if (drawn < FIRST_SCREEN_COMMENTS) {
    onDone();
    return;
  }
  const job = { walker, onDone };
  jobs.set(box, job);
  const slice = (deadline) => {
    if (jobs.get(box) !== job) return;
    const budget = Math.max(1, Math.min(SLICE_MS, deadline ? deadline.timeRemaining() : SLICE_MS));
    const end = performance.now() + budget;
    let left = true;
    while ((left = walker.next()) && performance.now() < end);
    if (left) schedule(slice);
    else {
      jobs.delete(box);
      onDone();
    }
  };
  schedule(slice);
}

/** Draws what is left of the page in `box` now (no-op when nothing is). */
export function finishDrawing(box) {
  const job = jobs.get(box);
  if (!job) return;
  jobs.delete(box);
  while (job.walker.next());
  job.onDone();
}
