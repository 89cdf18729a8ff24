import type { ResolvedTerm } from './search-engine.ts';

/** Words of a passage count as written together at most this many words apart. */
const TOGETHER_DISTANCE = 2;

/**
 * A passage's words, as a walk: calls `visit` with each index term of each word and the word's position
 * (in words), in order (`PassageTerms.forEachTerm`), so a passage is read without making an array per word.
 */
export type WordTerms = (visit: (term: string, at: number) => void) => void;

/** The walk ({@link WordTerms}) of words given as arrays: the index terms of each word, in order. */
export function eachTerm(words: readonly (readonly string[])[]): WordTerms {
  return (visit) => {
    words.forEach((terms, at) => {
      for (const term of terms) visit(term, at);
    });
  };
}

/**
 * Measures, for one question, the share of its word pairs (next to each other in the question, each
 * pair weighted by its lighter term) that a passage writes together, in either order, counting the other
 * forms and words of like meaning searched for them: "army chiefs" is written together in "the chiefs
 * of the military". Returns a function of the passage's words (the index terms of each word, in order).
 */
export function togetherShare(terms: readonly ResolvedTerm[]): (words: WordTerms) => number {
  const pairs = terms.flatMap((a, i) =>
    terms.flatMap((b, j) =>
      a.position !== undefined && b.position === a.position + 1 ? [[i, j] as const] : [],
    ),
  );
  const weights = pairs.map(([i, j]) =>
    Math.min((terms[i] as ResolvedTerm).weight, (terms[j] as ResolvedTerm).weight),
  );
  const all = weights.reduce((sum, w) => sum + w, 0);
  if (!all) return () => 0;
  // For each index term, the questions terms (by position in `terms`) it was searched for.
  const askedFor = new Map<string, number[]>();
  terms.forEach((t, i) => {
    for (const term of [t.searchAs, ...(t.expansions ?? []).map((e) => e.term)]) {
      askedFor.set(term, [...(askedFor.get(term) ?? []), i]);
    }
  });
  // For each question term, its pairs (by position in `pairs`) and the other term of each.
  const pairsOf = terms.map((_, i) =>
    pairs.flatMap(([a, b], p) => (a === i ? [[p, b] as const] : b === i ? [[p, a] as const] : [])),
  );
  // Reused from passage to passage: this runs for every passage ranked, on every question.
  const lastSeen = new Array<number>(terms.length);
  const near = new Array<boolean>(pairs.length);
  return (words) => {
    // Where each question term was last seen, in words.
    lastSeen.fill(Number.NEGATIVE_INFINITY);
    near.fill(false);
    words((term, at) => {
      const asked = askedFor.get(term);
      if (!asked) return;
      for (const i of asked) {
        lastSeen[i] = at;
        for (const [p, other] of pairsOf[i] as (readonly [number, number])[]) {
          if (at - (lastSeen[other] as number) <= TOGETHER_DISTANCE) near[p] = true;
        }
      }
    });
    let share = 0;
    for (let p = 0; p < weights.length; p++) if (near[p]) share += weights[p] as number;
    return share / all;
  };
}
