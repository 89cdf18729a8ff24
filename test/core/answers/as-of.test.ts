import { describe, expect, it } from 'vitest';
import { runCommand } from '../../../src/core/commands/run-command.ts';
import { datedDesk } from '../../support/dated-desk.ts';

const desk = datedDesk();
const ask = (question: string, asOf?: Date) => runCommand(desk, { name: 'ask', question, asOf });
const citedArticles = async (question: string, asOf?: Date) => {
  const reply = await ask(question, asOf);
  return reply.kind === 'answer' ? reply.passages.map((p) => p.articleId) : [];
};

describe('asking as of a moment', () => {
  it('never cites an article published after the question was asked', async () => {
    const cited = await citedArticles(
      'How much did the harbour bridge repairs cost?',
      new Date('2022-06-20T12:00:00Z'),
    );
    expect(cited).toContain('june-report');
    expect(cited).not.toContain('july-report');
  });

  it('cites it once it is out', async () => {
    expect(
      await citedArticles('How much did the harbour bridge repairs cost?', new Date('2022-07-05T00:00:00Z')),
    ).toContain('july-report');
  });

  it('counts an article of the same day as out, and an undated one as always there', async () => {
    expect(await citedArticles('harbour bridge closed again', new Date('2022-07-02T08:00:00Z'))).toContain(
      'july-report',
    );
    expect(await citedArticles('ferries harbour bridge', new Date('2000-01-01T00:00:00Z'))).toEqual([
      'undated',
    ]);
  });

  it('says the articles do not cover a question only later articles answer', async () => {
    expect(
      (await ask('When did the harbour bridge close again?', new Date('2022-06-01T00:00:00Z'))).kind,
    ).toBe('not-covered');
  });
});
