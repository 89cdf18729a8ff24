/**
 * The memory engine's term index: for each term and field, the passages it occurs in and how often (the
 * postings BM25 scores), with every passage's field lengths — what MiniSearch's `add` builds, in flat
 * typed arrays instead of MiniSearch's map per term and field.
 *
 * Why not MiniSearch's own: at 100k paragraphs its maps were ~226 MB of small objects. An index built in
 * a worker thread had to be remade out of them on the thread that answers, and that allocation brought
 * on a major garbage collection whose marking held answers for a hundred milliseconds and more. These
 * arrays move between threads as they are (transferred, not copied), and the garbage collector has
 * almost nothing in them to mark. Reading MiniSearch's private fields is no longer needed either.
 *
 * The scores are MiniSearch's (`TermPostings`): the same field lengths (distinct tokens of a field), the
 * same running averages (MiniSearch's formulas, in its order), the same per-field document frequencies.
 *
 * Articles added and removed in place ({@link add}, {@link remove}) change it without a rebuild: a
 * passage added later has its postings in lists beside the arrays; a removed one is marked gone (ids are
 * never reused) and skipped; {@link encode} writes the live postings only, so a snapshot or the next full
 * re-index compacts them.
 */
import type { Passage } from '../search-engine.ts';
import { SortedWords } from '../sorted-words.ts';
import { drain } from '../steps.ts';

/** The fields indexed, in their order (field `f` is `fields[f]`). */
export type IndexedField = 'text' | 'heading' | 'title';

/** Splits a field's text into tokens, and maps a token to its index terms (none: null). */
export interface Tokenizer {
  tokenize(text: string): string[];
  process(token: string): string | string[] | null;
}

/** A {@link PostingsIndex} as plain data: what a worker thread posts back and a snapshot holds. */
export interface PostingsData {
  /** Every term with postings, by term number. */
  terms: string[];
  /**
   * Where the postings of term `t` in field `f` are in {@link docs} and {@link tfs}: from
   * `starts[t * fieldCount + f]` to the next entry. Passage ids ascend within each.
   */
  starts: Uint32Array;
  /** Passage ids. */
  docs: Int32Array;
  /** How many times the term occurs in the field of the passage. */
  tfs: Int32Array;
  /**
   * Per passage id and field (`id * fieldCount + f`), its length (distinct tokens); -1: no such field, or
   * no such passage. Every passage has a text (field 0): a passage is indexed where that is not -1.
   */
  lengths: Int32Array;
  /** Passages indexed. */
  documentCount: number;
  /** Per field, its average length, kept as MiniSearch keeps it. */
  averages: number[];
}

/** Field length of a field a passage does not have, or of a passage not indexed. */
const NONE = -1;
/** Postings checked, and terms mapped, in one step of {@link PostingsIndex.making}: well under a millisecond. */
const CHECK_STEP = 50_000;
const TERMS_STEP = 5_000;

/** Postings of a term and field added after the arrays were made ({@link PostingsIndex.add}). */
export interface AddedPostings {
  docs: number[];
  tfs: number[];
}

export class PostingsIndex {
  readonly fields: readonly IndexedField[];
  readonly fieldCount: number;
  /** Passages indexed now. */
  documentCount: number;
  /** Per field, its average length over the passages indexed. */
  readonly averages: number[];
  /** See {@link PostingsData}. Read by `TermPostings` directly: its loops are the hot path of answering. */
  readonly starts: Uint32Array;
  readonly docs: Int32Array;
  readonly tfs: Int32Array;
  /** Terms with postings in {@link starts}. */
  readonly baseTerms: number;
  /** See {@link PostingsData.lengths}; grown when passages are added. */
  lengths: Int32Array;
  /** Per passage id, 1 while it is indexed. */
  live: Uint8Array;
  /** Whether a passage of the arrays was removed: then postings read from them are checked against {@link live}. */
  removedSome = false;
  /** Per term number and field, how many live passages have the term in the field. */
  private counts: Int32Array;
  /** Postings added after the arrays were made, by `t * fieldCount + f`. */
  readonly added = new Map<number, AddedPostings>();
  private readonly numbers: Map<string, number>;
  private readonly terms: string[];
  /** Every term, sorted (for prefix searches): made when warmed up ({@link sortingTerms}), or on the first. */
  private sorted: SortedWords<number> | undefined;
  private readonly tokenizer: Tokenizer;

