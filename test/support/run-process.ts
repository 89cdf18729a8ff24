import { spawn } from 'node:child_process';

/** What a finished process printed. */
export interface ProcessResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

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
      env: {
        ...process.env,
        DISCORD_TOKEN: '',
        SLACK_BOT_TOKEN: '',
        SLACK_APP_TOKEN: '',
        SLACK_SIGNING_SECRET: '',
        ...options.env,
      },
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
