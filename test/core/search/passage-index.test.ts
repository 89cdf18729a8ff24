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

  it('credits a paragraph quoting "she" with the name the paragraph before gives', () => {
    const reply = desk.ask('What did Lopez say about the bridge?');
    expect(reply.kind).toBe('answer');
    expect(reply.kind === 'answer' && reply.passages[0]?.paragraph).toBe(2);
  });
});