  private constructor(
    data: PostingsData,
    fields: readonly IndexedField[],
    tokenizer: Tokenizer,
    made: { numbers: Map<string, number>; counts: Int32Array; live: Uint8Array },
  ) {
    this.fields = fields;
    this.fieldCount = fields.length;
    this.terms = data.terms;
    this.baseTerms = data.terms.length;
    this.starts = data.starts;
    this.docs = data.docs;
    this.tfs = data.tfs;
    this.lengths = data.lengths;
    this.documentCount = data.documentCount;
    this.averages = [...data.averages];
    this.tokenizer = tokenizer;
    this.numbers = made.numbers;
    this.counts = made.counts;
    this.live = made.live;
  }

  /** The index of {@link PostingsData} (taken as it is, not copied). Throws when the data does not hold together. */
  static of(data: PostingsData, fields: readonly IndexedField[], tokenizer: Tokenizer): PostingsIndex {
    return drain(PostingsIndex.making(data, fields, tokenizer));
  }

  /**
   * {@link of} in steps of a few thousand items (yielding between them): at 100k passages the terms' map
   * and the checks take tens of milliseconds, made on the thread that answers (`index-transfer.ts`).
   */
  static *making(
    data: PostingsData,
    fields: readonly IndexedField[],
    tokenizer: Tokenizer,
  ): Generator<void, PostingsIndex> {
    const fieldCount = fields.length;
    if (data.starts.length !== data.terms.length * fieldCount + 1)
      throw new Error(
        `Newsdesk: postings positions for ${(data.starts.length - 1) / fieldCount} terms, ${data.terms.length} terms`,
      );
    if (data.docs.length !== data.tfs.length || (data.starts.at(-1) ?? 0) !== data.docs.length)
      throw new Error('Newsdesk: the postings end before their positions do');
    if (data.lengths.length % fieldCount !== 0 || data.averages.length !== fieldCount)
      throw new Error('Newsdesk: the field lengths are not of these fields');
    const counts = new Int32Array(data.terms.length * fieldCount);
    for (let k = 0; k < counts.length; k++) {
      const n = (data.starts[k + 1] as number) - (data.starts[k] as number);
      if (n < 0) throw new Error('Newsdesk: the postings positions go backwards');
      counts[k] = n;
    }
    yield;
    const live = new Uint8Array(data.lengths.length / fieldCount);
    let indexed = 0;
    for (let id = 0; id < live.length; id++)
      if ((data.lengths[id * fieldCount] as number) !== NONE) {
        live[id] = 1;
        indexed++;
      }
    if (indexed !== data.documentCount)
      throw new Error(`Newsdesk: ${data.documentCount} passages indexed, field lengths for ${indexed}`);
    const docs = data.docs;
    for (let i = 0; i < docs.length; i++) {
      if (live[docs[i] as number] !== 1)
        throw new Error(`Newsdesk: postings of passage ${docs[i]}, which has no field lengths`);
      if (i % CHECK_STEP === CHECK_STEP - 1) yield;
    }
    const numbers = new Map<string, number>();
    for (const [t, term] of data.terms.entries()) {
      numbers.set(term, t);
      if (t % TERMS_STEP === TERMS_STEP - 1) yield;
    }
    if (numbers.size !== data.terms.length) throw new Error('Newsdesk: a term is listed twice');
    return new PostingsIndex(data, fields, tokenizer, { numbers, counts, live });
  }

  /** An index of nothing (for an engine that keeps its passages elsewhere). */
  static empty(fields: readonly IndexedField[], tokenizer: Tokenizer): PostingsIndex {
    return PostingsIndex.of(emptyData(fields.length), fields, tokenizer);
  }

  /** The number of an index term (undefined: the index never had it). */
  termNumber(term: string): number | undefined {
    return this.numbers.get(term);
  }

  /** How many passages have term number `t` in field `f` (0 for a term number the index has not). */
  count(t: number, f: number): number {
    return this.counts[t * this.fieldCount + f] ?? 0;
  }

