import { describe, expect, it } from 'vitest';
import { analyzeWord } from '../../../src/core/search/analyze.ts';
import { RememberedAnalyses } from '../../../src/search/postgres/word-analyses.ts';

describe('remembered word analyses', () => {
  it("gives analyzeWord's terms, the same array again for a word remembered, and holds at most its bound", () => {
    const analyses = new RememberedAnalyses(2);
    const reactors = analyses.analyze('Reactors');
    expect(reactors).toEqual(analyzeWord('Reactors'));
    expect(analyses.analyze('Reactors')).toBe(reactors);
    expect(analyses.analyze('co-operation')).toEqual(analyzeWord('co-operation'));
    // A third word empties it: the first is analysed afresh.
    expect(analyses.analyze('harbour')).toEqual(analyzeWord('harbour'));
    const again = analyses.analyze('Reactors');
    expect(again).toEqual(reactors);
    expect(again).not.toBe(reactors);
    analyses.clear();
    expect(analyses.analyze('Reactors')).not.toBe(again);
  });
});
