/**
 * Levenshtein distance between two words: insertions, deletions and substitutions, each costing one. For
 * short strings (words, flag names): O(a × b) time.
 */
export function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) {
      row[j] = Math.min(
        (previous[j] ?? 0) + 1,
        (row[j - 1] ?? 0) + 1,
        (previous[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1),
      );
    }
    previous = row;
  }
  return previous[b.length] ?? 0;
}

/**
 * {@link editDistance} of `a` and `b` when at most `max`, else `max + 1`: stops as soon as every way is more,
 * and works in two rows kept between calls, for scans over thousands of words per misspelling.
 */
export function editDistanceWithin(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  let previous = EDIT_ROWS[0];
  let row = EDIT_ROWS[1];
  if (previous.length <= b.length) {
    EDIT_ROWS[0] = previous = new Int32Array(b.length * 2 + 2);
    EDIT_ROWS[1] = row = new Int32Array(b.length * 2 + 2);
  }
  for (let j = 0; j <= b.length; j++) previous[j] = j;
  for (let i = 1; i <= a.length; i++) {
    row[0] = i;
    let least = i;
    const c = a.charCodeAt(i - 1);
    for (let j = 1; j <= b.length; j++) {
      const cost = (previous[j - 1] as number) + (c === b.charCodeAt(j - 1) ? 0 : 1);
      const value = Math.min((previous[j] as number) + 1, (row[j - 1] as number) + 1, cost);
      row[j] = value;
      if (value < least) least = value;
    }
    if (least > max) return max + 1;
    [previous, row] = [row, previous];
  }
  return Math.min(previous[b.length] as number, max + 1);
}

/** The two rows {@link editDistanceWithin} works in, kept between calls (grown for longer words). */
const EDIT_ROWS: [Int32Array, Int32Array] = [new Int32Array(64), new Int32Array(64)];
