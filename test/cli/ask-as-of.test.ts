import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runProcess, TSX } from '../support/run-process.ts';

/** Two reports of the same story, a month apart, in a folder of their own. */
let env: Record<string, string>;
beforeAll(async () => {
  const dir = await mkdtemp(join(tmpdir(), 'newsdesk-as-of-'));
  const article = (title: string, published: string, text: string) =>
    `---\ntitle: ${title}\npublished: ${published}\n---\n${text}\n`;
  await writeFile(
    join(dir, 'june.txt'),
    article('Bridge reopens', '2022-06-10', 'The harbour bridge reopened after repairs costing $4 million.'),
  );
  await writeFile(
    join(dir, 'july.txt'),
    article(
      'Bridge shut again',
      '2022-07-02',
      'The harbour bridge closed again; repairs will now cost $9 million.',
    ),
  );
  env = { SEEDS_DIR: dir, SNAPSHOT_DIR: 'off' };
});

const QUESTION = 'How much did the harbour bridge repairs cost?';
const cited = (line: string) =>
  (JSON.parse(line) as { results: { article: string }[] }).results.map((r) => r.article);

describe('npm run ask -- --as-of, and dated --batch lines', () => {
  it('answers as of the day given: an article published after it is not cited', async () => {
    const before = await runProcess(TSX, ['src/cli/ask.ts', '--json', '--as-of', '2022-06-20', QUESTION], {
      env,
    });
    expect(before.code).toBe(0);
    expect(cited(before.stdout)).toEqual(['june']);
    const after = await runProcess(TSX, ['src/cli/ask.ts', '--json', '--as-of=2022-07-02', QUESTION], {
      env,
    });
    expect(cited(after.stdout)).toContain('july');
  });

  it('rejects a day that is not one, saying what it got, with exit status 2 and nothing on stdout', async () => {
    const { code, stdout, stderr } = await runProcess(
      TSX,
      ['src/cli/ask.ts', '--as-of', '2022-02-30', QUESTION],
      {
        env,
      },
    );
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toContain('npm run ask: --as-of needs a day, YYYY-MM-DD (got "2022-02-30")');
  });

  it('reads a batch line that is a JSON object as a question asked as of its day; plain lines as now', async () => {
    const stdin = [
      JSON.stringify({ question: QUESTION, as_of: '2022-06-20' }),
      QUESTION,
      JSON.stringify({ question: 'When did the harbour bridge close again?', as_of: '2022-06-01' }),
    ].join('\n');
    const { code, stdout } = await runProcess(TSX, ['src/cli/ask.ts', '--json', '--batch'], { env, stdin });
    expect(code).toBe(0);
    const lines = stdout.trim().split('\n');
    expect(lines).toHaveLength(3);
    // Output lines as for plain questions: the question as asked, nothing about the day.
    expect(Object.keys(JSON.parse(lines[0] ?? ''))).toEqual(['question', 'answered', 'answer', 'results']);
    expect(JSON.parse(lines[0] ?? '').question).toBe(QUESTION);
    expect(cited(lines[0] ?? '')).toEqual(['june']);
    expect(cited(lines[1] ?? '')).toContain('july');
    expect(JSON.parse(lines[2] ?? '').answered).toBe(false);
  });

  it('answers the other lines of a batch with a bad line, names the bad one, and exits 2', async () => {
    const stdin = [
      '{"question": "unfinished',
      JSON.stringify({ question: QUESTION, as_of: 'June' }),
      JSON.stringify({ question: QUESTION, as_of: '2022-06-20' }),
    ].join('\n');
    const { code, stdout, stderr } = await runProcess(TSX, ['src/cli/ask.ts', '--json', '--batch'], {
      env,
      stdin,
    });
    expect(code).toBe(2);
    const lines = stdout.trim().split('\n');
    expect(lines.map((l) => JSON.parse(l).answered)).toEqual([false, false, true]);
    expect(stderr).toContain('stdin line 1 is not valid JSON');
    expect(stderr).toContain('stdin line 2 has "as_of": "June", not a day YYYY-MM-DD');
  });
});
