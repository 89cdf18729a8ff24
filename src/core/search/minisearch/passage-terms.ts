/**
 * The index terms of every word of every passage, recorded while the index is built, so ranking a
 * question's passages (words written together, words of like meaning) reads them instead of tokenizing
 * and analysing each ranked passage again: that was ~40% of a question's time at 100k passages, where the
 * passages ranked are rarely the same twice and ~217k distinct words outgrow any word cache.
 *
 * Each word is one or more codes in a flat `Int32Array`: {@link NO_TERM} for a stop word, a term id
 * (≥ 0, a position in `terms`) for a word with one term, and for a word with n > 1 terms (hyphenated
 * words) `-(n + 1)` followed by the n ids. About 4 bytes a word: ~25 MB at 100k passages.
 */
export class PassageTerms {
  /** One-term words share one array per term (made on first use). */
  private readonly single: (readonly string[])[] = [];

  constructor(
    /** Every passage's word codes, one after another. */
    readonly codes: Int32Array,
    /** Where each passage's codes start (one more entry than passages: the end). */
    readonly starts: Uint32Array,
    /** Term ids' terms. */
    readonly terms: readonly string[],
  ) {}

  /** The index terms of each word of passage `id` (the same as analysing its text word by word), and the distinct ones in order. */
  of(id: number): { words: (readonly string[])[]; distinct: string[] } {
    const { codes, terms } = this;
    const words: (readonly string[])[] = [];
    const distinct = new Set<string>();
    const end = this.starts[id + 1] as number;
    for (let at = this.starts[id] as number; at < end; ) {
      const code = codes[at++] as number;
      if (code === NO_TERM) {
        words.push(NONE);
      } else if (code >= 0) {
        let word = this.single[code];
        if (!word) {
          word = [terms[code] as string];
          this.single[code] = word;
        }
        words.push(word);
        distinct.add(word[0] as string);
      } else {
        const word: string[] = [];
        for (let n = -code - 1; n > 0; n--) word.push(terms[codes[at++] as number] as string);
        words.push(word);
        for (const term of word) distinct.add(term);
      }
    }
    return { words, distinct: [...distinct] };
  }
}

/** The code of a stop word (a word without index terms). */
const NO_TERM = -1;
const NONE: readonly string[] = [];

/** The codes of one word with these term ids (see {@link PassageTerms}). */
export function encodeWord(ids: readonly number[]): number[] {
  if (!ids.length) return [NO_TERM];
  if (ids.length === 1) return [ids[0] as number];
  return [-(ids.length + 1), ...ids];
}
