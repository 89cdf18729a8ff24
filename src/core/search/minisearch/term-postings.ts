/**
 * What {@link TermPostings} reads of a MiniSearch 7.2 index (given as `object`: its fields are private): its term index (term → field id → passage
 * → term frequency), field ids and lengths, and passage count. Private to MiniSearch, so checked when
 * first read: a MiniSearch that lays them out otherwise fails there, with a message saying so. That is
 * why package.json pins `minisearch` to exactly the version whose layout this reads (7.2.0): a caret range
 * would let a fresh install take a minor release that moves them.
 */
export interface MiniSearchInternals {
  _index: {
    get(term: string): Map<number, Map<number, number>> | undefined;
    set(term: string, postings: Map<number, Map<number, number>>): unknown;
    [Symbol.iterator](): Iterator<[string, Map<number, Map<number, number>>]>;
  };
  _fieldIds: Record<string, number>;
  _fieldLength: Map<number, number[]>;
  _avgFieldLength: number[];
  _documentCount: number;
  _documentIds: Map<number, unknown>;
  _idToShortId: Map<unknown, number>;
}

/** {@link TermPostings} state bits: the passage has the term in some field; in its own text. */
const SEEN = 1;
const IN_TEXT = 2;
/**
 * A term with at least this many postings has its highest score recorded ({@link TermPostings.highestScore}):
 * only a common word's postings cost enough to be worth skipping, and recording every term's would grow
 * with the vocabulary.
 */
export const PRUNABLE_POSTINGS = 1000;
/** Common terms whose passages by score {@link TermPostings.byScore} keeps (oldest made forgotten first). */
const RANKED_TERMS = 128;

/** MiniSearch's default BM25+ parameters (`defaultBM25params` in MiniSearch 7.2), which the index uses. */
const BM25 = { k: 1.2, b: 0.7, d: 0.5 };

/**
 * Scores one exact term's postings straight from MiniSearch's index, as MiniSearch's `search` would
 * (same BM25+ formula, same order of floating-point operations, so the same scores to the bit), without
 * what `search` makes for every passage a term occurs in: a result object, a `match` object, arrays of
 * terms, a results map merged per query. For a common word at 100k passages that was most of a question's
 * time and allocation. Prefix searches still go through MiniSearch.
 */
export class TermPostings {
  private readonly internals: MiniSearchInternals;
  /** Per field (in MiniSearch's field order): its id, boost, average length and every passage's length. */
  private readonly fields: {
    id: number;
    boost: number;
    isText: boolean;
    average: number;
    lengths: Float64Array;
  }[];
  /** The passage id of each MiniSearch document id, and the document id of each passage id (-1: none). */
  private ids: Int32Array;
  private docIds: Int32Array;
  private count: number;
  /** Each passage's summed score for the term being scored, and what matched: {@link SEEN}, {@link IN_TEXT}. */
  private score: Float64Array;
  private state: Uint8Array;
  /**
   * The document ids scored for the term, in the order first seen: a typed array as long as the index and
   * a count, not an array grown again for every term (a common word occurs in thousands of passages).
   */
  private touched: Int32Array;
  /** What {@link scoreInto} scored: per passage, in the order first seen, its id, score and 1 if its own text has the term. */
  scored: { ids: Int32Array; scores: Float64Array; inText: Uint8Array };
  /**
   * The passages (document ids) {@link include} marked, which {@link scoreAmong} scores: 1 in `marked`, listed
   * in `among` up to `amongCount`.
   */
  private marked: Uint8Array;
  private among: Int32Array;
  private amongCount = 0;
  /**
   * Per term, the highest score {@link scoreInto} gave it in one passage (at term boost 1), recorded as it
   * scores every passage of the term: what dynamic pruning bounds a term by (`PassageIndex.find`). Scores
   * depend on the passage count and average lengths, so {@link update} forgets them all.
   */
  private readonly highest = new Map<string, number>();
  /** Per common term, its passages by score, best first (see {@link byScore}); emptied by {@link update}. */
  private readonly ranked = new Map<string, { ids: Int32Array; scores: Float64Array }>();

