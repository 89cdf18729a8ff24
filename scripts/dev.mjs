/**
 * `npm run dev`: `npm start` again whenever a file in `src/` changes. Each run goes through
 * `scripts/run.mjs`, so it runs the bundle in `dist/`, rebuilt first when the sources changed: the same
 * path as `npm start`. The bot owns the terminal — Enter, Ctrl+C and Ctrl+D reach it (the console reads a
 * question; Ctrl+C clears a line or, on an empty one twice, quits) — and when it ends by itself (Ctrl+D,
 * `/quit`, a signal) so does this; after a crash (or a build error) it waits for the next change.
 */
import { spawn } from 'node:child_process';
import { watch } from 'node:fs';
import { constants } from 'node:os';
import { fileURLToPath } from 'node:url';

const ROOT = new URL('../', import.meta.url);
const RUN = fileURLToPath(new URL('scripts/run.mjs', ROOT));
/** Quiet time after the last change before restarting (an editor saves several files at once). */
const SETTLE_MS = 200;

let child;
let restarting = false;
let timer;

function start() {
  child = spawn(process.execPath, [RUN, 'main', ...process.argv.slice(2)], { stdio: 'inherit' });
  child.on('exit', (code, signal) => {
    child = undefined;
    if (restarting) {
      restarting = false;
      start();
    } else if (code === 0 || signal === 'SIGINT' || signal === 'SIGTERM') {
      process.exit(code ?? 128 + constants.signals[signal]);
    } else {
      process.stderr.write(
        `[dev] exited with ${code === null ? signal : `status ${code}`}; waiting for a change in src/…\n`,
      );
    }
  });
}

function restart() {
  process.stderr.write('\n[dev] src/ changed: restarting…\n');
  if (!child) return start();
  restarting = true;
  child.kill('SIGTERM');
}

watch(new URL('src/', ROOT), { recursive: true }, () => {
  clearTimeout(timer);
  timer = setTimeout(restart, SETTLE_MS);
});
// Ctrl+C at the terminal reaches the bot too, which decides (a console clears the line; a server shuts
// down and exits): this process only follows it.
process.on('SIGINT', () => {});
process.on('SIGTERM', () => (child ? child.kill('SIGTERM') : process.exit(0)));
start();
