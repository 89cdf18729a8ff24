import type { MatchCredits } from '../ranking/credits.ts';
import type { MatchKind, ResolvedTerm, TermExpansion } from './search-engine.ts';

/** A term an engine searches for a question term: the term itself (as corrected) or one of its expansions. */
export interface TermAlternative {
  term: string;
  /** How fully a match stands for the question term (see {@link TermExpansion.credit}). */
  credit: number;
  /** Multiplies its BM25 score. */
  boost: number;
  /** Searched as the start of longer words: the question's own word, which the articles never use. */
  prefix: boolean;
  /** How a match of it matches the question term. */
  kind: MatchKind;
}

/** The {@link MatchKind} a match of each kind of expansion counts as. */
const EXPANSION_KIND: Record<TermExpansion['kind'], MatchKind> = {
  morphological: 'forms',
  semantic: 'meaning',
  spelling: 'spelling',
  place: 'place',
};

/**
 * What every engine searches for a question term, so that engines rank alike: the term (as corrected;
 * not a short word the articles never use, which would match too much as a prefix) and its expansions,
 * boosted by the fitted credits for corrections and expansions.
 */
export function termAlternatives(
  t: ResolvedTerm,
  credits: Pick<MatchCredits, 'corrected' | 'expansion'>,
): TermAlternative[] {
  const list: TermAlternative[] = [];
  if (t.status !== 'unknown' || t.term.length >= 4) {
    const boost = t.status === 'corrected' ? credits.corrected : 1;
    const kind = t.status === 'corrected' ? 'spelling' : 'exact';
    list.push({ term: t.searchAs, credit: 1, boost, prefix: t.status === 'unknown', kind });
  }
  for (const e of t.expansions ?? []) {
    const boost = e.kind === 'spelling' ? credits.corrected : e.credit * credits.expansion;
    list.push({ term: e.term, credit: e.credit, boost, prefix: false, kind: EXPANSION_KIND[e.kind] });
  }
  return list;
}
