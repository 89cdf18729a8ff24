/** Small measuring helpers: percentiles, medians, garbage collection and heap readings. */

/** The p-th percentile (0–100) of the values, by nearest rank; NaN for no values. */
export function percentile(values: readonly number[], p: number): number {
  if (!values.length) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.min(sorted.length, Math.max(1, Math.ceil((p / 100) * sorted.length)));
  return sorted[rank - 1] as number;
}

/** The median (average of the two middle values for an even count); NaN for no values. */
export function median(values: readonly number[]): number {
  if (!values.length) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2
    ? (sorted[mid] as number)
    : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

/** Share of true values, 0–1 (NaN for none). */
export function share(values: readonly boolean[]): number {
  return values.length ? values.filter(Boolean).length / values.length : Number.NaN;
}

const gc = (globalThis as { gc?: () => void }).gc;

/** Whether heap readings are taken after a full garbage collection (node was started with --expose-gc). */
export const canCollect = typeof gc === 'function';

/** Heap in use after a full garbage collection (or as it is, without --expose-gc), in bytes. */
export function heapAfterGc(): number {
  if (gc) {
    // Twice: the first pass can leave objects that only die once their finalizers ran.
    gc();
    gc();
  }
  return process.memoryUsage().heapUsed;
}

/** Runs `fn` and returns its result with the wall time it took, in ms. */
export function timed<T>(fn: () => T): { value: T; ms: number } {
  const start = performance.now();
  const value = fn();
  return { value, ms: performance.now() - start };
}

/** Like {@link timed}, for async work. */
export async function timedAsync<T>(fn: () => Promise<T>): Promise<{ value: T; ms: number }> {
  const start = performance.now();
  const value = await fn();
  return { value, ms: performance.now() - start };
}
