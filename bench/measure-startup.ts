/**
 * Start-up: wall time from spawning the real command to the first answer on its stdout (the line that
 * starts `Q:`), the way an operator would time `npm run ask -- "…"`.
 */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { median } from './stats.ts';

/** The repository root (the folder above `bench/`). */
export const REPO_ROOT = fileURLToPath(new URL('..', import.meta.url));

/** The commands timed, from the real one down to bare node, so the difference shows where time goes. */
export const STARTUP_COMMANDS = {
  npm: { label: 'npm run ask', argv: (q: string) => ['npm', 'run', 'ask', '--', q] },
  run: {
    label: 'node scripts/run.mjs ask (what npm runs)',
    argv: (q: string) => ['node', 'scripts/run.mjs', 'ask', q],
  },
  tsx: {
    label: 'node --import tsx src/cli/ask.ts',
    argv: (q: string) => ['node', '--import', 'tsx', 'src/cli/ask.ts', q],
  },
  node: { label: 'node -e (empty script)', argv: () => ['node', '-e', 'process.stdout.write("Q: \\n")'] },
} as const;

/** Start-up figures of one command on one corpus. */
export interface StartupResult {
  label: string;
  corpus: string;
  /** Median ms to the first answer. */
  ms: number;
  runs: number[];
}

/**
 * Spawns the command `runs` times (after `warmups` unmeasured runs) with `SEEDS_DIR` set, and
 * `SNAPSHOT_DIR` when `snapshotDir` is given (else as the environment has it: by default the snapshot in
 * `.newsdesk-cache/`, written by the first run and loaded by the next). `label` names the row.
 */
export async function measureStartup(
  command: keyof typeof STARTUP_COMMANDS,
  corpus: { label: string; dir: string },
  question: string,
  options: { runs: number; warmups: number; snapshotDir?: string; label?: string },
): Promise<StartupResult> {
  const { argv } = STARTUP_COMMANDS[command];
  const label = options.label ?? STARTUP_COMMANDS[command].label;
  const env: Record<string, string> = options.snapshotDir ? { SNAPSHOT_DIR: options.snapshotDir } : {};
  const runs: number[] = [];
  for (let i = 0; i < options.warmups + options.runs; i++) {
    const ms = await firstAnswer(argv(question), corpus.dir, env);
    if (i >= options.warmups) runs.push(ms);
  }
  return { label, corpus: corpus.label, ms: median(runs), runs };
}

/** Ms from spawn to the first `Q:` line on stdout; rejects if the command fails or never answers. */
function firstAnswer(
  argv: readonly string[],
  seedsDir: string,
  env: Record<string, string>,
): Promise<number> {
  return new Promise((resolve, reject) => {
    const start = performance.now();
    const [cmd, ...args] = argv as [string, ...string[]];
    const child = spawn(cmd, args, {
      cwd: REPO_ROOT,
      env: { ...process.env, SEEDS_DIR: seedsDir, npm_config_update_notifier: 'false', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    let answeredAt: number | undefined;
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      if (answeredAt !== undefined) return;
      out += chunk;
      if (/^Q: /m.test(out)) answeredAt = performance.now() - start;
    });
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
      err += chunk;
    });
    child.on('error', reject);
    child.on('close', (code) => {
      if (answeredAt !== undefined) resolve(answeredAt);
      else reject(new Error(`bench: ${argv.join(' ')} exited ${code} without answering: ${err.slice(-500)}`));
    });
  });
}