  /** How often term number `t` occurs in field `f` of a passage (0: not at all, or no such passage). */
  frequency(t: number, f: number, id: number): number {
    if (this.live[id] !== 1) return 0;
    const k = t * this.fieldCount + f;
    if (t < this.baseTerms) {
      let low = this.starts[k] as number;
      let high = (this.starts[k + 1] as number) - 1;
      while (low <= high) {
        const mid = (low + high) >>> 1;
        const doc = this.docs[mid] as number;
        if (doc === id) return this.tfs[mid] as number;
        if (doc < id) low = mid + 1;
        else high = mid - 1;
      }
    }
    const added = this.added.get(k);
    if (!added) return 0;
    const at = added.docs.indexOf(id);
    return at < 0 ? 0 : (added.tfs[at] as number);
  }

  /** Calls `visit` with each live passage that has term number `t` in field `f`, in the order added, and its frequency. */
  forEach(t: number, f: number, visit: (id: number, tf: number) => void): void {
    const k = t * this.fieldCount + f;
    const { docs, tfs, live } = this;
    if (t < this.baseTerms) {
      const end = this.starts[k + 1] as number;
      for (let i = this.starts[k] as number; i < end; i++) {
        const id = docs[i] as number;
        if (this.removedSome && live[id] !== 1) continue;
        visit(id, tfs[i] as number);
      }
    }
    const added = this.added.get(k);
    if (added)
      for (let i = 0; i < added.docs.length; i++) {
        const id = added.docs[i] as number;
        if (live[id] === 1) visit(id, added.tfs[i] as number);
      }
  }

  /** A passage's length in field `f` (0 when it has not the field). */
  length(id: number, f: number): number {
    return Math.max(0, this.lengths[id * this.fieldCount + f] ?? 0);
  }

  /** The index terms beginning with `prefix` (itself among them, if a term), each a term some passage has. */
  *termsStartingWith(prefix: string): Generator<string> {
    if (!this.sorted) drain(this.sortingTerms());
    // A term every passage of which was removed stays listed, without postings.
    for (const term of (this.sorted as SortedWords<number>).keysStartingWith(prefix))
      if (this.hasPostings(term)) yield term;
  }

  /**
   * Sorts the terms for {@link termsStartingWith}, in steps (at 100k paragraphs ~100k terms: sorted at once
   * on a question's first prefix search, they held it for ~75 ms). For a warm-up (`PassageIndex.warmingUp`).
   */
  *sortingTerms(): Generator<void> {
    if (this.sorted) return;
    const count = this.terms.length;
    const sorted = yield* SortedWords.sorting(
      this.terms.slice(0, count),
      Array.from({ length: count }, (_, t) => t),
    );
    // Terms met meanwhile (none while a desk warms an index up, but a caller may add passages).
    for (let t = count; t < this.terms.length; t++) sorted.set(this.terms[t] as string, t);
    this.sorted ??= sorted;
  }

  /**
   * Indexes a passage, as MiniSearch's `add` does: per field, its length is its count of distinct tokens
   * (the running average follows, by MiniSearch's formula), and each token's terms count once each time.
   */
  add(passage: Passage, tokenizer: Tokenizer = this.tokenizer): void {
    const id = passage.id;
    if (this.live[id] === 1) throw new Error(`Newsdesk: passage ${id} is indexed already`);
    this.makeRoom(id);
    this.documentCount++;
    const { fieldCount } = this;
    this.readFields(passage, tokenizer, (f, length, frequencies) => {
      this.lengths[id * fieldCount + f] = length;
      const count = this.documentCount - 1;
      this.averages[f] = ((this.averages[f] || 0) * count + length) / (count + 1);
      for (const [term, tf] of frequencies) {
        const k = this.numberOf(term) * fieldCount + f;
        let added = this.added.get(k);
        if (!added) {
          added = { docs: [], tfs: [] };
          this.added.set(k, added);
        }
        added.docs.push(id);
        added.tfs.push(tf);
        this.counts[k] = (this.counts[k] as number) + 1;
      }
    });
    this.live[id] = 1;
  }

