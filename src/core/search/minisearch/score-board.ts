/**
 * The scores of one question's passages while {@link PassageIndex.find} adds them up, kept in flat
 * arrays indexed by passage id and reused from question to question: a common word occurs in most
 * passages of a large index, and an object per match, or fresh arrays per question, cost more than the
 * search itself. Only the entries a question touched are cleared after it.
 *
 * Per question term, a passage keeps the best of the scores offered for it (its term and the term's
 * expansions: a dis-max) and the best credit; the passage's score is the sum over terms of those bests,
 * times the sum of its credits.
 */
export class ScoreBoard {
  private readonly total: Float64Array;
  private readonly best: Float64Array;
  private readonly seen: Uint8Array;
  private credits: Float32Array[] = [];
  /** Per term, how the best credit was earned (a {@link MatchKind} code), beside `credits`. */
  private kinds: Uint8Array[] = [];
  /** How many terms the current question has (the credit arrays in use). */
  private used = 0;
  /** The highest credit offered for this question (see {@link top}). */
  private highest = 0;
  /** Passages with a score for some term of this question. */
  private readonly touched: number[] = [];
  private touchedCount = 0;
  /** Passages with a score for the current term. */
  private readonly touchedByTerm: number[] = [];
  private touchedByTermCount = 0;
  // The lists above are used up to their counts and written over by the next question, never emptied:
  // emptying an array gives up its storage, and growing it again for every question cost allocations.

  constructor(
    /** Passage ids it holds: below this. */
    readonly size: number,
  ) {
    this.total = new Float64Array(size);
    this.best = new Float64Array(size);
    this.seen = new Uint8Array(size);
  }

  /** Starts a question of `terms` terms (clearing the previous one). */
  begin(terms: number): void {
    // Only the previous question's terms have credits to clear; a kind is read only where its credit is
    // above 0 (`offerCredit` sets both), so kinds are never cleared. Clearing every array ever made, for
    // every passage touched, cost more than a common word's scoring.
    // Indexed loops: an iterator per passage touched was most of what a question allocated.
    const { touched, credits, used } = this;
    for (let i = 0; i < this.touchedCount; i++) {
      const id = touched[i] as number;
      this.total[id] = 0;
      this.seen[id] = 0;
      for (let k = 0; k < used; k++) (credits[k] as Float32Array)[id] = 0;
    }
    this.touchedCount = 0;
    this.used = terms;
    this.highest = 0;
    while (this.credits.length < terms) this.credits.push(new Float32Array(this.size));
    while (this.kinds.length < terms) this.kinds.push(new Uint8Array(this.size));
  }

  /** Offers a score and credit for question term `k` in passage `id`; the best of each is kept. */
  offer(k: number, id: number, score: number, credit: number, kind = 0): void {
    if (this.best[id] === 0) this.touchedByTerm[this.touchedByTermCount++] = id;
    if (score > (this.best[id] as number)) this.best[id] = score;
    this.offerCredit(k, id, credit, kind);
  }

  /**
   * Adds a score straight to a passage's total: for terms searched together, each with one alternative,
   * so there is no best to keep.
   */
  addScore(id: number, score: number): void {
    this.total[id] = (this.total[id] as number) + score;
    if (!this.seen[id]) this.touched[this.touchedCount++] = id;
    this.seen[id] = 1;
  }

  /** Offers a credit for question term `k` in passage `id`, earned as `kind`; the best is kept. */
  offerCredit(k: number, id: number, credit: number, kind = 0): void {
    const credits = this.credits[k] as Float32Array;
    if (credit > this.highest) this.highest = credit;
    if (credit > (credits[id] as number)) {
      credits[id] = credit;
      (this.kinds[k] as Uint8Array)[id] = kind;
    }
  }

  /** Whether passage `id` has a score for some term of this question (for a term ended: `endTerm`, `addScore`). */
  has(id: number): boolean {
    return this.seen[id] === 1;
  }

  /** How question term `k`'s best credit in passage `id` was earned: the code its offer gave (only when its credit is above 0). */
  kind(k: number, id: number): number {
    return (this.kinds[k] as Uint8Array)[id] as number;
  }

  /** The credit question term `k` has in passage `id` so far (0 when unmatched). */
  credit(k: number, id: number): number {
    return (this.credits[k] as Float32Array)[id] as number;
  }

