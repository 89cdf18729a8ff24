import MiniSearch from 'minisearch';
import { describe, expect, it } from 'vitest';
import { analyzeText } from '../../../src/core/search/analyze.ts';
import { buildParts, passagesOf, searchOptions } from '../../../src/core/search/minisearch/passage-index.ts';
import { TermPostings } from '../../../src/core/search/minisearch/term-postings.ts';
import { type Article, silentLogger } from '../../../src/core/types.ts';
import { loadArticles } from '../../../src/load/load-articles.ts';

const articles = await loadArticles('seeds', silentLogger);
const passages = passagesOf(articles);
// MiniSearch, indexing the same passages with the same fields and terms, is what the scores are checked by.
const search = new MiniSearch(searchOptions());
search.addAll(passages);
const boost = { text: 1, heading: 0.5, title: 0.35 };
const scorer = (list: readonly Article[] = articles) => new TermPostings(buildParts(list).termIndex, boost);

/** MiniSearch's results for one term: each passage's score and whether its text matched, and the terms matched. */
function searched(term: string, options: { prefix?: boolean; termBoost?: number } = {}) {
  const found = new Map<number, { score: number; inText: boolean; terms: string[] }>();
  search.search(term, {
    boost,
    prefix: options.prefix ?? false,
    boostTerm: () => options.termBoost ?? 1,
    tokenize: (t) => [t],
    processTerm: (t) => t,
    filter: (r) => {
      const inText = Object.values(r.match).some((fields) => fields.includes('text'));
      found.set(r.id, { score: r.score, inText, terms: r.terms });
      return false;
    },
  });
  return found;
}

describe('TermPostings', () => {
  it.each(['putin', 'kim', 'troop', 'russia', 'korea'])(
    'scores "%s" in every passage exactly as MiniSearch search does',
    (term) => {
      const expected = new Map(
        [...searched(term, { termBoost: 0.8 })].map(([id, r]) => [id, { score: r.score, inText: r.inText }]),
      );
      const actual = new Map<number, { score: number; inText: boolean }>();
      scorer().scoreTerm(term, 0.8, (id, score, inText) => actual.set(id, { score, inText }));
      expect(expected.size).toBeGreaterThan(0);
      expect(actual).toEqual(expected);
    },
  );

  it.each(['kor', 'rus', 'pyong', 'troop', 'nosuch'])(
    'scores the prefix "%s" in every passage as MiniSearch search with prefix does',
    (prefix) => {
      const expected = searched(prefix, { prefix: true });
      const actual = new Map<number, { score: number; inText: boolean; terms: string[] }>();
      scorer().scorePrefix(prefix, (id, score, inText, terms) =>
        actual.set(id, { score, inText, terms: [...terms].sort() }),
      );
      for (const r of expected.values()) r.terms.sort();
      expect([...actual.keys()].sort()).toEqual([...expected.keys()].sort());
      for (const [id, r] of expected) {
        const got = actual.get(id);
        // The same terms, summed perhaps in another order: equal to within rounding.
        expect(got?.score).toBeCloseTo(r.score, 12);
        expect({ ...got, score: 0 }).toEqual({ ...r, score: 0 });
      }
    },
  );

  it.each(['putin', 'pyongyang', 'loudspeak', 'nosuchterm'])(
    'knows "%s" is in exactly the passages it scores',
    (term) => {
      const postings = scorer();
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
      const inTitle = scorer().fieldHolder(term, 'title');
      const expected = passages.filter((p) => analyzeText(p.title).includes(term)).map((p) => p.id);
      expect(passages.filter((p) => inTitle(p.id)).map((p) => p.id)).toEqual(expected);
    },
  );
});