  constructor(
    search: object,
    fields: readonly string[],
    boost: Readonly<Record<string, number>>,
    /** Its arrays, made already ({@link TermPostings.making}); else made here at once. */
    prepared?: PreparedPostings,
  ) {
    this.internals = readInternals(search);
    const { ids, docIds, lengths } = prepared ?? drainSteps(preparing(this.internals, fields));
    const { _fieldIds, _avgFieldLength, _documentCount } = this.internals;
    const size = ids.length;
    this.ids = ids;
    this.docIds = docIds;
    this.fields = fields.map((field, f) => {
      const id = _fieldIds[field] as number;
      return {
        id,
        boost: boost[field] || 1,
        isText: field === 'text',
        average: _avgFieldLength[id] as number,
        lengths: lengths[f] as Float64Array,
      };
    });
    this.count = _documentCount;
    this.score = new Float64Array(size);
    this.state = new Uint8Array(size);
    this.touched = new Int32Array(size);
    this.scored = scoredArrays(size);
    this.marked = new Uint8Array(size);
    this.among = new Int32Array(size);
  }

  /**
   * A scorer of the index, made in steps of {@link PREPARE_STEP} passages (at 100k passages it took
   * ~150 ms at once), for making it with other work running in between (`PassageIndex.warmingUp`). The
   * index must not change until it is made.
   */
  static *making(
    search: object,
    fields: readonly string[],
    boost: Readonly<Record<string, number>>,
  ): Generator<void, TermPostings> {
    const prepared = yield* preparing(readInternals(search), fields);
    return new TermPostings(search, fields, boost, prepared);
  }

  /**
   * Follows passages added to and removed from the MiniSearch index since this was made or last updated
   * (`PassageIndex.update`): their ids and field lengths, and the index's passage count and average
   * field lengths, which every score depends on.
   */
  update(added: readonly number[], removed: readonly number[]): void {
    const { _idToShortId, _fieldLength, _avgFieldLength, _documentCount } = this.internals;
    for (const id of removed) if (id < this.docIds.length) this.docIds[id] = -1;
    let size = this.ids.length;
    let passages = this.docIds.length;
    const docIdOf = added.map((id) => {
      const docId = _idToShortId.get(id) as number;
      size = Math.max(size, docId + 1);
      passages = Math.max(passages, id + 1);
      return docId;
    });
    if (size > this.ids.length) {
      // Grown by half again, so that adding one article at a time copies the arrays rarely.
      size = Math.max(size, Math.ceil(this.ids.length * 1.5));
      this.ids = grow(this.ids, size);
      this.score = new Float64Array(size);
      this.state = new Uint8Array(size);
      this.touched = new Int32Array(size);
      this.scored = scoredArrays(size);
      this.clearIncluded();
      this.marked = new Uint8Array(size);
      this.among = new Int32Array(size);
      for (const field of this.fields) field.lengths = grow(field.lengths, size);
    }
    if (passages > this.docIds.length) {
      const docIds = new Int32Array(Math.max(passages, Math.ceil(this.docIds.length * 1.5))).fill(-1);
      docIds.set(this.docIds);
      this.docIds = docIds;
    }
    added.forEach((id, i) => {
      const docId = docIdOf[i] as number;
      this.ids[docId] = id;
      this.docIds[id] = docId;
      const perField = _fieldLength.get(docId) ?? [];
      for (const field of this.fields) field.lengths[docId] = perField[field.id] ?? 0;
    });
    for (const field of this.fields) field.average = _avgFieldLength[field.id] as number;
    this.count = _documentCount;
    this.highest.clear();
    this.ranked.clear();
  }

  /**
   * The passages the term occurs in, by their score as {@link scoreInto} gives it at term boost 1, best
   * first: for taking a common word's best passages without scoring all of them again. Made on first
   * need (all its passages scored and sorted) and kept for {@link RANKED_TERMS} terms until the index
   * changes.
   */
  byScore(term: string): { ids: Int32Array; scores: Float64Array } {
    let found = this.ranked.get(term);
    if (!found) {
      const n = this.scoreInto(term, 1);
      const order = Array.from({ length: n }, (_, i) => i);
      const { ids, scores } = this.scored;
      order.sort((a, b) => (scores[b] as number) - (scores[a] as number));
      found = { ids: new Int32Array(n), scores: new Float64Array(n) };
      for (let i = 0; i < n; i++) {
        found.ids[i] = ids[order[i] as number] as number;
        found.scores[i] = scores[order[i] as number] as number;
      }
      if (this.ranked.size >= RANKED_TERMS) this.ranked.delete(this.ranked.keys().next().value as string);
      this.ranked.set(term, found);
    }
    return found;
  }

