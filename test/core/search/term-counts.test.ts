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
    counter.flush();
    const { terms } = counter;
    const russia = terms.get('russia');
    expect(russia?.df).toBe(2);
    expect([...(russia?.forms ?? [])]).toEqual([['russia', 4]]);
    // "Russia" opening a sentence says nothing; "Russia’s" mid-sentence does, and so does "russia".
    expect(russia).toMatchObject({ capital: 1, lower: 1 });
    expect(terms.get('troop')).toMatchObject({ df: 2, capital: 0, lower: 1 });
    expect(terms.has('the')).toBe(false);
  });

  it('counts a passage off again: the statistics are those of the passages left, and a term gone is dropped', () => {
    const texts = [
      'Russia said Russia’s troops left.',
      'Troops from russia arrived.',
      'Ukraine agreed, Kyiv said.',
    ];
    const both = new TermCounter();
    both.count(texts[0] as string);
    both.count(texts[1] as string);
    both.flush();
    both.count(texts[2] as string);
    expect(both.flush().added).toEqual(expect.arrayContaining(['ukrain', 'kyiv']));
    both.uncount(texts[0] as string);
    const changes = both.flush();
    expect(changes.removed).toEqual(['left']);
    expect(changes.formsRemoved).toEqual(expect.arrayContaining([['left', 'left']]));

    const fresh = new TermCounter();
    fresh.count(texts[1] as string);
    fresh.count(texts[2] as string);
    fresh.flush();
    const strip = (
      terms: Map<
        string,
        { term: string; df: number; forms: Map<string, number>; capital: number; lower: number }
      >,
    ) =>
      Object.fromEntries(
        [...terms].map(([term, s]) => [
          term,
          { df: s.df, forms: [...s.forms], capital: s.capital, lower: s.lower },
        ]),
      );
    expect(strip(both.terms)).toEqual(strip(fresh.terms));
  });
});
