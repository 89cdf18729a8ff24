import { describe, expect, it } from 'vitest';
import { ARTICLE_PARAGRAPHS, articleFileText, generateCorpus } from '../../bench/generate-corpus.ts';
import { generateQuestions } from '../../bench/generate-questions.ts';
import { parseArticle } from '../../src/core/articles/parse-article.ts';
import type { Article } from '../../src/core/types.ts';

const parse = (paragraphs: number, seed = 1): Article[] =>
  generateCorpus({ paragraphs, seed }).map((a) => parseArticle(a.id, articleFileText(a)) as Article);

describe('generateCorpus', () => {
  it('gives the same articles for the same seed and different ones for another', () => {
    const text = (seed: number) => generateCorpus({ paragraphs: 300, seed }).map(articleFileText).join('\n');
    expect(text(3)).toBe(text(3));
    expect(text(4)).not.toBe(text(3));
  });

  it.each([1, 3, 4, 20, 21, 997, 2000])('writes exactly %i paragraphs, 4–20 an article', (size) => {
    const articles = generateCorpus({ paragraphs: size, seed: 2 });
    expect(articles.reduce((n, a) => n + a.paragraphs.length, 0)).toBe(size);
    if (size >= ARTICLE_PARAGRAPHS.min) {
      for (const a of articles) {
        expect(a.paragraphs.length).toBeGreaterThanOrEqual(ARTICLE_PARAGRAPHS.min);
        expect(a.paragraphs.length).toBeLessThanOrEqual(ARTICLE_PARAGRAPHS.max);
      }
    }
  });

  it('writes files Newsdesk reads back as that many citable body paragraphs of about 60 words', () => {
    const articles = parse(1000);
    const paragraphs = articles.flatMap((a) => a.paragraphs);
    expect(paragraphs).toHaveLength(1000);
    expect(paragraphs.every((p) => p.kind === 'body')).toBe(true);
    const words = paragraphs.reduce((n, p) => n + p.text.split(/\s+/).length, 0) / paragraphs.length;
    expect(words).toBeGreaterThan(50);
    expect(words).toBeLessThan(75);
    expect(articles[0]?.title).toBe(generateCorpus({ paragraphs: 1000, seed: 1 })[0]?.title);
  });
});

describe('generateQuestions', () => {
  const articles = parse(2000);
  const questions = generateQuestions(articles, { count: 200 });

  it('keeps seven answerable, two misspelled and one unanswerable question in every ten', () => {
    for (let i = 0; i < questions.length; i += 10) {
      const kinds = questions.slice(i, i + 10).map((q) => q.kind);
      expect(kinds.filter((k) => k === 'answerable')).toHaveLength(7);
      expect(kinds.filter((k) => k === 'misspelled')).toHaveLength(2);
      expect(kinds.filter((k) => k === 'unanswerable')).toHaveLength(1);
    }
  });

  it('is deterministic and draws answerable questions from a real paragraph', () => {
    expect(generateQuestions(articles, { count: 200 })).toEqual(questions);
    const words = new Set(
      articles.flatMap((a) => a.paragraphs.flatMap((p) => p.text.toLowerCase().split(/\W+/))),
    );
    for (const q of questions) {
      if (q.kind === 'unanswerable') {
        expect(q.source).toBeUndefined();
        continue;
      }
      const article = articles.find((a) => a.id === q.source?.articleId);
      expect(article?.paragraphs.some((p) => p.n === q.source?.paragraph)).toBe(true);
      if (q.kind === 'misspelled') {
        expect(q.text).toContain(q.typo?.typed);
        expect(words.has(q.typo?.typed.toLowerCase() ?? '')).toBe(false);
      }
    }
  });
});
