import { describe, expect, it } from 'vitest';
import { readQuestion } from '../../../src/core/answers/read-question.ts';
import { parseArticle } from '../../../src/core/articles/parse-article.ts';
import { PassageIndex } from '../../../src/core/search/minisearch/passage-index.ts';
import { type PlaceAskedTerm, PlaceNames } from '../../../src/core/search/place-names.ts';
import type { Article } from '../../../src/core/types.ts';
import { countryNames } from '../../../src/load/country-names.ts';
import { oneArticleDesk } from '../../support/one-article-desk.ts';

const places = new PlaceNames([
  ['North Korea', 'DPRK', 'Pyongyang'],
  ['United States', 'US', 'America', 'Washington D.C.'],
  ['Maldives', 'Male'],
]);
/** A vocabulary where "state" and "male" are common words and the rest names. */
const names = ['north', 'korea', 'pyongyang', 'america', 'u.s', 'maldiv'];
const vocabulary = {
  has: (term: string) => [...names, 'state', 'male'].includes(term),
  isName: (term: string) => names.includes(term),
};
const asked = (...terms: [string, boolean][]): PlaceAskedTerm[] =>
  terms.map(([searchAs, entity]) => ({ searchAs, entity, status: 'known' }));

describe('other names of the places a question names', () => {
  it('finds a country named by its capital, and the capital of a country named in several words', () => {
    expect(places.alternatives(asked(['pyongyang', true], ['sanction', false]), vocabulary)).toEqual([
      ['korea'],
      [],
    ]);
    expect(places.alternatives(asked(['north', true], ['korea', true]), vocabulary)).toEqual([
      ['pyongyang'],
      ['pyongyang'],
    ]);
  });

  it('offers only names the articles write as names, and not the question’s own terms', () => {
    // "United States" would stand for "state", a common word; "America" is written as a name.
    expect(places.alternatives(asked(['u.s', true]), vocabulary)).toEqual([['america']]);
    expect(places.alternatives(asked(['america', true], ['u.s', true]), vocabulary)).toEqual([[], []]);
  });

  it('does not take a common word for a place unless the question writes it as a name', () => {
    expect(places.alternatives(asked(['male', false], ['soldier', false]), vocabulary)).toEqual([[], []]);
    expect(places.alternatives(asked(['male', true]), vocabulary)).toEqual([['maldiv']]);
  });

  it('knows a country or capital named in one word', () => {
    expect(places.isPlace('pyongyang')).toBe(true);
    expect(places.isPlace('america')).toBe(true);
    expect(places.isPlace('north')).toBe(false);
  });

  it('reads a country in a lower-case question as a name the articles may not mention', () => {
    const idx = new PassageIndex([parseArticle('tea', 'The tea harvest was good this year.') as Article], {
      wordVectors: null,
      placeNames: new PlaceNames(countryNames()),
    });
    const read = readQuestion('how good was the tea harvest in japan');
    if (!read.ok) throw new Error('unreadable');
    const japan = idx.resolve(read.question.terms).find((t) => t.term === 'japan');
    expect(japan).toMatchObject({ status: 'unknown', entity: true });
  });

  it('answers a question naming a country by its capital from a passage naming the country', async () => {
    const desk = oneArticleDesk(
      'sanctions',
      'North Korea is under tough sanctions over its weapons programme.',
      'The harvest in the south was poor.',
    );
    const reply = await desk.ask('Why is Pyongyang under sanctions?');
    expect(reply.kind).toBe('answer');
    expect(reply.kind === 'answer' && reply.passages[0]?.paragraph).toBe(1);
  });
});
