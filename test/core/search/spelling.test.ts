import { describe, expect, it } from 'vitest';
import { parseArticle } from '../../../src/core/articles/parse-article.ts';
import { Desk } from '../../../src/core/desk.ts';
import type { Article } from '../../../src/core/types.ts';
import { deskData } from '../../support/desk-data.ts';

const article = (id: string, text: string) => parseArticle(id, text) as Article;
const desk = Desk.build(
  [
    article('harbour', 'The harbour authority ordered new cranes for the container terminal.'),
    article('bakery', 'The village bakery sells fresh bread every morning.'),
    article('ferry', 'Ferries cross to the island twice a day in summer.'),
    article('choir', 'The parish choir rehearses hymns on Thursdays.'),
    article('envoy', 'The new envoy, Li Bao Wen, arrived in the capital with a trade delegation.'),
    article('king', 'The old king will rule the valley for ten more years.'),
    article('talks', 'The fishing talks reached a deal on Friday.'),
  ],
  deskData,
);
const cited = async (q: string) => {
  const reply = await desk.ask(q);
  return reply.kind === 'answer' ? reply.passages[0]?.articleId : reply.kind;
};

describe('misspelled questions', () => {
  it('reads a swap of neighbouring letters in a middling word as one slip', async () => {
    expect(await cited('contianer')).toBe('harbour');
  });

  it('corrects a slip that changes how the word is stemmed, by the words as the articles write them', async () => {
    // "hymms" stems to "hymm" (one edit from "hymn") but "ferires" to "ferir", two from "ferri" (Ferries).
    expect(await cited('ferires to the island')).toBe('ferry');
    expect(await cited('When do they rehearse hymms?')).toBe('choir');
  });

  it('corrects a three-letter name to the one name a letter away', async () => {
    expect(await cited('Who is Li Bao Wan?')).toBe('envoy');
    expect(await cited('Who is the Pope?')).toBe('not-covered');
  });

  it('reads a swap of neighbouring letters in a short word as one slip', async () => {
    expect(await cited('braed')).toBe('bakery');
  });

  it('corrects a slip in a form of a word the articles write only in another form', async () => {
    // "ruledd" is one slip from "ruled", which the articles never write but which stems to their "rule".
    expect(await cited('ruledd')).toBe('king');
  });

  it('does not take an unrelated word for a misspelling', async () => {
    expect(await cited('Who wrote Hamlet?')).toBe('not-covered');
  });

  it('takes a common English word as meant, not as a slip of a word the articles use', async () => {
    // "reacted" is one letter from "reached", but a reader who typed it meant it.
    expect(await cited('reacted')).toBe('not-covered');
    expect(await cited('reachd')).toBe('talks');
  });
});

describe('slips in question words', () => {
  it('answers a question with a misspelled question word as if it were spelled right', async () => {
    const right = await desk.ask('What does the bakery sell?');
    const slipped = await desk.ask('Waht dose the bakery sell?');
    expect(slipped.kind).toBe('answer');
    expect(slipped.kind === 'answer' && slipped.passages[0]?.articleId).toBe(
      right.kind === 'answer' && right.passages[0]?.articleId,
    );
  });
});