  /** Marks passages (by passage id, `ids[from..to)`) for {@link scoreAmong}, as {@link include} marks a term's. */
  includePassages(ids: ArrayLike<number>, from: number, to: number): void {
    const { marked, among, docIds } = this;
    for (let i = from; i < to; i++) {
      const docId = docIds[ids[i] as number];
      if (docId === undefined || docId < 0 || marked[docId]) continue;
      marked[docId] = 1;
      among[this.amongCount++] = docId;
    }
  }

  /**
   * How many postings the term has in the fields searched (a passage with it in two fields counts twice):
   * what scoring it with {@link scoreInto} costs.
   */
  postingCount(term: string): number {
    const data = this.internals._index.get(term);
    if (!data) return 0;
    let n = 0;
    for (const field of this.fields) n += data.get(field.id)?.size ?? 0;
    return n;
  }

  /**
   * The highest score the term has in any one passage, as {@link scoreInto} scores it at term boost 1 (to
   * within rounding: allow a margin); undefined for a term of {@link PRUNABLE_POSTINGS} or more postings
   * that has not been scored in all its passages since the index last changed (recorded then). A term of
   * fewer is scored now: like {@link scoreInto}, this writes over {@link scored}.
   */
  highestScore(term: string): number | undefined {
    const recorded = this.highest.get(term);
    if (recorded !== undefined || this.postingCount(term) >= PRUNABLE_POSTINGS) return recorded;
    const n = this.scoreInto(term, 1);
    const { scores } = this.scored;
    let highest = 0;
    for (let i = 0; i < n; i++) if ((scores[i] as number) > highest) highest = scores[i] as number;
    return highest;
  }

  /** Marks the passages the term occurs in (any field searched), for {@link scoreAmong}. */
  include(term: string): void {
    const data = this.internals._index.get(term);
    if (!data) return;
    const { marked, among } = this;
    for (const field of this.fields) {
      data.get(field.id)?.forEach((_, docId) => {
        if (marked[docId]) return;
        marked[docId] = 1;
        among[this.amongCount++] = docId;
      });
    }
  }

  /** How many passages {@link include} marked since {@link clearIncluded}. */
  get included(): number {
    return this.amongCount;
  }

  /** Unmarks what {@link include} marked. */
  clearIncluded(): void {
    const { marked, among } = this;
    for (let i = 0; i < this.amongCount; i++) marked[among[i] as number] = 0;
    this.amongCount = 0;
  }

  /**
   * {@link scoreInto}, but only in the passages {@link include} marked: the same scores to the bit (the same
   * operations in the same order), looked up passage by passage instead of read from all of the term's
   * postings — for a common word whose other passages cannot reach a question's candidates.
   */
  scoreAmong(term: string, termBoost: number): number {
    const data = this.internals._index.get(term);
    if (!data) return 0;
    const fields: {
      postings: Map<number, number>;
      idf: number;
      boost: number;
      lengths: Float64Array;
      average: number;
      inText: number;
    }[] = [];
    for (const field of this.fields) {
      const postings = data.get(field.id);
      if (!postings) continue;
      const matching = postings.size;
      const idf = Math.log(1 + (this.count - matching + 0.5) / (matching + 0.5));
      const { lengths, average } = field;
      fields.push({
        postings,
        idf,
        boost: termBoost * field.boost,
        lengths,
        average,
        inText: field.isText ? IN_TEXT : 0,
      });
    }
    const { ids, scores, inText } = this.scored;
    const { among } = this;
    let n = 0;
    for (let i = 0; i < this.amongCount; i++) {
      const docId = among[i] as number;
      let score = 0;
      let state = 0;
      for (let f = 0; f < fields.length; f++) {
        const field = fields[f] as (typeof fields)[number];
        const tf = field.postings.get(docId);
        if (tf === undefined) continue;
        const length = field.lengths[docId] as number;
        const raw =
          field.idf *
          (BM25.d + (tf * (BM25.k + 1)) / (tf + BM25.k * (1 - BM25.b + (BM25.b * length) / field.average)));
        score = score + field.boost * raw;
        state = state | SEEN | field.inText;
      }
      if (!state) continue;
      ids[n] = this.ids[docId] as number;
      scores[n] = score;
      inText[n] = (state & IN_TEXT) !== 0 ? 1 : 0;
      n++;
    }
    return n;
  }

