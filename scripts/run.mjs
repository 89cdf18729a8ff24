/**
 * `npm start`, `npm run ask`, `npm run eval`, `npm run deploy:discord`: `node scripts/run.mjs <entry> [args…]`
 * runs that entry point from the bundle in `dist/` — the one way Newsdesk runs. `npm ci` builds it
 * (`prepare`); when a source file changed since, it is rebuilt first (esbuild, ~0.3 s), so an edit is
 * never answered by stale code and nothing has to be rebuilt by hand.
 */
import { spawn } from 'node:child_process';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { constants } from 'node:os';
import { fileURLToPath } from 'node:url';
import { parse } from 'dotenv';
import { ENTRIES, POSTGRES_OLD_SPACE_MB } from './entries.mjs';

const ROOT = new URL('../', import.meta.url);
/** Besides `src/`, what the bundle depends on. */
const INPUTS = [
  'package.json',
  'package-lock.json',
  'tsconfig.json',
  'scripts/build.mjs',
  'scripts/entries.mjs',
];

const [entry] = process.argv.splice(2, 1);
if (!ENTRIES[entry]) {
  process.stderr.write(`Usage: node scripts/run.mjs <${Object.keys(ENTRIES).join('|')}> [arguments]\n`);
  process.exit(2);
}
const bundle = new URL(`dist/${entry}.js`, ROOT);
if (!isFresh(bundle)) {
  try {
    const { buildBundle } = await import('./build.mjs');
    await buildBundle();
  } catch (error) {
    if (error?.code === 'ERR_MODULE_NOT_FOUND' && /esbuild/.test(error.message)) {
      process.stderr.write(
        'Newsdesk: the sources changed since dist/ was built, and esbuild (a devDependency) is not installed to ' +
          'rebuild it. Run `npm ci` (with devDependencies), or `npm run build` where they are installed.\n',
      );
    } else {
      process.stderr.write(`Newsdesk: could not build dist/ from the sources: ${error?.message ?? error}\n`);
    }
    process.exit(1);
  }
}
if (entry === 'main' && wantsHeapCap()) relaunchCapped();
else await import(bundle.href);

/**
 * Whether the bot answers from PostgreSQL (the environment, else `.env`, as the bot reads them) with no
 * old-generation size given.
 */
function wantsHeapCap() {
  let backend = process.env.SEARCH_BACKEND;
  if (backend === undefined) {
    try {
      backend = parse(readFileSync('.env')).SEARCH_BACKEND;
    } catch {
      // No .env: the memory engine, by default.
    }
  }
  const given = [...process.execArgv, ...(process.env.NODE_OPTIONS ?? '').split(/\s+/)];
  return (
    // As `src/config.ts` reads SEARCH_BACKEND.
    /^postgres(ql)?$/.test(backend?.trim().toLowerCase() ?? '') &&
    !given.some((f) => f.startsWith('--max-old-space-size'))
  );
}

/**
 * Runs the bot in a child process with {@link POSTGRES_OLD_SPACE_MB} (a process's heap limit is set when
 * it starts), sharing this one's terminal, passing signals on and ending as it ends. Ctrl+C at a
 * terminal reaches both processes already; passed on as well, the bot would take it for a second one.
 */
function relaunchCapped() {
  const child = spawn(
    process.execPath,
    [
      ...process.execArgv,
      `--max-old-space-size=${POSTGRES_OLD_SPACE_MB}`,
      fileURLToPath(bundle),
      ...process.argv.slice(2),
    ],
    { stdio: 'inherit' },
  );
  for (const signal of ['SIGTERM', 'SIGHUP', 'SIGINT'])
    process.on(signal, () => {
      if (signal !== 'SIGINT' || !process.stdin.isTTY) child.kill(signal);
    });
  child.on('exit', (code, signal) => process.exit(code ?? 128 + (constants.signals[signal] ?? 1)));
}

/** Whether the bundle exists and its build stamp is newer than every source file. */
function isFresh(file) {
  try {
    statSync(file);
    const built = statSync(new URL('dist/build-stamp', ROOT)).mtimeMs;
    return (
      newest(
        new URL('src/', ROOT),
        INPUTS.map((p) => new URL(p, ROOT)),
      ) < built
    );
  } catch {
    return false;
  }
}

function newest(dir, files) {
  let latest = 0;
  for (const file of files) latest = Math.max(latest, statSync(file).mtimeMs);
  const walk = (folder) => {
    for (const entry of readdirSync(folder, { withFileTypes: true })) {
      const url = new URL(entry.name + (entry.isDirectory() ? '/' : ''), folder);
      if (entry.isDirectory()) walk(url);
      else latest = Math.max(latest, statSync(url).mtimeMs);
    }
  };
  walk(dir);
  return latest;
}
