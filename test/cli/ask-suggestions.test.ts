/**
 * Declining and suggesting, as `npm run ask` shows it (issue 13, item 5): a suggestion is a word spelt close to
 * what was typed, and markup pasted into a question is not searched.
 */
import { describe, expect, it } from 'vitest';
import { runProcess, TSX } from '../support/run-process.ts';

const ask = (question: string) => runProcess(TSX, ['src/cli/ask.ts', question]);

describe('suggestions and markup in questions', () => {
  it('suggests nothing spelt far from what was typed ("weather" is not "gathered")', async () => {
    const { code, stdout } = await ask("What's the weather in Pyongyang tomorrow?");
    expect(code).toBe(0);
    expect(stdout).toContain("The articles don't cover that");
    expect(stdout).not.toContain('gathered');
    expect(stdout).not.toContain('Did you mean');
  });

  it('suggests the words a misspelling is close to', async () => {
    const { stdout } = await ask('What did the sanctionz say in Kansas?');
    expect(stdout).toMatch(/Did you mean: .*\bsanctions\b/);
  });

  it('ignores <script>…</script> and other tags, and answers the rest', async () => {
    const json = await runProcess(TSX, ['src/cli/ask.ts', '--json', '<script>alert(1)</script> sanctions']);
    const answer = JSON.parse(json.stdout);
    expect(answer.answered).toBe(true);
    expect(answer.question).toBe('<script>alert(1)</script> sanctions');
    expect(answer.answer).toContain('sanctions');
    const bold = JSON.parse(
      (await runProcess(TSX, ['src/cli/ask.ts', '--json', 'Who is <b>Sergey Lavrov</b>?'])).stdout,
    );
    expect(bold.answer).toContain('Sergey Lavrov');
  });
});