  /** Whether a passage has the term, in any field searched (as `scoreTerm` would visit it). */
  has(term: string, passageId: number): boolean {
    const data = this.internals._index.get(term);
    const docId = this.docIds[passageId];
    if (!data || docId === undefined || docId < 0) return false;
    for (const field of this.fields) if (data.get(field.id)?.has(docId)) return true;
    return false;
  }

  /**
   * Whether a passage has the term, as {@link has}, with the term's postings looked up once: for asking
   * of many passages (every candidate of a question).
   */
  holder(term: string): (passageId: number) => boolean {
    const data = this.internals._index.get(term);
    if (!data) return () => false;
    const fields = this.fields.flatMap((field) => data.get(field.id) ?? []);
    return (passageId) => {
      const docId = this.docIds[passageId];
      if (docId === undefined || docId < 0) return false;
      for (const postings of fields) if (postings.has(docId)) return true;
      return false;
    };
  }

  /**
   * Whether a passage has the term in one field (`title`, …), with the term's postings looked up once, as
   * {@link holder}: MiniSearch indexed each field's words as the rest of the index analyses them.
   */
  fieldHolder(term: string, field: string): (passageId: number) => boolean {
    const id = this.internals._fieldIds[field];
    const postings = id === undefined ? undefined : this.internals._index.get(term)?.get(id);
    if (!postings) return () => false;
    return (passageId) => {
      const docId = this.docIds[passageId];
      return docId !== undefined && docId >= 0 && postings.has(docId);
    };
  }

  /**
   * Calls `visit` with each passage the term occurs in: its id, MiniSearch's score of the term in it times
   * `termBoost` (as `search` with `boostTerm`), and whether the passage's own text has it (not only its
   * heading or title). See {@link scoreInto} for the same without a call per passage.
   */
  scoreTerm(
    term: string,
    termBoost: number,
    visit: (id: number, score: number, inText: boolean) => void,
  ): void {
    const n = this.scoreInto(term, termBoost);
    const { ids, scores, inText } = this.scored;
    for (let i = 0; i < n; i++) visit(ids[i] as number, scores[i] as number, inText[i] === 1);
  }

  /**
   * Scores the term in each passage it occurs in, as {@link scoreTerm} visits them, into {@link scored}:
   * returns how many passages, whose ids, scores and whether their own text has the term are the first
   * that many entries of `scored` (until the next call). No call per passage: a score handed to a callback
   * is boxed, and a common word occurs in thousands of passages.
   */
  scoreInto(term: string, termBoost: number): number {
    const data = this.internals._index.get(term);
    if (!data) return 0;
    const { score, state, touched } = this;
    let seen = 0;
    let postingCount = 0;
    for (const field of this.fields) {
      const postings = data.get(field.id);
      if (!postings) continue;
      const matching = postings.size;
      postingCount += matching;
      const idf = Math.log(1 + (this.count - matching + 0.5) / (matching + 0.5));
      // termWeight (1) × termBoost × fieldBoost × docBoost (1) × BM25+, multiplied in MiniSearch's order.
      const boost = termBoost * field.boost;
      const { lengths, average } = field;
      const inText = field.isText ? IN_TEXT : 0;
      // forEach, not for-of: iterating a Map's entries makes a [key, value] array for each of them.
      postings.forEach((tf, docId) => {
        const length = lengths[docId] as number;
        const raw =
          idf * (BM25.d + (tf * (BM25.k + 1)) / (tf + BM25.k * (1 - BM25.b + (BM25.b * length) / average)));
        if (!state[docId]) touched[seen++] = docId;
        score[docId] = (score[docId] as number) + boost * raw;
        state[docId] = (state[docId] as number) | SEEN | inText;
      });
    }
    const { ids, scores, inText } = this.scored;
    let highest = 0;
    for (let i = 0; i < seen; i++) {
      const docId = touched[i] as number;
      const s = score[docId] as number;
      if (s > highest) highest = s;
      ids[i] = this.ids[docId] as number;
      scores[i] = s;
      inText[i] = ((state[docId] as number) & IN_TEXT) !== 0 ? 1 : 0;
      score[docId] = 0;
      state[docId] = 0;
    }
    if (termBoost > 0 && postingCount >= PRUNABLE_POSTINGS) this.highest.set(term, highest / termBoost);
    return seen;
  }
}

