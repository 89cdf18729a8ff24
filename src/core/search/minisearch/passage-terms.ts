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
  constructor(
    /** Every passage's word codes, one after another. */
    readonly codes: Int32Array,
    /** Where each passage's codes start (one more entry than passages: the end). */
    readonly starts: Uint32Array,
    /** Term ids' terms. */
    readonly terms: readonly string[],
  ) {}

  /**
   * Calls `visit` with each index term of each word of passage `id` and the word's position (in words,
   * stop words counted), in order: the same as analysing its text word by word, without making an array
   * per word (this runs for every passage ranked, on every question).
   */
  forEachTerm(id: number, visit: (term: string, at: number) => void): void {
    const { codes, terms } = this;
    const end = this.starts[id + 1] as number;
    let word = 0;
    for (let at = this.starts[id] as number; at < end; word++) {
      const code = codes[at++] as number;
      if (code >= 0) visit(terms[code] as string, word);
      else if (code !== NO_TERM)
        for (let n = -code - 1; n > 0; n--) visit(terms[codes[at++] as number] as string, word);
    }
  }

  /** The distinct index terms of passage `id`, in the order its words first use them. */
  distinct(id: number): string[] {
    const distinct = new Set<string>();
    this.forEachTerm(id, (term) => distinct.add(term));
    return [...distinct];
  }
}

/** The code of a stop word (a word without index terms). */
const NO_TERM = -1;

/** The codes of one word with these term ids (see {@link PassageTerms}). */
export function encodeWord(ids: readonly number[]): number[] {
  if (!ids.length) return [NO_TERM];
  if (ids.length === 1) return [ids[0] as number];
  return [-(ids.length + 1), ...ids];
}
