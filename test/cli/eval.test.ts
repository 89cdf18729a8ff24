import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runProcess, TSX } from '../support/run-process.ts';

describe('npm run eval (src/cli/eval.ts)', () => {
  it('scores the seeds set by default, with plain MiniSearch beside Newsdesk', async () => {
    const { code, stdout } = await runProcess(TSX, ['src/cli/eval.ts']);
    expect(code).toBe(0);
    expect(stdout).toContain('Eval: eval/seeds-dev.jsonl (articles: seeds)');
    expect(stdout).toMatch(/measure +Newsdesk +MiniSearch +target +met/);
    expect(stdout).toMatch(/hit@1 \(answerable\) +\d+\.\d% +\d+\.\d% +≥ 95% +yes/);
    expect(stdout).toMatch(/expected phrase in answer +\d+\.\d% +— +≥ 90%/);
  });

  it('takes a question file and an articles folder, and asks each question as of its as_of', async () => {
    const file = join(await mkdtemp(join(tmpdir(), 'newsdesk-eval-')), 'dated.jsonl');
    const lines = [
      {
        id: 'a1',
        kind: 'direct',
        q: 'Who is Sergey Lavrov?',
        gold: [['004_0e424af2726a1a76', 8]],
        answer: 'Foreign Minister',
        as_of: '2025-09-03',
      },
      {
        id: 'o1',
        kind: 'out',
        q: 'What is the capital of France?',
        gold: [],
        answer: null,
        as_of: '2025-09-03',
      },
    ];
    await writeFile(file, `${lines.map((l) => JSON.stringify(l)).join('\n')}\n`);
    const { code, stdout } = await runProcess(TSX, ['src/cli/eval.ts', '--articles', 'seeds', file]);
    expect(code).toBe(0);
    expect(stdout).toContain('(articles: seeds; each question as of its as_of)');
    expect(stdout).toContain('2 questions (1 answerable, 1 out of scope)');
    expect(stdout).toMatch(/hit@1 \(answerable\) +100\.0% +100\.0% +≥ 80%/);
  });

  it('names an unknown flag or an unreadable file, with usage for the first, and exits non-zero', async () => {
    const flag = await runProcess(TSX, ['src/cli/eval.ts', '--artikles', 'x']);
    expect(flag.code).toBe(2);
    expect(flag.stderr).toContain("Unknown option '--artikles'");
    expect(flag.stderr).toContain('Usage: npm run eval');
    const missing = await runProcess(TSX, ['src/cli/eval.ts', 'no-such-set.jsonl']);
    expect(missing.code).toBe(1);
    expect(missing.stderr.trim()).toBe(
      'Newsdesk: cannot read the question file "no-such-set.jsonl" (ENOENT).',
    );
  });
});
