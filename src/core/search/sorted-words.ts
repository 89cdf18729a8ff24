import { drain } from './steps.ts';

/**
 * Words in sorted order, each with a value, searched as a radix tree would be: by prefix, and within an edit
 * distance (MiniSearch's `SearchableMap.fuzzyGet` gives the same words and distances).
 *
 * Why not the radix tree: at 100k paragraphs the vocabulary's tree and its written forms' were ~70 MB of
 * small objects, made on the thread that answers each time a re-index was taken up, and their garbage
 * collection paused answers. Here they are two arrays, of strings the index holds already. A fuzzy search
 * walks the sorted words as a depth-first walk of a trie: each word's rows of the edit-distance table are
 * those of the word before it as far as they share a beginning, and a beginning already too far from the
 * searched word is skipped with every word that has it.
 */
export class SortedWords<T> {
  private readonly words: string[];
  private readonly values: T[];

  /** Takes the lists as they are: `words` sorted (JavaScript's default order), `values` at the same places. */
  constructor(words: string[], values: T[]) {
    if (words.length !== values.length) throw new Error('SortedWords: a value for every word');
    this.words = words;
    this.values = values;
  }

  /** Words and their values (a word given twice: its later value), sorted here at once. */
  static of<T>(words: string[], values: T[]): SortedWords<T> {
    return drain(SortedWords.sorting(words, values));
  }

  /**
   * {@link of} in steps of a few thousand words (yielding between them): sorting a 100k-word vocabulary in
   * one call held the thread that answers for tens of milliseconds. A merge sort of their places: runs
   * sorted whole, then merged pairwise.
   */
  static *sorting<T>(words: string[], values: T[]): Generator<void, SortedWords<T>> {
    const n = words.length;
    let order = new Int32Array(n);
    for (let i = 0; i < n; i++) order[i] = i;
    // Equal words keep their order (the sort is stable), so that the last of them can win below.
    const before = (a: number, b: number) => {
      const x = words[a] as string;
      const y = words[b] as string;
      return x < y ? -1 : x > y ? 1 : a - b;
    };
    for (let at = 0; at < n; at += SORT_RUN) {
      order.subarray(at, Math.min(n, at + SORT_RUN)).sort(before);
      yield;
    }
    let other = new Int32Array(n);
    let inStep = 0;
    for (let run = SORT_RUN; run < n; run *= 2) {
      for (let left = 0; left < n; left += 2 * run) {
        const middle = Math.min(n, left + run);
        const end = Math.min(n, left + 2 * run);
        let i = left;
        let j = middle;
        for (let k = left; k < end; k++) {
          if (
            j >= end ||
            (i < middle && !((words[order[j] as number] as string) < (words[order[i] as number] as string)))
          )
            other[k] = order[i++] as number;
          else other[k] = order[j++] as number;
          if (++inStep === MERGE_STEP) {
            inStep = 0;
            yield;
          }
        }
      }
      [order, other] = [other, order];
    }
    const sortedWords: string[] = [];
    const sortedValues: T[] = [];
    for (let k = 0; k < n; k++) {
      const word = words[order[k] as number] as string;
      const value = values[order[k] as number] as T;
      // A word given twice: the later value wins (as setting it again would).
      if (sortedWords.length && sortedWords[sortedWords.length - 1] === word)
        sortedValues[sortedValues.length - 1] = value;
      else {
        sortedWords.push(word);
        sortedValues.push(value);
      }
    }
    return new SortedWords(sortedWords, sortedValues);
  }

  get size(): number {
    return this.words.length;
  }

  has(word: string): boolean {
    return this.words[this.place(word)] === word;
  }

  get(word: string): T | undefined {
    const at = this.place(word);
    return this.words[at] === word ? this.values[at] : undefined;
  }

  /** Adds a word, or gives it a new value. */
  set(word: string, value: T): void {
    const at = this.place(word);
    if (this.words[at] === word) this.values[at] = value;
    else {
      this.words.splice(at, 0, word);
      this.values.splice(at, 0, value);
    }
  }

  delete(word: string): void {
    const at = this.place(word);
    if (this.words[at] !== word) return;
    this.words.splice(at, 1);
    this.values.splice(at, 1);
  }

  /** Every word that begins with `prefix` (itself included), in order, with its value. */
  *startingWith(prefix: string): Generator<[string, T]> {
    for (let at = this.place(prefix); at < this.words.length; at++) {
      const word = this.words[at] as string;
      if (!word.startsWith(prefix)) return;
      yield [word, this.values[at] as T];
    }
  }

