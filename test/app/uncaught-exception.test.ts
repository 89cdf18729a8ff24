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
  it('is logged, and the process exits with status 70', { timeout: 30_000 }, async () => {
    // A module loaded before main.ts that throws, outside every handler, when told to (SIGUSR2): once the
    // console is up and waiting for input, however long start-up takes on a busy machine.
    const dir = await mkdtemp(path.join(tmpdir(), 'newsdesk-crash-'));
    const thrower = path.join(dir, 'throw-on-signal.mjs');
    await writeFile(
      thrower,
      "process.on('SIGUSR2', () => setImmediate(() => { throw new Error('a bug nobody caught'); }));\n",
    );
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
    let told = false;
    child.stdout.on('data', (c) => {
      stdout += c;
      if (!told && stdout.includes('newsdesk>')) told = child.kill('SIGUSR2');
    });
    child.stderr.on('data', (c) => {
      stderr += c;
    });
    // stdin stays open: the console would wait for questions for ever.
    const killer = setTimeout(() => child.kill('SIGKILL'), 25_000);
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    clearTimeout(killer);
    expect(stdout).toContain('newsdesk>');
    expect(stderr).toContain('Uncaught exception: exiting');
    expect(stderr).toContain('a bug nobody caught');
    expect(code).toBe(70);
  });
});
