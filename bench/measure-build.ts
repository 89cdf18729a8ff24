/** Index build time and the heap the built index keeps (after a full garbage collection). */
import { heapAfterGc, median } from './stats.ts';

/** Build figures of one index, medians over `runs`. */
export interface BuildResult {
  label: string;
  ms: number;
  /** Heap retained by what was built, in bytes. */
  heapBytes: number;
  runs: number;
}

/**
 * Builds `runs` times, keeping only one build alive at a time; returns the medians and the last build.
 */
export function measureBuild<T>(
  label: string,
  build: () => T,
  runs: number,
): { result: BuildResult; value: T } {
  const times: number[] = [];
  const heaps: number[] = [];
  let value: T | undefined;
  for (let i = 0; i < runs; i++) {
    // Only `value` may hold a build: a wrapper object (say, from a timing helper) left over from the
    // previous run would keep that build alive while the next one is measured.
    value = undefined;
    const before = heapAfterGc();
    const start = performance.now();
    value = build();
    times.push(performance.now() - start);
    heaps.push(heapAfterGc() - before);
  }
  if (value === undefined) throw new Error(`bench: ${label} was never built`);
  return { result: { label, ms: median(times), heapBytes: median(heaps), runs }, value };
}
