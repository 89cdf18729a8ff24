import { bm25, bm25Idf, prefixWeight } from '../bm25.ts';
import type { AddedPostings, PostingsIndex } from './postings-index.ts';

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

/**
 * Scores terms in the passages they occur in, from the index's postings (`postings-index.ts`), as
 * MiniSearch's `search` would (same BM25+ formula, same order of floating-point operations, so the same
 * scores to the bit), without what `search` makes for every passage a term occurs in: a result object, a
 * `match` object, arrays of terms, a results map merged per query. For a common word at 100k passages
 * that was most of a question's time and allocation.
 */
export class TermPostings {
  private readonly index: PostingsIndex;
  /** Per field (in the index's field order): its boost, and whether it is the passage's own text. */
  private readonly fields: { boost: number; isText: boolean }[];
  /** Each passage's summed score for the term being scored, and what matched: {@link SEEN}, {@link IN_TEXT}. */
  private score: Float64Array;
  private state: Uint8Array;
  /**
   * The passages scored for the term, in the order first seen: a typed array as long as the index and a
   * count, not an array grown again for every term (a common word occurs in thousands of passages).
   */
  private touched: Int32Array;
  /** What {@link scoreInto} scored: per passage, in the order first seen, its id, score and 1 if its own text has the term. */
  scored: { ids: Int32Array; scores: Float64Array; inText: Uint8Array };
  /**
   * The passages {@link include} marked, which {@link scoreAmong} scores: 1 in `marked`, listed in `among`
   * up to `amongCount`.
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

  constructor(index: PostingsIndex, boost: Readonly<Record<string, number>>) {
    this.index = index;
    this.fields = index.fields.map((field) => ({ boost: boost[field] || 1, isText: field === 'text' }));
    const size = index.live.length;
    this.score = new Float64Array(size);
    this.state = new Uint8Array(size);
    this.touched = new Int32Array(size);
    this.scored = scoredArrays(size);
    this.marked = new Uint8Array(size);
    this.among = new Int32Array(size);
  }

  /**
   * Follows passages added to and removed from the index since this was made or last updated
   * (`PassageIndex.update`): every score depends on the passage count and average field lengths, and
   * the arrays must hold every passage id.
   */
  update(): void {
    const size = this.index.live.length;
    if (size > this.score.length) {
      this.score = new Float64Array(size);
      this.state = new Uint8Array(size);
      this.touched = new Int32Array(size);
      this.scored = scoredArrays(size);
      this.clearIncluded();
      this.marked = new Uint8Array(size);
      this.among = new Int32Array(size);
    }
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
    const { marked, among } = this;
    const { live } = this.index;
    for (let i = from; i < to; i++) {
      const id = ids[i] as number;
      if (live[id] !== 1 || marked[id]) continue;
      marked[id] = 1;
      among[this.amongCount++] = id;
    }
  }

  /**
   * How many postings the term has in the fields searched (a passage with it in two fields counts twice):
   * what scoring it with {@link scoreInto} costs.
   */
  postingCount(term: string): number {
    const t = this.index.termNumber(term);
    if (t === undefined) return 0;
    let n = 0;
    for (let f = 0; f < this.fields.length; f++) n += this.index.count(t, f);
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
    const t = this.index.termNumber(term);
    if (t === undefined) return;
    const { marked, among } = this;
    for (let f = 0; f < this.fields.length; f++)
      this.index.forEach(t, f, (id) => {
        if (marked[id]) return;
        marked[id] = 1;
        among[this.amongCount++] = id;
      });
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
    const t = this.index.termNumber(term);
    if (t === undefined) return 0;
    const index = this.index;
    const fields: { f: number; idf: number; boost: number; average: number; inText: number }[] = [];
    this.fields.forEach((field, f) => {
      const matching = index.count(t, f);
      if (!matching) return;
      const idf = bm25Idf(index.documentCount, matching);
      fields.push({
        f,
        idf,
        boost: termBoost * field.boost,
        average: index.averages[f] as number,
        inText: field.isText ? IN_TEXT : 0,
      });
    });
    const { ids, scores, inText } = this.scored;
    const { among } = this;
    let n = 0;
    for (let i = 0; i < this.amongCount; i++) {
      const id = among[i] as number;
      let score = 0;
      let state = 0;
      for (let j = 0; j < fields.length; j++) {
        const field = fields[j] as (typeof fields)[number];
        const tf = index.frequency(t, field.f, id);
        if (!tf) continue;
        const length = index.length(id, field.f);
        const raw = bm25(field.idf, tf, length, field.average);
        score = score + field.boost * raw;
        state = state | SEEN | field.inText;
      }
      if (!state) continue;
      ids[n] = id;
      scores[n] = score;
      inText[n] = (state & IN_TEXT) !== 0 ? 1 : 0;
      n++;
    }
    return n;
  }

  /** Whether a passage has the term, in any field searched (as `scoreTerm` would visit it). */
  has(term: string, passageId: number): boolean {
    return this.holder(term)(passageId);
  }

  /**
   * Whether a passage has the term, as {@link has}, with the term looked up once: for asking of many
   * passages (every candidate of a question).
   */
  holder(term: string): (passageId: number) => boolean {
    const t = this.index.termNumber(term);
    if (t === undefined) return () => false;
    const fields = this.fields.map((_, f) => f).filter((f) => this.index.count(t, f) > 0);
    return (passageId) => fields.some((f) => this.index.frequency(t, f, passageId) > 0);
  }

