import type { Pause } from '../core/desk.ts';

/**
 * How long re-indexing works before letting other work run (`Desk.update`, `Desk.replace`), in ms. One
 * step may add a few more (an article, a few thousand terms), and a question waiting takes its own time
 * on top: well under the 50 ms p99 an answer should take while a 100k-paragraph index is rebuilt
 * (`npm run bench:reindex`).
 */
export const SLICE_MS = 5;

/**
 * A {@link Pause} for long indexing work on the thread that answers: it lets the event loop run (other
 * I/O first: questions that arrived, via `setImmediate`) once `budgetMs` of work have passed since it
 * last did, and otherwise lets the work go straight on.
 */
export function timeSlices(budgetMs = SLICE_MS): Pause {
  let since = performance.now();
  return () => {
    if (performance.now() - since < budgetMs) return;
    return new Promise<void>((resolve) =>
      setImmediate(() => {
        since = performance.now();
        resolve();
      }),
    );
  };
}
