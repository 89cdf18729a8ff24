/**
 * The index terms of every word of every passage, recorded while the index is built, so ranking a
 * question's passages (words written together, words of like meaning) reads them instead of tokenizing
 * and analysing each ranked passage again: that was ~40% of a question's time at 100k passages, where the
 * passages ranked are rarely the same twice and ~217k distinct words outgrow any word cache.
 *
 * Each word is one or more codes in a flat `Int32Array`: {@link NO_TERM} for a stop word, a term id
 * (≥ 0, a position in `terms`) for a word with one term, and for a word with n > 1 terms (hyphenated
 * words) `-(n + 1)` followed by the n ids. About 4 bytes a word: ~25 MB at 100k passages. Passages added
 * later are appended; a removed passage's codes stay (unread) until the index is rebuilt.
 */
export class PassageTerms {
  private codeArray: Int32Array;
  private codeCount: number;
  private startArray: Uint32Array;
  private passageCount: number;

  constructor(
    /** Every passage's word codes, one after another. */
    codes: Int32Array,
    /** Where each passage's codes start (one more entry than passages: the end). */
    starts: Uint32Array,
    /**
     * Term ids' terms. Ids are never reused: a term that leaves the index and comes back gets a new id
     * (appended by `TermCounter`), so the codes of passages recorded before stay right.
     */
    readonly terms: string[],
  ) {
    this.codeArray = codes;
    this.codeCount = codes.length;
    this.startArray = starts.length ? starts : Uint32Array.of(0);
    this.passageCount = this.startArray.length - 1;
  }

  /** Every passage's word codes, one after another (a view: read it before the next {@link append}). */
  get codes(): Int32Array {
    return this.codeArray.subarray(0, this.codeCount);
  }

  /** Where each passage's codes start, and the end (a view, like {@link codes}). */
  get starts(): Uint32Array {
    return this.startArray.subarray(0, this.passageCount + 1);
  }

  /** How many passages are recorded (removed ones too: their codes stay until the index is rebuilt). */
  get passages(): number {
    return this.passageCount;
  }

  /**
   * Records the next passage's word codes (see {@link encodeWord}); its id is the number of passages
   * recorded before. The arrays grow by half when full, so appending one passage at a time stays cheap.
   */
  append(codes: readonly number[]): void {
    const end = this.codeCount + codes.length;
    if (end > this.codeArray.length) {
      const grown = new Int32Array(Math.max(end, Math.ceil(this.codeArray.length * 1.5) + 1024));
      grown.set(this.codes);
      this.codeArray = grown;
    }
    for (let i = 0; i < codes.length; i++) this.codeArray[this.codeCount + i] = codes[i] as number;
    this.codeCount = end;
    if (this.passageCount + 2 > this.startArray.length) {
      const grown = new Uint32Array(Math.ceil(this.startArray.length * 1.5) + 256);
      grown.set(this.starts);
      this.startArray = grown;
    }
    this.passageCount++;
    this.startArray[this.passageCount] = end;
  }

  /**
   * Calls `visit` with each index term of each word of passage `id` and the word's position (in words,
   * stop words counted), in order: the same as analysing its text word by word, without making an array
   * per word (this runs for every passage ranked, on every question).
   */
  forEachTerm(id: number, visit: (term: string, at: number) => void): void {
    const codes = this.codeArray;
    const { terms } = this;
    const end = this.startArray[id + 1] as number;
    let word = 0;
    for (let at = this.startArray[id] as number; at < end; word++) {
      const code = codes[at++] as number;
      if (code >= 0) visit(terms[code] as string, word);
      else if (code !== NO_TERM)
        for (let n = -code - 1; n > 0; n--) visit(terms[codes[at++] as number] as string, word);
    }
  }

  /**
   * {@link forEachTerm}, visiting only the terms whose id `wanted` flags (1; an id beyond its length is not
   * wanted): e.g. a question's terms, which are all that proximity reads of a passage's words. A visit per
   * word of every ranked passage, to look each term up, cost more than the rest of ranking it.
   */
  forEachWantedTerm(id: number, wanted: Uint8Array, visit: (term: string, at: number) => void): void {
    const codes = this.codeArray;
    const { terms } = this;
    const end = this.startArray[id + 1] as number;
    let word = 0;
    for (let at = this.startArray[id] as number; at < end; word++) {
      const code = codes[at++] as number;
      if (code >= 0) {
        if (wanted[code] === 1) visit(terms[code] as string, word);
      } else if (code !== NO_TERM)
        for (let n = -code - 1; n > 0; n--) {
          const term = codes[at++] as number;
          if (wanted[term] === 1) visit(terms[term] as string, word);
        }
    }
  }

  /**
   * How many words passage `id` has up to its last word with an index term (stop words before it counted):
   * the position of the last word {@link forEachTerm} visits, plus one; 0 when it visits none.
   */
  wordsToLastTerm(id: number): number {
    const codes = this.codeArray;
    const end = this.startArray[id + 1] as number;
    let word = 0;
    let length = 0;
    for (let at = this.startArray[id] as number; at < end; word++) {
      const code = codes[at++] as number;
      if (code === NO_TERM) continue;
      length = word + 1;
      if (code < 0) at += -code - 1;
    }
    return length;
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