/** What {@link TermPostings} reads its index through, made from MiniSearch's maps (see {@link preparing}). */
interface PreparedPostings {
  ids: Int32Array;
  docIds: Int32Array;
  /** Per field given, every document's length in it. */
  lengths: Float64Array[];
}

/** Documents read in one step of {@link preparing}: about a millisecond. */
const PREPARE_STEP = 5_000;

/** The passage ids of MiniSearch's documents and their field lengths, as arrays, in steps. */
function* preparing(
  internals: MiniSearchInternals,
  fields: readonly string[],
): Generator<void, PreparedPostings> {
  const { _fieldIds, _fieldLength, _documentIds } = internals;
  let size = 0;
  let passages = 0;
  let n = 0;
  for (const [docId, id] of _documentIds) {
    size = Math.max(size, docId + 1);
    passages = Math.max(passages, (id as number) + 1);
    if (++n % PREPARE_STEP === 0) yield;
  }
  const ids = new Int32Array(size);
  const docIds = new Int32Array(passages).fill(-1);
  for (const [docId, id] of _documentIds) {
    ids[docId] = id as number;
    docIds[id as number] = docId;
    if (++n % PREPARE_STEP === 0) yield;
  }
  const fieldIds = fields.map((field) => _fieldIds[field] as number);
  const lengths = fields.map(() => new Float64Array(size));
  for (const [docId, perField] of _fieldLength) {
    fieldIds.forEach((id, f) => {
      (lengths[f] as Float64Array)[docId] = perField[id] ?? 0;
    });
    if (++n % PREPARE_STEP === 0) yield;
  }
  return { ids, docIds, lengths };
}

function drainSteps<T>(steps: Generator<void, T>): T {
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}

/** {@link TermPostings.scored}'s arrays, for `size` documents. */
function scoredArrays(size: number): { ids: Int32Array; scores: Float64Array; inText: Uint8Array } {
  return { ids: new Int32Array(size), scores: new Float64Array(size), inText: new Uint8Array(size) };
}

/** `array` copied into a longer one of the same type. */
function grow<T extends Int32Array | Float64Array>(array: T, size: number): T {
  const grown = new (array.constructor as new (n: number) => T)(size);
  grown.set(array);
  return grown;
}

/** MiniSearch's private fields, checked: throws, saying what is missing, for a MiniSearch laid out otherwise. */
export function readInternals(search: object): MiniSearchInternals {
  const s = search as unknown as Partial<MiniSearchInternals>;
  const ok =
    typeof s._index?.get === 'function' &&
    typeof s._index.set === 'function' &&
    typeof s._index[Symbol.iterator] === 'function' &&
    typeof s._fieldIds === 'object' &&
    s._fieldLength instanceof Map &&
    Array.isArray(s._avgFieldLength) &&
    typeof s._documentCount === 'number' &&
    s._documentIds instanceof Map &&
    s._idToShortId instanceof Map;
  if (!ok)
    throw new Error(
      'Newsdesk: this MiniSearch does not lay out its index as MiniSearch 7.2 does (_index, _fieldIds, _fieldLength, _avgFieldLength, _documentCount, _documentIds, _idToShortId); see term-postings.ts',
    );
  return s as MiniSearchInternals;
}