  /** Ends the offers for one term: each passage's best score for it joins its total. */
  endTerm(): void {
    const byTerm = this.touchedByTerm;
    for (let i = 0; i < this.touchedByTermCount; i++) {
      const id = byTerm[i] as number;
      this.total[id] = (this.total[id] as number) + (this.best[id] as number);
      this.best[id] = 0;
      if (!this.seen[id]) this.touched[this.touchedCount++] = id;
      this.seen[id] = 1;
    }
    this.touchedByTermCount = 0;
  }

  /** A passage's score: its summed term scores times the sum of its credits over `terms` terms. */
  score(id: number, terms: number): number {
    let credits = 0;
    for (let k = 0; k < terms; k++) credits += (this.credits[k] as Float32Array)[id] as number;
    return (this.total[id] as number) * credits;
  }

  /**
   * The `limit` passages with the highest scores, best first (ties: the one `later` does not put after the
   * other first; default lower id first), of those `keep` accepts (all when absent).
   */
  top(
    limit: number,
    terms: number,
    keep?: (id: number) => boolean,
    later: (a: number, b: number) => boolean = (a, b) => a > b,
  ): number[] {
    const top: { id: number; score: number }[] = [];
    if (limit <= 0) return [];
    const bound = terms * this.highest * (1 + 1e-9);
    // Read once, not on each of the passages touched (tens of thousands for a question with a common word):
    // the calls in the loop would otherwise make V8 read them again every time.
    const { touched, total, touchedCount } = this;
    const credits = this.credits.slice(0, terms);
    // The score of the last of a full top (-∞ until it is full): a passage must reach it to enter.
    let floor = Number.NEGATIVE_INFINITY;
    for (let i = 0; i < touchedCount; i++) {
      const id = touched[i] as number;
      // A passage's score is at most its total times the number of terms times the highest credit offered
      // (with a margin for rounding): one below the last of a full top need not sum its credits.
      const sum = total[id] as number;
      if (sum * bound < floor) continue;
      let credit = 0;
      for (let k = 0; k < terms; k++) credit += (credits[k] as Float32Array)[id] as number;
      const score = sum * credit;
      if (score < floor) continue;
      const last = top[limit - 1];
      if (last && score === last.score && later(id, last.id)) continue;
      // Asked only of a passage that would enter the top: a common word touches most of a large index, and
      // `keep` (a date check) cost more than the scores.
      if (keep && !keep(id)) continue;
      let at = top.length;
      while (at > 0) {
        const before = top[at - 1] as { id: number; score: number };
        if (before.score > score || (before.score === score && later(id, before.id))) break;
        at--;
      }
      top.splice(at, 0, { id, score });
      if (top.length > limit) top.pop();
      if (top.length === limit) floor = (top[limit - 1] as { id: number; score: number }).score;
    }
    return top.map((t) => t.id);
  }
}

/**
 * Per passage, the sum of the scores of terms searched together, and how many of them matched: what one
 * MiniSearch OR query of those terms computes (it multiplies the sum by the count, then `find` divided it
 * back: kept, so scores stay the same to the bit). Flat arrays reused from question to question.
 */
export class ScoreSums {
  private readonly sum: Float64Array;
  private readonly matched: Uint16Array;
  /** Used up to `touchedCount`, written over, never emptied (as in {@link ScoreBoard}). */
  private readonly touched: number[] = [];
  private touchedCount = 0;

  constructor(
    /** Passage ids it holds: below this. */
    readonly size: number,
  ) {
    this.sum = new Float64Array(size);
    this.matched = new Uint16Array(size);
  }

  /** Adds one term's score in passage `id`. */
  add(id: number, score: number): void {
    if (!this.matched[id]) this.touched[this.touchedCount++] = id;
    this.sum[id] = (this.sum[id] as number) + score;
    this.matched[id] = (this.matched[id] as number) + 1;
  }

  /**
   * Adds each passage's summed score to its total on `board` (`ScoreBoard.addScore`), then clears the
   * sums. A direct call, not a callback: a score handed to a callback was boxed, for each passage.
   */
  flushInto(board: ScoreBoard): void {
    const { touched } = this;
    for (let i = 0; i < this.touchedCount; i++) {
      const id = touched[i] as number;
      const matched = this.matched[id] as number;
      board.addScore(id, ((this.sum[id] as number) * matched) / matched);
      this.sum[id] = 0;
      this.matched[id] = 0;
    }
    this.touchedCount = 0;
  }
}
