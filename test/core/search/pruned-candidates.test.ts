import { afterEach, describe, expect, it, vi } from 'vitest';
import { parseArticle } from '../../../src/core/articles/parse-article.ts';
import { Desk } from '../../../src/core/desk.ts';
import { TermPostings } from '../../../src/core/search/minisearch/term-postings.ts';
import type { Article } from '../../../src/core/types.ts';
import { deskData } from '../../support/desk-data.ts';

/** A small seeded generator, so the corpus is the same on every run. */
function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

/**
 * 1,600 paragraphs of made-up filler words in which "harbour" is common (most paragraphs, often twice),
 * "bridge" fairly common, and "toll", "ferry" and "council" rare: a question with a common word and rare
 * ones, whose common word's postings are most of what a full scoring reads.
 */
function corpus(): Article[] {
  const random = rng(7);
  const filler = Array.from(
    { length: 400 },
    (_, i) => `zo${i.toString(26).replace(/\d/g, (d) => 'qrstuvwxyz'[Number(d)] as string)}ka`,
  );
  const pick = () => filler[Math.floor(random() * filler.length)] as string;
  const articles: Article[] = [];
  for (let a = 0; a < 200; a++) {
    const paragraphs: string[] = [];
    for (let p = 0; p < 8; p++) {
      const words = Array.from({ length: 15 + Math.floor(random() * 30) }, pick);
      const put = (word: string, share: number, most = 1) => {
        if (random() >= share) return;
        for (let n = 1 + Math.floor(random() * most); n > 0; n--)
          words.splice(Math.floor(random() * words.length), 0, word);
      };
      put('harbour', 0.85, 3);
      put('bridge', 0.7);
      put('toll', 0.06);
      put('ferry', 0.05);
      put('council', 0.04);
      paragraphs.push(`${words.join(' ')}.`);
    }
    const title = `${pick()} ${random() < 0.3 ? 'harbour' : pick()} ${pick()}`;
    const text = `---\ntitle: ${title}\npublished: 2024-05-${String(1 + (a % 28)).padStart(2, '0')}\n---\n\n${paragraphs.join('\n\n')}`;
    articles.push(parseArticle(`a${a}`, text) as Article);
  }
  return articles;
}

describe('candidates with a common word scored only where it can matter', () => {
  afterEach(() => vi.restoreAllMocks());

  it('finds the same candidates, scores, ranking and answers as scoring the common word everywhere', async () => {
    const articles = corpus();
    const options = { ...deskData, now: () => new Date('2024-06-01T00:00:00Z') };
    const asOf = new Date('2024-05-20T00:00:00Z');
    const questions = [
      'What did the council say about the harbour bridge?',
      'harbour toll ferry',
      'Was the harbour toll paid by the council?',
      'What happened at the harbour?',
    ];
    const desk = Desk.build(articles, options);
    // Scoring the common word in all its passages once records its highest score, which pruning needs.
    await desk.rank('harbour');
    const lookUps = vi.spyOn(TermPostings.prototype, 'scoreAmong');
    const best = vi.spyOn(TermPostings.prototype, 'byScore');
    for (const q of questions) {
      // A fresh desk asked first never prunes: it knows no word's highest score yet.
      const fresh = Desk.build(articles, options);
      const full = await fresh.rank(q, { asOf });
      const pruned = await desk.rank(q, { asOf });
      expect(pruned?.ranked.length).toBeGreaterThan(0);
      const rows = (r: typeof full) =>
        r?.ranked.map((h) => [
          h.passage.articleId,
          h.passage.paragraph,
          h.score,
          h.modelScore,
          [...h.features],
        ]);
      expect(rows(pruned)).toEqual(rows(full));
      expect(pruned?.confidence).toBe(full?.confidence);
      expect(await desk.ask(q, { asOf })).toEqual(await Desk.build(articles, options).ask(q, { asOf }));
    }
    // Asked as of a day before most articles came out, the date filter leaves out most of its passages.
    const early = new Date('2024-05-02T12:00:00Z');
    for (const q of ['What happened at the harbour?', 'harbour toll ferry']) {
      const full = await Desk.build(articles, options).rank(q, { asOf: early });
      const pruned = await desk.rank(q, { asOf: early });
      expect(pruned?.ranked.map((h) => [h.passage.articleId, h.passage.paragraph, h.score])).toEqual(
        full?.ranked.map((h) => [h.passage.articleId, h.passage.paragraph, h.score]),
      );
    }
    // The common word was looked up in the other words' passages only, for some of the questions.
    expect(lookUps).toHaveBeenCalled();
    // And its best passages were taken from its passages by score where the others' were too few.
    expect(best).toHaveBeenCalled();
  });
});
