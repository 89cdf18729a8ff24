import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';

/** What a finished process printed. */
export interface ProcessResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Platform tokens cleared, so a developer's `.env` or shell never connects a test to a real service. */
const NO_PLATFORM = { DISCORD_TOKEN: '', SLACK_BOT_TOKEN: '', SLACK_APP_TOKEN: '', SLACK_SIGNING_SECRET: '' };

/**
 * Runs a command from the repository root (as a user would, e.g. `npx tsx src/main.ts`), feeding it
 * `stdin`, with the given extra environment. Platform tokens are cleared unless given, so a developer's
 * `.env` or shell never connects a test to a real service.
 */
export function runProcess(
  command: string,
  args: string[],
  options: { stdin?: string; env?: Record<string, string> } = {},
): Promise<ProcessResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      env: { ...process.env, ...NO_PLATFORM, ...options.env },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => {
      stdout += chunk;
    });
    child.stderr.on('data', (chunk) => {
      stderr += chunk;
    });
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(options.stdin ?? '');
  });
}

/** `tsx` from this repository's node_modules. */
export const TSX = 'node_modules/.bin/tsx';

/** `npm start`'s entry running as a process, with what it has written to stderr so far. */
export interface BotProcess {
  child: ChildProcessWithoutNullStreams;
  out: { stderr: string };
  /** Its exit code, once it has exited. */
  exited: Promise<number | null>;
  /** Kills it if it is still running (for a test's clean-up). */
  stop: () => void;
}

/**
 * Starts `npm start`'s entry (src/main.ts, through tsx) with the given environment: platform tokens
 * cleared unless given, articles not watched and no snapshot unless asked for.
 */
export function startBotProcess(env: Record<string, string>): BotProcess {
  const child = spawn(TSX, ['src/main.ts'], {
    env: { ...process.env, ...NO_PLATFORM, WATCH_ARTICLES: 'false', SNAPSHOT_DIR: 'off', ...env },
  });
  const out = { stderr: '' };
  child.stderr.on('data', (chunk) => {
    out.stderr += chunk;
  });
  const exited = new Promise<number | null>((resolve) => child.on('close', resolve));
  const stop = () => {
    if (child.exitCode === null) child.kill('SIGKILL');
  };
  return { child, out, exited, stop };
}
