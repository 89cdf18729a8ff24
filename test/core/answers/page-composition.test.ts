import { describe, expect, it } from 'vitest';
import { runCommand } from '../../../src/core/commands/run-command.ts';
import { Desk } from '../../../src/core/desk.ts';
import { datedArticle } from '../../support/dated-desk.ts';
import { deskData } from '../../support/desk-data.ts';

const QUESTION = 'How much did the council pay for the harbour bridge repairs?';
const asOf = new Date('2022-06-20T12:00:00Z');

/**
 * The story's report (three paragraphs on the bridge repairs) and another article that also speaks of the
 * harbour bridge repairs, published `otherPublished`.
 */
function desk(otherPublished: string | undefined): Desk {
  return Desk.build(
    [
      datedArticle(
        'report',
        '2022-06-15',
        [
          'The council paid $4 million for the harbour bridge repairs, the mayor said.',
          'The harbour bridge repairs took the council three months; the council paid the builders in May.',
          'Engineers said the repairs to the harbour bridge, which the council paid for, should last thirty years.',
          'Traffic returned to normal on Friday.',
        ].join('\n\n'),
      ),
      datedArticle(
        'other',
        otherPublished,
        'Residents said the council paid $2 million more for the harbour bridge repairs than planned.',
      ),
    ],
    deskData,
  );
}

async function firstPage(d: Desk): Promise<string[]> {
  const reply = await runCommand(d, { name: 'ask', question: QUESTION, asOf });
  if (reply.kind !== 'answer') throw new Error(`expected an answer, got ${reply.kind}`);
  return reply.passages.map((p) => `${p.articleId}#${p.paragraph}`);
}

describe('the first page', () => {
  it('cites another article beside the best one when it tells the same story (published days apart)', async () => {
    const page = await firstPage(desk('2022-06-13'));
    expect(page[0]).toBe('report#1');
    expect(page).toContain('other#1');
  });

  it('keeps the best article’s passages when the other article is from another week', async () => {
    const page = await firstPage(desk('2022-05-01'));
    expect(page[0]).toBe('report#1');
    expect(page.every((cited) => cited.startsWith('report#'))).toBe(true);
    expect(page).toHaveLength(3);
  });

  it('cites an undated article beside it: it could tell the same story', async () => {
    expect(await firstPage(desk(undefined))).toContain('other#1');
  });
});
