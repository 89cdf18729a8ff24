import { describe, expect, it } from 'vitest';
import { parseArticle } from '../../../src/core/articles/parse-article.ts';
import { Desk } from '../../../src/core/desk.ts';
import { PARAMS } from '../../../src/core/ranking/model.ts';
import type { Article } from '../../../src/core/types.ts';
import { deskData } from '../../support/desk-data.ts';
import { oneArticleDesk } from '../../support/one-article-desk.ts';

describe('names referred back to', () => {
  const desk = oneArticleDesk(
    'bridge',
    '---\ntitle: Harbour news\n---',
    'The transport minister, Ana Lopez, visited the harbour on Monday.',
    '“Nobody will pay a toll to cross the new bridge,” she said.',
    'The ferry will stop running in spring, the council said.',
  );

  it('credits a paragraph quoting "she" with the name the paragraph before gives', async () => {
    const ranked = await desk.rank('What did Lopez say about the bridge?');
    const quote = ranked?.ranked.find((h) => h.passage.paragraph === 2);
    expect(quote?.via?.lopez).toBe('referred');
    expect(quote?.credit?.lopez).toBe(PARAMS.credits.context);
    const reply = await desk.ask('What did Lopez say about the bridge?');
    expect(reply.kind).toBe('answer');
    // Cited on the first page; first or not is the fitted model's call (here a close one with ¶1).
    expect(reply.kind === 'answer' && reply.passages.map((p) => p.paragraph)).toContain(2);
  });
});

describe('match credits', () => {
  const article = parseArticle(
    'bridge',
    [
      '---\ntitle: Harbour news\n---',
      'The transport minister, Ana Lopez, visited the harbour on Monday.',
      '“Nobody will pay a toll to cross the new bridge,” she said.',
    ].join('\n\n'),
  ) as Article;

  it('counts a match by the credit the desk is given for its kind, the fitted one by default', async () => {
    const question = 'What did Lopez say about the bridge?';
    const quoteOf = async (desk: Desk) =>
      (await desk.rank(question))?.ranked.find((h) => h.passage.paragraph === 2);
    const fitted = await quoteOf(Desk.build([article], deskData));
    const other = await quoteOf(
      Desk.build([article], { ...deskData, credits: { ...PARAMS.credits, context: 0.2 } }),
    );
    expect(fitted?.credit?.lopez).toBe(PARAMS.credits.context);
    expect(other?.credit?.lopez).toBe(0.2);
    expect(other?.coverage).toBeLessThan(fitted?.coverage as number);
  });
});
