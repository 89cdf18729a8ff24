import { describe, expect, it } from 'vitest';
import { FEATURES } from '../../src/core/ranking/features.ts';
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

  it('explains with --explain every feature of each cited passage, the confidence and the threshold', async () => {
    const { code, stdout } = await runProcess(TSX, ['src/cli/ask.ts', '--explain', 'Who is Sergey Lavrov?']);
    expect(code).toBe(0);
    const why = stdout.slice(stdout.indexOf('Why (--explain):'));
    expect(why).toMatch(/Confidence 0\.\d+ \(threshold 0\.\d+\): answered/);
    for (const feature of FEATURES)
      expect(why).toMatch(new RegExp(`\\n  ${feature} +-?[\\d.]+ +-?[\\d.]+ +-?[\\d.]+`));
    expect(why).toMatch(/004_0e424af2726a1a76 ¶\d+: score -?\d/);

    const json = await runProcess(TSX, ['src/cli/ask.ts', '--json', '--explain', 'Who wrote Hamlet?']);
    const reply = JSON.parse(json.stdout);
    expect(reply.answered).toBe(false);
    expect(reply.explain.answered).toBe(false);
    expect(reply.explain.confidence).toBeLessThan(reply.explain.threshold);
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
      'Newsdesk: the articles folder "does-not-exist" does not exist. Set SEEDS_DIR to a folder of .txt, .md or .html files.',
    );
  });

  it.each([['--help'], ['-h']])('prints the usage for %s, exit 0, without answering', async (flag) => {
    const { code, stdout, stderr } = await runProcess(TSX, ['src/cli/ask.ts', flag]);
    expect(code).toBe(0);
    expect(stderr).toBe('');
    expect(stdout).toMatch(/^Usage: npm run ask -- \[options\] "your question"/);
    expect(stdout).toMatch(/--json\s+print one JSON object/);
    expect(stdout).toMatch(/-h, --help\s+show this help/);
    expect(stdout).not.toContain('Q:');
  });

  it('names an unknown flag instead of searching it, exit 2, in plain and JSON mode alike', async () => {
    for (const args of [
      ['--jsn', 'Who is Sergey Lavrov?'],
      ['--json', '--bacth', 'lavrov'],
    ]) {
      const { code, stdout, stderr } = await runProcess(TSX, ['src/cli/ask.ts', ...args]);
      expect(code).toBe(2);
      expect(stdout).toBe('');
      expect(stderr).toMatch(
        /^npm run ask: unknown option --(jsn \(did you mean --json\?\)|bacth \(did you mean --batch\?\))\n/,
      );
      expect(stderr).toContain('Usage: npm run ask');
    }
  });

  it('exits 2 with the usage for a missing question, in plain and JSON mode alike', async () => {
    for (const args of [[], ['--json'], ['--json', '  ']]) {
      const { code, stdout, stderr } = await runProcess(TSX, ['src/cli/ask.ts', ...args]);
      expect(code).toBe(2);
      expect(stdout).toBe('');
      expect(stderr).toMatch(/^npm run ask: no question given\n\nUsage:/);
    }
  });

  it('reads a question that starts with a dash after "--"', async () => {
    const { code, stdout } = await runProcess(TSX, ['src/cli/ask.ts', '--json', '--', '-who is lavrov']);
    expect(code).toBe(0);
    expect(JSON.parse(stdout)).toMatchObject({ question: '-who is lavrov', answered: true });
  });

  it('gives the whole title in JSON, where chat shows it shortened', async () => {
    const json = await runProcess(TSX, ['src/cli/ask.ts', '--json', 'Who is Sergey Lavrov?']);
    const { title } = JSON.parse(json.stdout).results[0];
    expect(title).toBe(
      'North Korean leader Kim Jong Un pledged full support for Russia before meeting with President Vladimir Putin in Pyongyang, according to AP News',
    );
    const plain = await runProcess(TSX, ['src/cli/ask.ts', 'Who is Sergey Lavrov?']);
    expect(plain.stdout).toContain(
      'North Korean leader Kim Jong Un pledged full support for Russia before meeting…',
    );
  });
});