  /**
   * Whether a passage has the term in one field (`title`, …), with the term looked up once, as
   * {@link holder}: each field's words were indexed as the rest of the index analyses them.
   */
  fieldHolder(term: string, field: string): (passageId: number) => boolean {
    const f = this.index.fields.indexOf(field as never);
    const t = this.index.termNumber(term);
    if (f < 0 || t === undefined || !this.index.count(t, f)) return () => false;
    return (passageId) => this.index.frequency(t, f, passageId) > 0;
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
   * Calls `visit` with each passage some index term beginning with `prefix` occurs in (the prefix itself
   * counts fully, longer terms less the longer they are), with its score, whether its own text has one of
   * them, and which: as MiniSearch's `search` with `prefix: true` scores a single term.
   */
  scorePrefix(
    prefix: string,
    visit: (id: number, score: number, inText: boolean, terms: string[]) => void,
  ): void {
    const index = this.index;
    const results = new Map<number, { score: number; inText: boolean; terms: string[] }>();
    const add = (term: string, weight: number) => {
      const t = index.termNumber(term);
      if (t === undefined) return;
      this.fields.forEach((field, f) => {
        const matching = index.count(t, f);
        if (!matching) return;
        const idf = bm25Idf(index.documentCount, matching);
        const average = index.averages[f] as number;
        index.forEach(t, f, (id, tf) => {
          const length = index.length(id, f);
          const raw = bm25(idf, tf, length, average);
          // termWeight × termBoost (1) × fieldBoost × docBoost (1) × BM25+, in MiniSearch's order.
          const weighted = weight * 1 * field.boost * 1 * raw;
          const result = results.get(id);
          if (!result) results.set(id, { score: weighted, inText: field.isText, terms: [term] });
          else {
            result.score += weighted;
            result.inText ||= field.isText;
            if (!result.terms.includes(term)) result.terms.push(term);
          }
        });
      });
    };
    add(prefix, 1);
    for (const term of index.termsStartingWith(prefix)) {
      if (term.length > prefix.length) add(term, prefixWeight(term, prefix));
    }
    for (const [id, result] of results) visit(id, result.score, result.inText, result.terms);
  }

  /**
   * Scores the term in each passage it occurs in, as {@link scoreTerm} visits them, into {@link scored}:
   * returns how many passages, whose ids, scores and whether their own text has the term are the first
   * that many entries of `scored` (until the next call). No call per passage: a score handed to a callback
   * is boxed, and a common word occurs in thousands of passages.
   */
  scoreInto(term: string, termBoost: number): number {
    const index = this.index;
    const t = index.termNumber(term);
    if (t === undefined) return 0;
    const { score, state, touched } = this;
    const { starts, docs, tfs, lengths, live, fieldCount } = index;
    const checkLive = index.removedSome;
    let seen = 0;
    let postingCount = 0;
    for (let f = 0; f < this.fields.length; f++) {
      const matching = index.count(t, f);
      if (!matching) continue;
      const field = this.fields[f] as (typeof this.fields)[number];
      postingCount += matching;
      const idf = bm25Idf(index.documentCount, matching);
      // termWeight (1) × termBoost × fieldBoost × docBoost (1) × BM25+, multiplied in MiniSearch's order.
      const boost = termBoost * field.boost;
      const average = index.averages[f] as number;
      const inText = field.isText ? IN_TEXT : 0;
      const k = t * fieldCount + f;
      const added = index.added.get(k);
      // The arrays' postings, then those added since: one loop over both (a call per posting, to share
      // the scoring, cost a tenth of a question's time on a common word).
      const base = t < index.baseTerms;
      const first = base ? (starts[k] as number) : 0;
      const end = base ? (starts[k + 1] as number) : 0;
      const total = end - first + (added ? added.docs.length : 0);
      for (let j = 0; j < total; j++) {
        const inBase = j < end - first;
        const id = inBase
          ? (docs[first + j] as number)
          : ((added as AddedPostings).docs[j - (end - first)] as number);
        if ((checkLive || !inBase) && live[id] !== 1) continue;
        const tf = inBase
          ? (tfs[first + j] as number)
          : ((added as AddedPostings).tfs[j - (end - first)] as number);
        const length = lengths[id * fieldCount + f] as number;
        const raw = bm25(idf, tf, length, average);
        if (!state[id]) touched[seen++] = id;
        score[id] = (score[id] as number) + boost * raw;
        state[id] = (state[id] as number) | SEEN | inText;
      }
    }
    const { ids, scores, inText } = this.scored;
    let highest = 0;
    for (let i = 0; i < seen; i++) {
      const id = touched[i] as number;
      const s = score[id] as number;
      if (s > highest) highest = s;
      ids[i] = id;
      scores[i] = s;
      inText[i] = ((state[id] as number) & IN_TEXT) !== 0 ? 1 : 0;
      score[id] = 0;
      state[id] = 0;
    }
    if (termBoost > 0 && postingCount >= PRUNABLE_POSTINGS) this.highest.set(term, highest / termBoost);
    return seen;
  }
}

/** {@link TermPostings.scored}'s arrays, for `size` passages. */
function scoredArrays(size: number): { ids: Int32Array; scores: Float64Array; inText: Uint8Array } {
  return { ids: new Int32Array(size), scores: new Float64Array(size), inText: new Uint8Array(size) };
}
