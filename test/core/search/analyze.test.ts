import { describe, expect, it } from 'vitest';
import { analyzeText, analyzeWord } from '../../../src/core/search/analyze.ts';

describe('analyzeWord', () => {
  it('folds case, accents, curly apostrophes and possessives, and stems', () => {
    expect(analyzeWord('Putin’s')).toEqual(['putin']);
    expect(analyzeWord('Pyongyang')).toEqual(['pyongyang']);
    expect(analyzeWord('Café')).toEqual(analyzeWord('cafe'));
    expect(analyzeWord('troops')).toEqual(['troop']);
  });

  it('reads numbers with thousands separators and dotted abbreviations as one term', () => {
    expect(analyzeWord('15,000')).toEqual(['15000']);
    expect(analyzeText('the U.N. council')).toEqual(['un', ...analyzeWord('council')]);
  });

  it('keeps a hyphenated word joined and in parts', () => {
    expect(analyzeWord('co-operation')).toEqual([
      analyzeWord('cooperation')[0],
      'co',
      analyzeWord('operation')[0],
    ]);
  });

  it('drops stop words, but not an acronym written in capitals with their letters', () => {
    expect(analyzeWord('us')).toEqual([]);
    expect(analyzeWord('Us')).toEqual([]);
    expect(analyzeWord('US')).toEqual(['u.s']);
    expect(analyzeText('the U.S. and the WHO')).toEqual(['u.s', 'w.h.o']);
    // No stemmed word can be the acronym: "used" stems to "us".
    expect(analyzeWord('used')).not.toContain(analyzeWord('US')[0]);
    expect(analyzeWord('NATO')).toEqual(analyzeWord('nato'));
  });
});
