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

  it('prefers, all else equal, the passage that writes the question’s words together', () => {
    // Side by side: the neighbouring pair written together, and both terms in a two-word span.
    const apart = hit(0, { korean: 1, fighter: 1 }, { together: 0, span: 0.1 });
    const together = hit(1, { korean: 1, fighter: 1 }, { together: 1, span: 1 });
    expect(rankPassages([apart, together], terms, 'any').map((h) => h.passage.id)).toEqual([1, 0]);
  });

  it('does not let words written together outweigh covering the question', () => {
    const covers = hit(0, { korean: 1, fighter: 1 }, { together: 0, span: 0.1 });
    const partly = hit(1, { korean: 1 }, { together: 1, span: 1 });
    expect(rankPassages([partly, covers], terms, 'any')[0]?.passage.id).toBe(0);
  });

  it('prefers, all else equal, the passage whose article covers more of the question', () => {
    // Passage 0's article also matches "fighter" in another passage; passage 2's article matches only "korean".
    const inStory = hit(0, { korean: 1 });
    const sibling = hit(1, { fighter: 1 });
    const alone = { ...hit(2, { korean: 1 }), passage: { ...passage(2, 'text'), articleId: 'b' } };
    const order = rankPassages([alone, sibling, inStory], terms, 'any').map((h) => h.passage.id);
    expect(order.indexOf(0)).toBeLessThan(order.indexOf(2));
  });

  it('prefers, all else equal, the passage whose article title names what is asked', () => {
    const titled = hit(0, { korean: 1 }, { inTitle: ['fighter'] });
    const untitled = { ...hit(1, { korean: 1 }), passage: { ...passage(1, 'text'), articleId: 'b' } };
    expect(rankPassages([untitled, titled], terms, 'any')[0]?.passage.id).toBe(0);
  });
});
