/**
 * Runs work written in steps (a generator that yields between them, for a caller who lets other work run
 * in between) to its end at once: its result.
 */
export function drain<T>(steps: Generator<void, T>): T {
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}