  /** Every word that begins with `prefix` (itself included), in order. */
  *keysStartingWith(prefix: string): Generator<string> {
    for (const [word] of this.startingWith(prefix)) yield word;
  }

  /**
   * The words within `maxDistance` edits (Levenshtein: a letter added, dropped or changed) of `query`, with
   * their value and distance. With `prefix`, only words beginning with it (and `query` must too).
   */
  fuzzyGet(query: string, maxDistance: number, prefix = ''): Map<string, [T, number]> {
    const found = new Map<string, [T, number]>();
    const words = this.words;
    const m = query.length;
    const width = m + 1;
    // Row d of the table: the distances between the first d letters of a word and each beginning of `query`.
    // Only cells within `maxDistance` of the diagonal can stay within it; those beyond count as `far`.
    let rows = new Int32Array(width * 8);
    for (let j = 0; j <= m; j++) rows[j] = j;
    const codes = new Int32Array(m);
    for (let j = 0; j < m; j++) codes[j] = query.charCodeAt(j);
    const far = maxDistance + 1;
    /** How many rows are made for the word before (its first `made - 1` letters). */
    let made = 1;
    let previous = '';
    const end = prefix ? this.place(prefixEnd(prefix)) : words.length;
    let at = this.place(prefix);
    while (at < end) {
      const word = words[at] as string;
      if ((word.length + 1) * width > rows.length) {
        const grown = new Int32Array(Math.max(rows.length * 2, (word.length + 1) * width));
        grown.set(rows);
        rows = grown;
      }
      let shared = 0;
      const limit = Math.min(made - 1, word.length, previous.length);
      while (shared < limit && word.charCodeAt(shared) === previous.charCodeAt(shared)) shared++;
      let d = shared + 1;
      let skipped = false;
      for (; d <= word.length; d++) {
        const c = word.charCodeAt(d - 1);
        const row = d * width;
        const above = row - width;
        rows[row] = d;
        const from = d > maxDistance ? d - maxDistance : 1;
        const to = d + maxDistance < m ? d + maxDistance : m;
        // The cell left of the band (or the first column), and the row above's cell just past its band.
        let left = from === 1 ? d : far;
        if (d + maxDistance <= m) rows[above + d + maxDistance] = far;
        let least = left;
        for (let j = from; j <= to; j++) {
          const diagonal = (rows[above + j - 1] as number) + (codes[j - 1] === c ? 0 : 1);
          const up = (rows[above + j] as number) + 1;
          let v = diagonal < up ? diagonal : up;
          if (left + 1 < v) v = left + 1;
          if (v > far) v = far;
          rows[row + j] = v;
          left = v;
          if (v < least) least = v;
        }
        if (least > maxDistance) {
          // No word beginning with these d letters is near enough: skip them all.
          made = d;
          previous = word;
          at = pastStem(words, at, end, word.slice(0, d));
          skipped = true;
          break;
        }
      }
      if (skipped) continue;
      made = word.length + 1;
      previous = word;
      const distance =
        Math.abs(word.length - m) > maxDistance ? far : (rows[word.length * width + m] as number);
      if (distance <= maxDistance) found.set(word, [this.values[at] as T, distance]);
      at++;
    }
    return found;
  }

  /** Where `word` is, or would go. */
  private place(word: string): number {
    return firstAtLeast(this.words, word);
  }
}

/** The place of the first string of a sorted list that is not less than `key` (the list's length if none). */
export function firstAtLeast(list: readonly string[], key: string): number {
  let low = 0;
  let high = list.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if ((list[mid] as string) < key) low = mid + 1;
    else high = mid;
  }
  return low;
}

/** Words sorted whole in one step of {@link SortedWords.sorting}, and merged in one step. */
const SORT_RUN = 2_048;
const MERGE_STEP = 8_192;

/**
 * The place of the first word after `at` (which begins with `stem`) that does not begin with it, before
 * `end`: looked for by doubling steps, then halving (the words skipped are often a few).
 */
function pastStem(words: readonly string[], at: number, end: number, stem: string): number {
  let inside = at;
  let step = 1;
  while (inside + step < end && (words[inside + step] as string).startsWith(stem)) {
    inside += step;
    step *= 2;
  }
  let outside = Math.min(inside + step, end);
  while (outside - inside > 1) {
    const mid = (inside + outside) >>> 1;
    if ((words[mid] as string).startsWith(stem)) inside = mid;
    else outside = mid;
  }
  return outside;
}

/** The least string after every string that begins with `prefix`. */
function prefixEnd(prefix: string): string {
  const last = prefix.charCodeAt(prefix.length - 1);
  return prefix.slice(0, -1) + String.fromCharCode(last + 1);
}
