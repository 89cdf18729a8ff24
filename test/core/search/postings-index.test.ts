import MiniSearch from 'minisearch';
import { describe, expect, it } from 'vitest';
import {
  INDEX_TOKENIZER,
  passagesOf,
  SEARCH_FIELDS,
  searchOptions,
} from '../../../src/core/search/minisearch/passage-index.ts';
import { PostingsIndex } from '../../../src/core/search/minisearch/postings-index.ts';
import { TermPostings } from '../../../src/core/search/minisearch/term-postings.ts';
import { silentLogger } from '../../../src/core/types.ts';
import { loadArticles } from '../../../src/load/load-articles.ts';

const passages = passagesOf(await loadArticles('seeds', silentLogger));
const boost = { text: 1, heading: 0.5, title: 0.35 };
const TERMS = ['putin', 'kim', 'troop', 'russia', 'korea', 'ukrain'];

function indexOf(list = passages): PostingsIndex {
  const index = PostingsIndex.empty(SEARCH_FIELDS, INDEX_TOKENIZER);
  for (const passage of list) index.add(passage);
  return index;
}

/** Each term's scores in every passage, as MiniSearch gives them. */
function miniSearchScores(search: MiniSearch, terms = TERMS) {
  return terms.map((term) => {
    const found: [number, number][] = [];
    search.search(term, {
      boost,
      tokenize: (t) => [t],
      processTerm: (t) => t,
      filter: (r) => {
        found.push([r.id, r.score]);
        return false;
      },
    });
    return found.sort((a, b) => a[0] - b[0]);
  });
}

function scores(index: PostingsIndex, terms = TERMS) {
  const postings = new TermPostings(index, boost);
  return terms.map((term) => {
    const found: [number, number][] = [];
    postings.scoreTerm(term, 1, (id, score) => found.push([id, score]));
    return found.sort((a, b) => a[0] - b[0]);
  });
}

describe('PostingsIndex', () => {
  it('scores, after passages are removed and added in place, exactly as MiniSearch after the same', () => {
    const search = new MiniSearch(searchOptions());
    search.addAll(passages);
    const index = PostingsIndex.of(indexOf().encode(), SEARCH_FIELDS, INDEX_TOKENIZER);
    const gone = passages.filter((p) => p.id % 3 === 0);
    const back = gone.slice(0, 4).map((p, i) => ({ ...p, id: passages.length + i }));
    for (const p of gone) {
      search.remove(p);
      index.remove(p);
    }
    for (const p of back) {
      search.add(p);
      index.add(p);
    }
    expect(index.documentCount).toBe(search.documentCount);
    expect(scores(index)).toEqual(miniSearchScores(search));
    expect(scores(index).flat().length).toBeGreaterThan(10);
  });

  it('writes only the live postings, which read back to the same scores', () => {
    const index = indexOf();
    for (const p of passages.slice(0, 5)) index.remove(p);
    const again = PostingsIndex.of(index.encode(), SEARCH_FIELDS, INDEX_TOKENIZER);
    expect(scores(again)).toEqual(scores(index));
    const written = index.encode();
    expect(written.docs.every((id) => id >= 5)).toBe(true);
    expect(written.documentCount).toBe(passages.length - 5);
  });

  it('lists the terms beginning with a prefix, and no term whose every passage was removed', () => {
    const index = indexOf();
    const pyong = [...index.termsStartingWith('pyong')];
    expect(pyong.length).toBeGreaterThan(0);
    expect(pyong.every((t) => t.startsWith('pyong'))).toBe(true);
    const holders = passages.filter((p) => new TermPostings(index, boost).has(pyong[0] as string, p.id));
    for (const p of holders) index.remove(p);
    expect([...index.termsStartingWith('pyong')]).not.toContain(pyong[0]);
  });

  it('refuses data that does not hold together, saying what is wrong', () => {
    const data = indexOf(passages.slice(0, 6)).encode();
    expect(() =>
      PostingsIndex.of({ ...data, terms: data.terms.slice(1) }, SEARCH_FIELDS, INDEX_TOKENIZER),
    ).toThrow(/^Newsdesk: postings positions for/);
    expect(() =>
      PostingsIndex.of({ ...data, documentCount: data.documentCount + 1 }, SEARCH_FIELDS, INDEX_TOKENIZER),
    ).toThrow(/passages indexed, field lengths for/);
    expect(() =>
      PostingsIndex.of({ ...data, docs: data.docs.map(() => 999) }, SEARCH_FIELDS, INDEX_TOKENIZER),
    ).toThrow(/postings of passage 999/);
  });

  it('refuses to index a passage twice or remove one it does not hold', () => {
    const index = indexOf(passages.slice(0, 2));
    expect(() => index.add(passages[0] as (typeof passages)[number])).toThrow(/indexed already/);
    expect(() => index.remove(passages[3] as (typeof passages)[number])).toThrow(/not indexed/);
  });
});
