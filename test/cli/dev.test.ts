/**
 * `npm run dev` with the console (issue 13, item 1): Enter sends the question to the console (nothing
 * restarts), and when the console ends (Ctrl+D) `dev` ends with it instead of waiting for changes.
 */
import { describe, expect, it } from 'vitest';
import { runProcess } from '../support/run-process.ts';

describe('npm run dev (scripts/dev.mjs)', () => {
  it('answers questions typed into the console, and ends when the input does', {
    timeout: 30_000,
  }, async () => {
    const { code, stdout, stderr } = await runProcess('node', ['scripts/dev.mjs'], {
      stdin: 'Who is Sergey Lavrov?\n\nWhere did Putin and Kim meet?\n',
      env: { SNAPSHOT_DIR: 'off', WATCH_ARTICLES: 'false' },
    });
    expect(stderr).not.toMatch(/restart/i);
    expect(stdout).toContain('Q: Who is Sergey Lavrov?');
    expect(stdout).toMatch(/Foreign Minister \*?Sergey/);
    expect(stdout).toContain('Q: Where did Putin and Kim meet?');
    expect(stdout.trimEnd().endsWith('Bye.')).toBe(true);
    expect(code).toBe(0);
  });
});
