import { describe, expect, it } from 'vitest';
import { runCommand } from '../../src/core/commands/run-command.ts';
import { renderJson } from '../../src/render/json.ts';
import { seedDesk } from '../support/seed-desk.ts';

const desk = await seedDesk();

describe('renderJson', () => {
  it('gives the answer sentence as plain text and the cited passages best first', async () => {
    const q = 'Who is Jo Yong Won?';
    const json = renderJson(q, await runCommand(desk, { name: 'ask', question: q }));
    expect(json.question).toBe(q);
    expect(json.answered).toBe(true);
    expect(json.answer).toContain('top aide and ruling party secretary Jo Yong Won');
    expect(json.results[0]).toMatchObject({ article: '004_0e424af2726a1a76', paragraph: 7 });
    expect(Object.keys(json.results[0] ?? {}).sort()).toEqual([
      'article',
      'paragraph',
      'score',
      'text',
      'title',
    ]);
    const scores = json.results.map((r) => r.score);
    expect([...scores].sort((a, b) => b - a)).toEqual(scores);
  });

  it('reports a declined question with no answer and no results', async () => {
    const q = 'Who wrote Hamlet?';
    expect(renderJson(q, await runCommand(desk, { name: 'ask', question: q }))).toEqual({
      question: q,
      answered: false,
      answer: null,
      results: [],
    });
  });
});
