/**
 * `npm start` after an uncaught exception: it logs the error, then exits non-zero so a supervisor starts a
 * fresh process, instead of answering on in an unknown state (issue 13, item 11).
 */
import { spawn } from 'node:child_process';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

describe('an uncaught exception in the running bot', () => {
  it('is logged, and the process exits with status 70', { timeout: 20_000 }, async () => {
    // A module loaded before main.ts whose timer throws once the console is up and waiting for input.
    const dir = await mkdtemp(path.join(tmpdir(), 'newsdesk-crash-'));
    const thrower = path.join(dir, 'throw-later.mjs');
    await writeFile(thrower, "setTimeout(() => { throw new Error('a bug nobody caught'); }, 2500);\n");
    const child = spawn(process.execPath, ['--import', 'tsx', '--import', thrower, 'src/main.ts'], {
      env: {
        ...process.env,
        DISCORD_TOKEN: '',
        SLACK_BOT_TOKEN: '',
        SNAPSHOT_DIR: 'off',
        WATCH_ARTICLES: 'false',
      },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c) => {
      stdout += c;
    });
    child.stderr.on('data', (c) => {
      stderr += c;
    });
    // stdin stays open: the console would wait for questions for ever.
    const killer = setTimeout(() => child.kill('SIGKILL'), 15_000);
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    clearTimeout(killer);
    expect(stdout).toContain('newsdesk>');
    expect(stderr).toContain('Uncaught exception: exiting');
    expect(stderr).toContain('a bug nobody caught');
    expect(code).toBe(70);
  });
});
