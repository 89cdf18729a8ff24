import MiniSearch from 'minisearch';
import { describe, expect, it } from 'vitest';
import { passagesOf, searchOptions } from '../../../src/core/search/minisearch/passage-index.ts';
import {
  encodePostings,
  restorePostings,
  withoutTermIndex,
} from '../../../src/core/search/minisearch/postings-snapshot.ts';
import type { Passage } from '../../../src/core/search/search-engine.ts';
import { silentLogger } from '../../../src/core/types.ts';
import { loadArticles } from '../../../src/load/load-articles.ts';

const search = new MiniSearch<Passage>(searchOptions());
search.addAll(passagesOf(await loadArticles('seeds', silentLogger)));

/** A MiniSearch loaded from `search`'s JSON without its term index, as a snapshot restores it. */
function loadedWithoutTerms(): MiniSearch<Passage> {
  return MiniSearch.loadJS<Passage>({ ...search.toJSON(), index: [] }, searchOptions());
}

describe('postings in a snapshot', () => {
  it('restore the term index MiniSearch had, term for term', () => {
    const restored = loadedWithoutTerms();
    expect(restored.search('putin')).toEqual([]);
    expect(restorePostings(restored, encodePostings(search))).toBeUndefined();
    // As after MiniSearch's own loadJS, terms may iterate in another order: the tree is built afresh.
    const byTerm = (m: MiniSearch<Passage>) => {
      const { index, ...rest } = m.toJSON();
      return { ...rest, index: [...index].sort(([a], [b]) => a.localeCompare(b)) };
    };
    expect(byTerm(restored)).toEqual(byTerm(search));
    expect(restored.search('putin kim', { fuzzy: 0.2, prefix: true })).toEqual(
      search.search('putin kim', { fuzzy: 0.2, prefix: true }),
    );
  });

  it("leave MiniSearch's JSON of everything but its terms to MiniSearch", () => {
    expect(withoutTermIndex(search)).toEqual({ ...search.toJSON(), index: [] });
  });

  it('are refused, with the reason, when the numbers do not fit the terms', () => {
    const { terms, codes } = encodePostings(search);
    expect(
      restorePostings(loadedWithoutTerms(), { terms, codes: codes.subarray(0, codes.length - 3) }),
    ).toMatch(/end early$/);
    expect(restorePostings(loadedWithoutTerms(), { terms: terms.slice(0, -1), codes })).toMatch(
      /numbers left after the last term's postings$/,
    );
    expect(restorePostings(loadedWithoutTerms(), { terms: [...terms, 'extra'], codes })).toBe(
      'postings end before the term "extra"',
    );
  });
});