  /**
   * Takes a passage out (it must be as it was when added: its tokens say which counts go down), as
   * MiniSearch's `remove` does, averages included.
   */
  remove(passage: Passage, tokenizer: Tokenizer = this.tokenizer): void {
    const id = passage.id;
    if (this.live[id] !== 1) throw new Error(`Newsdesk: passage ${id} is not indexed`);
    const { fieldCount } = this;
    this.readFields(passage, tokenizer, (f, length, frequencies) => {
      const count = this.documentCount;
      if (count === 1) this.averages[f] = 0;
      else this.averages[f] = ((this.averages[f] as number) * count - length) / (count - 1);
      for (const term of frequencies.keys()) {
        const t = this.numbers.get(term);
        if (t === undefined) continue;
        const k = t * fieldCount + f;
        this.counts[k] = Math.max(0, (this.counts[k] as number) - 1);
      }
    });
    for (let f = 0; f < fieldCount; f++) this.lengths[id * fieldCount + f] = NONE;
    this.live[id] = 0;
    this.documentCount--;
    this.removedSome = true;
  }

  /**
   * Each field the passage has, in order: its length (distinct tokens, as MiniSearch counts it) and how
   * often each term occurs in it (a token's terms count once each time).
   */
  private readFields(
    passage: Passage,
    tokenizer: Tokenizer,
    visit: (f: number, length: number, frequencies: Map<string, number>) => void,
  ): void {
    this.fields.forEach((field, f) => {
      const value = passage[field];
      if (value == null) return;
      const tokens = tokenizer.tokenize(value);
      const frequencies = new Map<string, number>();
      for (const token of tokens) {
        const processed = tokenizer.process(token);
        if (Array.isArray(processed))
          for (const term of processed) frequencies.set(term, (frequencies.get(term) ?? 0) + 1);
        else if (processed) frequencies.set(processed, (frequencies.get(processed) ?? 0) + 1);
      }
      visit(f, new Set(tokens).size, frequencies);
    });
  }

  /** The live postings as {@link PostingsData}: terms no passage has any more left out. */
  encode(): PostingsData {
    const { fieldCount } = this;
    const terms: string[] = [];
    const kept: number[] = [];
    let size = 0;
    for (let t = 0; t < this.terms.length; t++) {
      let n = 0;
      for (let f = 0; f < fieldCount; f++) n += this.count(t, f);
      if (!n) continue;
      terms.push(this.terms[t] as string);
      kept.push(t);
      size += n;
    }
    const starts = new Uint32Array(terms.length * fieldCount + 1);
    const docs = new Int32Array(size);
    const tfs = new Int32Array(size);
    let at = 0;
    kept.forEach((t, i) => {
      for (let f = 0; f < fieldCount; f++) {
        starts[i * fieldCount + f] = at;
        this.forEach(t, f, (id, tf) => {
          docs[at] = id;
          tfs[at] = tf;
          at++;
        });
      }
    });
    starts[terms.length * fieldCount] = at;
    return {
      terms,
      starts,
      docs,
      tfs,
      lengths: this.lengths.slice(),
      documentCount: this.documentCount,
      averages: [...this.averages],
    };
  }

  private hasPostings(term: string): boolean {
    const t = this.numbers.get(term);
    if (t === undefined) return false;
    for (let f = 0; f < this.fieldCount; f++) if (this.count(t, f) > 0) return true;
    return false;
  }

  /** The number of a term, a new one for a term the index never had. */
  private numberOf(term: string): number {
    let t = this.numbers.get(term);
    if (t === undefined) {
      t = this.terms.length;
      this.terms.push(term);
      this.numbers.set(term, t);
      if ((t + 1) * this.fieldCount > this.counts.length) {
        const counts = new Int32Array(Math.max(64, Math.ceil((t + 1) * 1.5)) * this.fieldCount);
        counts.set(this.counts);
        this.counts = counts;
      }
      this.sorted?.set(term, t);
    }
    return t;
  }

  /** Grows the per-passage arrays to hold passage `id`, by half again (adding one article at a time copies rarely). */
  private makeRoom(id: number): void {
    if (id < this.live.length) return;
    const size = Math.max(id + 1, Math.ceil(this.live.length * 1.5));
    const live = new Uint8Array(size);
    live.set(this.live);
    this.live = live;
    const lengths = new Int32Array(size * this.fieldCount).fill(NONE);
    lengths.set(this.lengths);
    this.lengths = lengths;
  }
}

function emptyData(fieldCount: number): PostingsData {
  return {
    terms: [],
    starts: new Uint32Array(1),
    docs: new Int32Array(0),
    tfs: new Int32Array(0),
    lengths: new Int32Array(0),
    documentCount: 0,
    averages: new Array<number>(fieldCount).fill(0),
  };
}
