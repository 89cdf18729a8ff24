/**
 * How passages are scored for a term, by every engine: MiniSearch's BM25+ (`defaultBM25params` in
 * MiniSearch 7.2) over the fields text, heading and title, with these boosts. The memory engine
 * (`minisearch/term-postings.ts`) and the PostgreSQL engine (`search/postgres/`, in JavaScript and in SQL)
 * must score alike, so they read them here.
 */

/**
 * Field weights: the paragraph itself counts most; its heading and the article title give context.
 * Not fitted: BM25's field weights decide which passages reach the candidates; how much the title or a
 * heading tells about a passage is weighed by the fitted `title` and `context` features.
 */
export const BOOST = { text: 1, heading: 0.5, title: 0.35 } as const;

/** MiniSearch's weight of a prefix match (`weights.prefix`). */
const PREFIX_WEIGHT = 0.375;

/**
 * The weight of a longer `term` a prefix search of `prefix` finds, as MiniSearch weighs it: less the more
 * letters it adds (the prefix itself weighs 1).
 */
export function prefixWeight(term: string, prefix: string): number {
  return (PREFIX_WEIGHT * term.length) / (term.length + 0.3 * (term.length - prefix.length));
}

/** BM25+ parameters. */
export const BM25 = { k: 1.2, b: 0.7, d: 0.5 } as const;

/** Inverse document frequency (BM25 form) of a term `matching` of `count` passages have. */
export function bm25Idf(count: number, matching: number): number {
  return Math.log(1 + (count - matching + 0.5) / (matching + 0.5));
}

/**
 * A field's BM25+ score of a term: its `idf`, its frequency `tf` in the field, the field's `length` there
 * and `average` length. The same operations in the same order as MiniSearch, so the same score to the bit.
 */
export function bm25(idf: number, tf: number, length: number, average: number): number {
  return idf * (BM25.d + (tf * (BM25.k + 1)) / (tf + BM25.k * (1 - BM25.b + (BM25.b * length) / average)));
}
