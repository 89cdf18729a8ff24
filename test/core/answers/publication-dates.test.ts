import { describe, expect, it } from 'vitest';
import { type DatesRead, newestAge, publicationDates } from '../../../src/core/answers/rank-question.ts';
import { articlesInMemory, type SummariesMade } from '../../../src/core/articles/article-source.ts';
import type { Article, ArticleMeta } from '../../../src/core/types.ts';

const meta = (id: string, published?: string): ArticleMeta => ({
  id,
  title: id,
  ...(published ? { published } : {}),
});

describe('publicationDates (made again after every in-place reload)', () => {
  it('lists the dated articles oldest first, and follows an article read again with another date', () => {
    // The dates read so far, as a desk keeps them between reloads.
    const made: DatesRead = new WeakMap();
    const harbour = meta('harbour', '2026-03-02');
    const market = meta('market', '2026-01-15');
    const undated = meta('undated');
    const before = publicationDates(new Map([harbour, market, undated].map((a) => [a.id, a])), made);
    expect(before.map((d) => d.published)).toEqual(['2026-01-15', '2026-03-02']);
    expect(publicationDates(new Map([harbour, market, undated].map((a) => [a.id, a])), made)).toEqual(before);

    // The file changed: a new object for the same id, dated later; and the undated one gets a date.
    const moved = meta('market', '2026-06-30');
    const dated = meta('undated', 'not a date');
    const after = publicationDates(new Map([harbour, moved, dated].map((a) => [a.id, a])), made);
    expect(after.map((d) => d.published)).toEqual(['2026-03-02', '2026-06-30']);
    expect(newestAge(after, new Date('2026-07-01T00:00:00Z'))).toBe(1);
  });
});

describe('articlesInMemory', () => {
  it('summarizes each article as it is: a new version of one is summarized anew', () => {
    const first: Article = { id: 'harbour', title: 'Harbour', paragraphs: [{ text: 'One.' }] } as Article;
    const again: Article = { ...first, paragraphs: [{ text: 'One.' }, { text: 'Two.' }] } as Article;
    const made: SummariesMade = new WeakMap();
    expect(articlesInMemory([first], made).summaries).toEqual([
      { id: 'harbour', title: 'Harbour', paragraphs: 1 },
    ]);
    expect(articlesInMemory([first], made).summaries).toEqual([
      { id: 'harbour', title: 'Harbour', paragraphs: 1 },
    ]);
    expect(articlesInMemory([again], made).summaries).toEqual([
      { id: 'harbour', title: 'Harbour', paragraphs: 2 },
    ]);
  });
});
