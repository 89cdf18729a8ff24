import { analyzeWord } from '../../core/search/analyze.ts';

/**
 * Word analyses remembered in a plain map, emptied when it holds `max` words: one look-up a use (a
 * two-generation `BoundedMap` takes up to three, and cost more than the analysis it saved in a bulk load;
 * at a million paragraphs its turnover also raised the bot process's peak memory).
 */
export class RememberedAnalyses {
  private readonly known = new Map<string, readonly string[]>();

  constructor(private readonly max: number) {}

  /** `analyzeWord`, remembered (the arrays given are shared: do not change them). */
  readonly analyze = (word: string): readonly string[] => {
    let terms = this.known.get(word);
    if (terms === undefined) {
      if (this.known.size >= this.max) this.known.clear();
      terms = analyzeWord(word);
      this.known.set(word, terms);
    }
    return terms;
  };

  /** Forgets every analysis. */
  clear(): void {
    this.known.clear();
  }
}

/**
 * The analyses of articles written to PostgreSQL: a bulk load analyses millions of paragraphs written
 * with some hundred thousand distinct words, and stemming each use again was most of the load's time.
 * Emptied when a write ends ({@link forgetAnalyses}): a bot process that synced a large folder at start
 * kept up to 300k words (~50 MB) it had no more use for. Questions have their own, smaller cache (the
 * engine's).
 */
const writes = new RememberedAnalyses(300_000);

/** `analyzeWord`, remembered for the articles being written (the arrays given are shared: do not change them). */
export const analyze = writes.analyze;

/** Forgets the analyses of the articles written (called when a write to the database ends). */
export function forgetAnalyses(): void {
  writes.clear();
}
