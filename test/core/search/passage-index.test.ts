import { describe, expect, it } from 'vitest';
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
    expect(quote?.credit?.lopez).toBe(0.5);
    const reply = await desk.ask('What did Lopez say about the bridge?');
    expect(reply.kind).toBe('answer');
    // Cited on the first page; first or not is the fitted model's call (here a close one with ¶1).
    expect(reply.kind === 'answer' && reply.passages.map((p) => p.paragraph)).toContain(2);
  });
});
