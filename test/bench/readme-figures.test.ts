import { describe, expect, it } from 'vitest';
import { type BenchResults, withReadmeFigures } from '../../bench/report.ts';

const results = {
  startedAt: '2026-11-22T17:30:00.000Z',
  code: 'abc1234',
  durationS: 454,
  machine: {
    cpus: 2,
    model: 'Test CPU',
    memoryGB: 24,
    node: 'v20.20.2',
    platform: 'linux 6',
    loadAverage: [0.5, 1.5],
  },
  targets: [
    { target: 'full ask p99 ≤ 25 ms (100k)', measured: '13.7 ms', met: true },
    { target: 'adapters add ≤ 2 ms p50 over the core', measured: 'discord +2.2 ms', met: false },
  ],
} as unknown as BenchResults;

const START = '<!-- bench figures: rewritten by a full `npm run bench` -->';
const END = '<!-- end of bench figures -->';

describe('withReadmeFigures', () => {
  it('rewrites only the block between the markers, with the machine and the targets', () => {
    const readme = `# Title\n\nBefore.\n\n${START}\nold figures\n${END}\n\nAfter.\n`;
    const updated = withReadmeFigures(readme, results, 'npm run bench');
    expect(updated.startsWith('# Title\n\nBefore.\n\n')).toBe(true);
    expect(updated.endsWith(`${END}\n\nAfter.\n`)).toBe(true);
    expect(updated).not.toContain('old figures');
    expect(updated).toContain(
      'Taken 2026-11-22 17:30 UTC with `npm run bench` (454 s), code at abc1234, on\n2 × Test CPU',
    );
    expect(updated).toContain('| full ask p99 ≤ 25 ms (100k) | 13.7 ms | yes |');
    expect(updated).toContain('| adapters add ≤ 2 ms p50 over the core | discord +2.2 ms | NO |');
    expect(withReadmeFigures(updated, results, 'npm run bench')).toBe(updated);
  });

  it('leaves a README without the markers as it is', () => {
    const readme = `# Title\n\n${START}\nno end marker\n`;
    expect(withReadmeFigures(readme, results, 'npm run bench')).toBe(readme);
  });
});
