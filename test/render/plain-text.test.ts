import { describe, expect, it } from 'vitest';
import { runCommand } from '../../src/core/commands/run-command.ts';
import { renderPlainText } from '../../src/render/plain-text.ts';
import { seedDesk } from '../support/seed-desk.ts';

const desk = await seedDesk();
const ask = async (question: string) => renderPlainText(await runCommand(desk, { name: 'ask', question }));

describe('renderPlainText', () => {
  it('restates the question, gives the answer with matched words starred, then numbered citations', async () => {
    const text = await ask('When is Putin expected to travel to Vietnam?');
    expect(text).toMatch(/^Q: When is Putin expected to travel to Vietnam\?/);
    expect(text).toContain('A: *Putin* is *expected* to *travel* to *Vietnam* on Wednesday evening.');
    expect(text).toMatch(/\[1\] North Korean leader Kim Jong Un pledged .*— ¶5/);
    expect(text).toContain('2 articles · 30 paragraphs');
  });

  it('says plainly when the articles do not cover a question and lists what they do cover', async () => {
    const text = await ask('What is the capital of France?');
    expect(text).toContain("The articles don't cover that");
    expect(text).toContain('(004_0e424af2726a1a76)');
    expect(text).not.toMatch(/\[1\]/);
  });

  it('renders sources, an article paragraph, help and problems', async () => {
    expect(renderPlainText(await runCommand(desk, { name: 'sources' }))).toMatch(
      /^2 articles · 30 paragraphs \(Index built \d{4}-\d\d-\d\d \d\d:\d\d UTC\):/,
    );
    expect(renderPlainText(await runCommand(desk, { name: 'sources' }))).toMatch(
      /000_dd76f0093fce23e0 — .*\(17 ¶; DonegalLive\.ie\)/,
    );
    expect(renderPlainText(await runCommand(desk, { name: 'article', id: '004', paragraph: 9 }))).toContain(
      '¶9 (heading) Tense relationship',
    );
    expect(renderPlainText(await runCommand(desk, { name: 'help' }))).toContain('article <id> [paragraph]');
    expect(renderPlainText(await runCommand(desk, { name: 'ask', question: '' }))).toMatch(
      /Usage: ask <question>/,
    );
  });
});
