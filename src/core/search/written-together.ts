import type { ResolvedTerm } from './search-engine.ts';

/**
 * Words of a passage count as written together at most this many words apart.
 * Part of the definition of the `together` feature, whose weight is fitted.
 */
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

/**
 * Measures, for one question, how closely a passage writes the question's words it matches: the number
 * of distinct question terms it has (counting their other forms and words of like meaning) over the
 * fewest consecutive words holding all of them — 1 when they stand side by side, towards 0 when they are
 * scattered over a long paragraph; 1 for a single term, 0 for none. Where {@link togetherShare} rewards
 * neighbouring pairs, this rewards the whole question asked in one place. Returns a function of the
 * passage's words giving the span and the passage's length in words (up to its last word with a term).
 */
export function matchedSpan(
  terms: readonly ResolvedTerm[],
): (words: WordTerms) => { span: number; words: number } {
  const askedFor = new Map<string, number[]>();
  terms.forEach((t, i) => {
    for (const term of [t.searchAs, ...(t.expansions ?? []).map((e) => e.term)])
      askedFor.set(term, [...(askedFor.get(term) ?? []), i]);
  });
  // Reused from passage to passage, as in togetherShare.
  const lastSeen = new Array<number>(terms.length);
  return (words) => {
    lastSeen.fill(-1);
    let seen = 0;
    let best = Number.POSITIVE_INFINITY;
    let bestCount = 0;
    let length = 0;
    words((term, at) => {
      length = at + 1;
      const asked = askedFor.get(term);
      if (!asked) return;
      for (const i of asked) {
        if (lastSeen[i] === -1) seen++;
        lastSeen[i] = at;
      }
      // The narrowest window ending here that holds every term seen so far starts at the oldest of their
      // latest positions; more terms held always wins, and among as many, the narrower window.
      let start = at;
      for (const last of lastSeen) if (last !== -1 && last < start) start = last;
      const width = at - start + 1;
      if (seen > bestCount || (seen === bestCount && width < best)) [bestCount, best] = [seen, width];
    });
    // Two terms of one word (a hyphenated word, an expansion shared by two terms) still count 1 at most.
    const span = bestCount <= 1 ? bestCount : Math.min(1, bestCount / best);
    return { span, words: length };
  };
}
