import { describe, expect, it } from 'vitest';
import { runCommand } from '../../../src/core/commands/run-command.ts';
import { seedDesk } from '../../support/seed-desk.ts';

const desk = await seedDesk();

describe('runCommand', () => {
  it('lists the sources with paragraph counts and publisher', async () => {
    const reply = await runCommand(desk, { name: 'sources' });
    expect(reply).toMatchObject({ kind: 'sources', stats: { articles: 2, paragraphs: 30 } });
    if (reply.kind === 'sources') {
      expect(reply.articles[0]).toMatchObject({
        id: '000_dd76f0093fce23e0',
        paragraphs: 17,
        source: 'DonegalLive.ie',
      });
    }
  });

  it('shows one paragraph of an article, found by id or a unique part of it', async () => {
    expect(
      await runCommand(desk, { name: 'article', id: '004_0e424af2726a1a76', paragraph: 5 }),
    ).toMatchObject({
      kind: 'article',
      paragraph: { n: 5, text: 'Putin is expected to travel to Vietnam on Wednesday evening.' },
    });
    expect(await runCommand(desk, { name: 'article', id: '004', paragraph: 9 })).toMatchObject({
      paragraph: { n: 9, kind: 'heading' },
    });
  });

  it("shows an article's outline when no paragraph is given", async () => {
    const reply = await runCommand(desk, { name: 'article', id: '000_dd76f0093fce23e0' });
    expect(reply.kind === 'article' && reply.outline?.length).toBe(17);
  });

  it('explains an unknown article or paragraph kindly', async () => {
    expect(await runCommand(desk, { name: 'article', id: 'nope' })).toMatchObject({
      kind: 'problem',
      code: 'unknown-article',
    });
    expect(await runCommand(desk, { name: 'article', id: '004', paragraph: 99 })).toMatchObject({
      kind: 'problem',
      code: 'unknown-paragraph',
      message: expect.stringContaining('1 to 13'),
    });
  });

  it('lists every command in help', async () => {
    const reply = await runCommand(desk, { name: 'help' });
    expect(reply.kind === 'help' && reply.commands.map((c) => c.name)).toEqual([
      'ask',
      'sources',
      'article',
      'help',
    ]);
  });
});
