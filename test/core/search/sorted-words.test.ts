import SearchableMap from 'minisearch/SearchableMap';
import { describe, expect, it } from 'vitest';
import { analyzeText } from '../../../src/core/search/analyze.ts';
import { SortedWords } from '../../../src/core/search/sorted-words.ts';
import { silentLogger } from '../../../src/core/types.ts';
import { loadArticles } from '../../../src/load/load-articles.ts';

const articles = await loadArticles('seeds', silentLogger);
const vocabulary = [
  ...new Set(articles.flatMap((a) => a.paragraphs.flatMap((p) => analyzeText(p.text)))),
].filter((w) => w.length > 1);

describe('SortedWords', () => {
  const tree = new SearchableMap<number>();
  for (const [i, w] of vocabulary.entries()) tree.set(w, i);
  const words = SortedWords.of(
    vocabulary,
    vocabulary.map((_, i) => i),
  );
  const queries = [
    ...vocabulary.slice(0, 60),
    'kimm',
    'troosp',
    'pyonyang',
    'rusia',
    'zz',
    'soldirs',
    'north',
  ];

  it.each([1, 2])('finds the words within %i edits, with their distance, as a radix tree does', (k) => {
    for (const q of queries) {
      const expected = [...tree.fuzzyGet(q, k)].map(([w, [v, d]]) => `${w}:${v}:${d}`).sort();
      const actual = [...words.fuzzyGet(q, k)].map(([w, [v, d]]) => `${w}:${v}:${d}`).sort();
      expect(actual, q).toEqual(expected);
    }
  });

  it('searches only the words that begin with a prefix when given one', () => {
    for (const q of queries.filter((w) => w.length > 3)) {
      const first = q[0] as string;
      const expected = [...tree.atPrefix(first).fuzzyGet(q.slice(1), 2)].map(
        ([w, [, d]]) => `${first}${w}:${d}`,
      );
      const actual = [...words.fuzzyGet(q, 2, first)].map(([w, [, d]]) => `${w}:${d}`);
      expect(actual.sort(), q).toEqual(expected.sort());
    }
  });

  it('lists the words a prefix begins, and follows words set and deleted', () => {
    expect([...words.keysStartingWith('kor')]).toEqual([...tree.atPrefix('kor').keys()].sort());
    words.set('korzz', -1);
    expect(words.get('korzz')).toBe(-1);
    expect([...words.keysStartingWith('korz')]).toEqual(['korzz']);
    words.delete('korzz');
    expect(words.has('korzz')).toBe(false);
    expect(words.size).toBe(vocabulary.length);
  });

  it('sorts in steps as at once, a word given twice keeping its later value', () => {
    const list = ['b', 'a', 'c', 'a', ...vocabulary];
    const values = list.map((_, i) => i);
    const sorting = SortedWords.sorting(list, values);
    let steps = 0;
    let step = sorting.next();
    while (!step.done) {
      steps++;
      step = sorting.next();
    }
    const sorted = step.value;
    expect(steps).toBeGreaterThan(0);
    expect(sorted.get('a')).toBe(3);
    expect([...sorted.keysStartingWith('')]).toEqual([...new Set(list)].sort());
  });
});
