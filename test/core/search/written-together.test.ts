import { describe, expect, it } from 'vitest';
import { analyzeWord, tokenizeWords } from '../../../src/core/search/analyze.ts';
import type { ResolvedTerm } from '../../../src/core/search/search-engine.ts';
import { eachTerm, matchedSpan, togetherShare } from '../../../src/core/search/written-together.ts';

const term = (t: string, position: number, extra: Partial<ResolvedTerm> = {}): ResolvedTerm => ({
  term: t,
  searchAs: t,
  status: 'known',
  entity: false,
  weight: 1,
  position,
  ...extra,
});
const words = (text: string) => eachTerm(tokenizeWords(text).map(analyzeWord));

describe('togetherShare', () => {
  // "Korean fighters": korean at 0, fighter at 1, searched also as soldier.
  const question = [
    term('korean', 0),
    term('fighter', 1, { expansions: [{ term: 'soldier', credit: 0.6, kind: 'semantic' }] }),
  ];

  it('counts words the question puts side by side when the passage writes them close, with expansions', () => {
    expect(togetherShare(question)(words('the bravery of North Korean soldiers who fought'))).toBe(1);
  });

  it('counts them in either order, but not far apart', () => {
    expect(togetherShare(question)(words('soldiers, North Korean ones'))).toBe(1);
    expect(togetherShare(question)(words('Korean assessments say that about 15,000 soldiers went'))).toBe(0);
  });

  it('weighs each pair by its lighter word', () => {
    const three = [term('a', 0, { weight: 1 }), term('bb', 1, { weight: 3 }), term('cc', 2, { weight: 2 })];
    // pairs: a–bb (weight 1) and bb–cc (weight 2); only bb–cc written together.
    expect(togetherShare(three)(eachTerm([['cc'], ['bb'], ['x'], ['x'], ['x'], ['a']]))).toBeCloseTo(2 / 3);
  });

  it('is 0 for a question without neighbouring words', () => {
    expect(togetherShare([term('lavrov', 0)])(words('Foreign Minister Sergey Lavrov'))).toBe(0);
  });
});

describe('matchedSpan', () => {
  const question = [
    term('korean', 0),
    term('fighter', 1, { expansions: [{ term: 'soldier', credit: 0.6, kind: 'semantic' }] }),
    term('kursk', 3),
  ];
  const span = (text: string) => matchedSpan(question)(words(text)).span;

  it('is 1 when the matched words stand side by side, counting expansions', () => {
    expect(span('North Korean soldiers in Kursk')).toBeCloseTo(3 / 4);
    expect(span('Korean soldiers')).toBe(1);
  });

  it('falls as the matched words scatter, taking the narrowest window that holds them all', () => {
    expect(span('Korean officials said on Monday that many more soldiers had arrived')).toBeCloseTo(2 / 9);
    expect(span('Korean troops. Korean soldiers')).toBe(1);
  });

  it('is 1 for a single matched term and 0 for none', () => {
    expect(span('in Kursk today')).toBe(1);
    expect(span('nothing here')).toBe(0);
  });

  it('counts the passage’s words', () => {
    expect(matchedSpan(question)(words('North Korean soldiers in Kursk')).words).toBe(5);
  });
});
