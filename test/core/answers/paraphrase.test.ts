import { describe, expect, it } from 'vitest';
import { parseArticle } from '../../../src/core/articles/parse-article.ts';
import { Desk } from '../../../src/core/desk.ts';
import type { AnswerReply, Article, Reply } from '../../../src/core/types.ts';
import { deskData } from '../../support/desk-data.ts';
import { seedDesk } from '../../support/seed-desk.ts';

// A small corpus answered with the committed word vectors (data/), as the bot answers.
const article = (id: string, title: string, paragraphs: string[]) =>
  parseArticle(
    id,
    ['---', `title: ${title}`, '---', ...paragraphs.flatMap((p) => [p, ''])].join('\n'),
  ) as Article;
const desk = Desk.build(
  [
    article('front', 'Fighting on the front', [
      'The general praised the courage of the soldiers who defended the town for a week.',
      'Heavy rain flooded the roads into the town on Tuesday.',
      'The mayor thanked volunteers for handing out bread and blankets.',
    ]),
    article('market', 'Prices at the market', [
      'Wheat prices rose by a fifth after the poor harvest, traders said.',
      'The central bank kept interest rates unchanged.',
    ]),
  ],
  deskData,
);
const plain = (reply: AnswerReply) => reply.answer.map((s) => s.text).join('');

function answer(reply: Reply): AnswerReply {
  expect(reply.kind).toBe('answer');
  return reply as AnswerReply;
}

describe('answering paraphrased questions', () => {
  it('finds the paragraph about soldiers when asked about fighters', async () => {
    const reply = answer(await desk.ask('What did the general say about the fighters?'));
    expect(reply.passages[0]).toMatchObject({ articleId: 'front', paragraph: 1 });
    expect(plain(reply)).toContain('courage');
  });

  it('finds the paragraph about a harvest when asked about crops', async () => {
    const reply = answer(await desk.ask('Why did wheat prices go up after the crop?'));
    expect(reply.passages[0]).toMatchObject({ articleId: 'market', paragraph: 1 });
  });

  it.each([
    'What is the capital of France?',
    'what is the capital of france',
    'Who wrote Hamlet?',
    'How tall is Mount Everest?',
    "What's the weather in London tomorrow?",
    'Who won the football match?',
    'asdfghjkl',
  ])('still declines what the articles do not cover: %s', async (question) => {
    expect((await desk.ask(question)).kind).toBe('not-covered');
  });
});

describe('answering paraphrased questions on the seeds', async () => {
  const seeds = await seedDesk();

  it.each([
    'what is the capital of france',
    'Who is the prime minister of Japan?',
    "What's the weather in London tomorrow?",
    'Which party won the UK election?',
    'How many people live in Brazil?',
  ])('declines what the articles do not cover: %s', async (question) => {
    expect((await seeds.ask(question)).kind).toBe('not-covered');
  });
});
