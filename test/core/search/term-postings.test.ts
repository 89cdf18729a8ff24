import MiniSearch from 'minisearch';
import { describe, expect, it } from 'vitest';
import { analyzeText } from '../../../src/core/search/analyze.ts';
import { passagesOf, searchOptions } from '../../../src/core/search/minisearch/passage-index.ts';
import { TermPostings } from '../../../src/core/search/minisearch/term-postings.ts';
import { silentLogger } from '../../../src/core/types.ts';
import { loadArticles } from '../../../src/load/load-articles.ts';

const passages = passagesOf(await loadArticles('seeds', silentLogger));
const search = new MiniSearch(searchOptions());
search.addAll(passages);
const boost = { text: 1, heading: 0.5, title: 0.35 };

describe('TermPostings', () => {
  it.each(['putin', 'kim', 'troop', 'russia', 'korea'])(
    'scores "%s" in every passage exactly as MiniSearch search does',
    (term) => {
      const expected = new Map<number, { score: number; inText: boolean }>();
      search.search(term, {
        boost,
        boostTerm: () => 0.8,
        tokenize: (t) => [t],
        processTerm: (t) => t,
        filter: (r) => {
          expected.set(r.id, { score: r.score, inText: r.match[term]?.includes('text') ?? false });
          return false;
        },
      });
      const actual = new Map<number, { score: number; inText: boolean }>();
      new TermPostings(search, ['text', 'heading', 'title'], boost).scoreTerm(
        term,
        0.8,
        (id, score, inText) => actual.set(id, { score, inText }),
      );
      expect(expected.size).toBeGreaterThan(0);
      expect(actual).toEqual(expected);
    },
  );

  it.each(['putin', 'pyongyang', 'loudspeak', 'nosuchterm'])(
    'knows "%s" is in exactly the passages it scores',
    (term) => {
      const postings = new TermPostings(search, ['text', 'heading', 'title'], boost);
      const scored = new Set<number>();
      postings.scoreTerm(term, 1, (id) => scored.add(id));
      const has = passages.filter((p) => postings.has(term, p.id)).map((p) => p.id);
      expect(has).toEqual([...scored].sort((a, b) => a - b));
      expect(postings.has(term, passages.length + 5)).toBe(false);
    },
  );

  it.each(['kim', 'korea', 'putin', 'pyongyang', 'nosuchterm'])(
    'knows which passages’ titles write "%s", as analysing each title does',
    (term) => {
      const inTitle = new TermPostings(search, ['text', 'heading', 'title'], boost).fieldHolder(
        term,
        'title',
      );
      const expected = passages.filter((p) => analyzeText(p.title).includes(term)).map((p) => p.id);
      expect(passages.filter((p) => inTitle(p.id)).map((p) => p.id)).toEqual(expected);
    },
  );

  it('says precisely what is wrong when MiniSearch lays out its index otherwise', () => {
    expect(() => new TermPostings({}, ['text'], {})).toThrow(/^Newsdesk: this MiniSearch does not lay out/);
  });
});
