import { describe, expect, it } from 'vitest';
import { TermCounter } from '../../../src/core/search/minisearch/term-counts.ts';

describe('TermCounter', () => {
  it('counts a passage once per term, every spelling, and capitals only inside sentences', () => {
    const counter = new TermCounter();
    expect(counter.count('Russia said Russia’s troops left. Russia agreed.')).toEqual([
      'Russia',
      'said',
      'Russia’s',
      'troops',
      'left',
      'Russia',
      'agreed',
    ]);
    counter.count('Troops from russia arrived, said the army.');
    const terms = counter.finish();
    const russia = terms.get('russia');
    expect(russia?.df).toBe(2);
    expect([...(russia?.forms ?? [])]).toEqual([['russia', 4]]);
    // "Russia" opening a sentence says nothing; "Russia’s" mid-sentence does, and so does "russia".
    expect(russia).toMatchObject({ capital: 1, lower: 1 });
    expect(terms.get('troop')).toMatchObject({ df: 2, capital: 0, lower: 1 });
    expect(terms.has('the')).toBe(false);
  });
});
