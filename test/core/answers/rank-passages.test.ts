import { describe, expect, it } from 'vitest';
import { rankPassages } from '../../../src/core/answers/rank-passages.ts';
import type { Passage, PassageHit, ResolvedTerm } from '../../../src/core/search/search-engine.ts';

const passage = (id: number, text: string): Passage => ({
  id,
  articleId: 'a',
  paragraph: id + 1,
  text,
  title: 'T',
});
const term = (t: string, weight: number): ResolvedTerm => ({
  term: t,
  searchAs: t,
  status: 'known',
  entity: false,
  weight,
});
const hit = (id: number, credit: Record<string, number>, extra: Partial<PassageHit> = {}): PassageHit => ({
  passage: passage(id, 'text'),
  score: 1,
  queryTerms: Object.keys(credit),
  matchedTerms: [],
  credit,
  ...extra,
});

describe('rankPassages', () => {
  const terms = [term('korean', 1), term('fighter', 3)];

  it('counts a word matched in part by its credit in the coverage', () => {
    const [ranked] = rankPassages([hit(0, { korean: 1, fighter: 0.5 })], terms, 'any');
    expect(ranked?.coverage).toBeCloseTo((1 + 3 * 0.5) / 4);
  });

  it('counts a term without a credit as fully matched', () => {
    const [ranked] = rankPassages(
      [{ ...hit(0, {}), queryTerms: ['korean'], credit: undefined }],
      terms,
      'any',
    );
    expect(ranked?.coverage).toBeCloseTo(1 / 4);
  });

  it('prefers, all else equal, the passage that writes the question’s neighbouring words together', () => {
    const apart = hit(0, { korean: 1, fighter: 1 }, { together: 0 });
    const together = hit(1, { korean: 1, fighter: 1 }, { together: 1 });
    expect(rankPassages([apart, together], terms, 'any').map((h) => h.passage.id)).toEqual([1, 0]);
  });

  it('does not let words written together outweigh covering the question', () => {
    const covers = hit(0, { korean: 1, fighter: 1 }, { together: 0 });
    const partly = hit(1, { korean: 1 }, { together: 1 });
    expect(rankPassages([partly, covers], terms, 'any')[0]?.passage.id).toBe(0);
  });
});
