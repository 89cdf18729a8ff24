import { describe, expect, it } from 'vitest';
import { runProcess, TSX } from '../support/run-process.ts';

describe('npm run ask (src/cli/ask.ts)', () => {
  it('prints exactly one JSON object in the agreed shape with --json', async () => {
    const { code, stdout } = await runProcess(TSX, [
      'src/cli/ask.ts',
      '--json',
      'How many troops has North Korea sent?',
    ]);
    expect(code).toBe(0);
    const lines = stdout.trim().split('\n');
    expect(lines).toHaveLength(1);
    const answer = JSON.parse(lines[0] ?? '');
    expect(Object.keys(answer)).toEqual(['question', 'answered', 'answer', 'results']);
    expect(answer).toMatchObject({ question: 'How many troops has North Korea sent?', answered: true });
    expect(answer.answer).toContain('15,000');
    expect(answer.results[0]).toMatchObject({ article: '000_dd76f0093fce23e0', paragraph: 5 });
  });

  it('answers one question per stdin line, in order, with --json --batch', async () => {
    const { code, stdout } = await runProcess(TSX, ['src/cli/ask.ts', '--json', '--batch'], {
      stdin: 'Who is Sergey Lavrov?\nWhat is the capital of France?\n\nlavrov\n',
    });
    expect(code).toBe(0);
    const answers = stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(answers.map((a) => [a.question, a.answered])).toEqual([
      ['Who is Sergey Lavrov?', true],
      ['What is the capital of France?', false],
      ['', false],
      ['lavrov', true],
    ]);
  });

  it('answers in plain text without --json', async () => {
    const { code, stdout } = await runProcess(TSX, ['src/cli/ask.ts', 'Who is Sergey Lavrov?']);
    expect(code).toBe(0);
    expect(stdout).toMatch(/^Q: Who is Sergey Lavrov\?/);
    expect(stdout).toContain('Foreign Minister *Sergey Lavrov*');
  });

  it('exits non-zero with one clear line when the articles folder is missing', async () => {
    const { code, stdout, stderr } = await runProcess(TSX, ['src/cli/ask.ts', '--json', 'anything'], {
      env: { SEEDS_DIR: 'does-not-exist' },
    });
    expect(code).toBe(1);
    expect(stdout).toBe('');
    expect(stderr.trim()).toBe(
      'Newsdesk: the articles folder "does-not-exist" does not exist. Set SEEDS_DIR to a folder of .txt or .md files.',
    );
  });
});
