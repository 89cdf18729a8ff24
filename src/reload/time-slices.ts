import type { Pause } from '../core/desk.ts';

/**
 * How long re-indexing works before letting other work run (`Desk.update`, `Desk.replace`), in ms. One
 * step may add a few more (an article, a few thousand terms), and a question waiting takes its own time
 * on top: well under the 50 ms p99 an answer should take while a 100k-paragraph index is rebuilt
 * (`npm run bench:reindex`).
 */
export const SLICE_MS = 5;

/**
 * The longest slice a rest is measured from, in budgets: a slice that spans an await (a worker thread's
 * reply) is longer in wall time than the work it did, and must not be followed by a rest as long.
 */
const LONGEST_SLICE = 3;

/**
 * The rest after each slice of indexing while the bot answers ({@link reindexSlices}), as a share of the
 * slice. Taking up an index built in a worker thread allocates tens of MB that live on; squeezed into a
 * second of a thread that does nothing else between answers, it brought on garbage collections that held
 * answers for 100 ms and more, where the same work spread out (a re-index on the answering thread, over a
 * minute) held none over 50 ms. With a rest as long as each slice, at 100k paragraphs (`npm run
 * bench:reindex`, quiet machine, runs interleaved): p99 during a worker re-index 12–25 ms, against 33–47
 * ms without; the take-up takes 1.5–2.0 s instead of 1.1–1.2 s.
 */
export const REINDEX_REST = 1;

/** How {@link timeSlices} shares the thread. */
export interface SliceOptions {
  /** After each slice, the thread is left to other work for this share of the slice's time (0: only for what is waiting). */
  rest?: number;
}

/**
 * A {@link Pause} for long indexing work on the thread that answers: it lets the event loop run (other
 * I/O first: questions that arrived, via `setImmediate`) once `budgetMs` of work have passed since it
 * last did, and otherwise lets the work go straight on.
 */
export function timeSlices(budgetMs = SLICE_MS, { rest = 0 }: SliceOptions = {}): Pause {
  let since = performance.now();
  const resume = (resolve: () => void) => () => {
    since = performance.now();
    resolve();
  };
  return () => {
    const worked = performance.now() - since;
    if (worked < budgetMs) return;
    if (rest <= 0) return new Promise<void>((resolve) => setImmediate(resume(resolve)));
    const restMs = Math.min(worked, LONGEST_SLICE * budgetMs) * rest;
    return new Promise<void>((resolve) => setTimeout(resume(resolve), restMs));
  };
}

/**
 * The {@link Pause} of indexing work that runs while the bot answers — a reload's re-index
 * (`Desk.replace`, `Desk.update`) and the warm-up after start — which leaves the thread to other work
 * ({@link REINDEX_REST}) after each slice.
 */
export function reindexSlices(): Pause {
  return timeSlices(SLICE_MS, { rest: REINDEX_REST });
}
