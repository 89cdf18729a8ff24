import type { ResolvedTerm } from './passage-index.ts';

/** Words of a passage count as written together at most this many words apart. */
const TOGETHER_DISTANCE = 2;

/**
 * Measures, for one question, the share of its word pairs (next to each other in the question, each
 * pair weighted by its lighter term) that a passage writes together, in either order, counting the other
 * forms and words of like meaning searched for them: "army chiefs" is written together in "the chiefs
 * of the military". Returns a function of the passage's words (the index terms of each word, in order).
 */
export function togetherShare(
  terms: readonly ResolvedTerm[],
): (words: readonly (readonly string[])[]) => number {
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
  return (words) => {
    // Where each question term was last seen, in words.
    const lastSeen = new Array<number>(terms.length).fill(Number.NEGATIVE_INFINITY);
    const near = new Array<boolean>(pairs.length).fill(false);
    words.forEach((wordTerms, at) => {
      for (const term of wordTerms) {
        for (const i of askedFor.get(term) ?? []) {
          lastSeen[i] = at;
          pairs.forEach(([a, b], p) => {
            if ((a === i || b === i) && at - (lastSeen[a === i ? b : a] as number) <= TOGETHER_DISTANCE)
              near[p] = true;
          });
        }
      }
    });
    return weights.reduce((sum, w, p) => sum + (near[p] ? w : 0), 0) / all;
  };
}
