/**
 * `npm start`, `npm run ask`, `npm run eval`: `node scripts/run.mjs <main|ask|eval> [args…]` runs that entry
 * point from the bundle in `dist/` when it was built after the last change to the sources
 * (`scripts/build.mjs`), and from the TypeScript sources through tsx otherwise, so an edit is never
 * answered by stale code and nothing has to be rebuilt by hand.
 */
import { readdirSync, statSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { ENTRIES } from './entries.mjs';

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
const source = ENTRIES[entry];
if (!source) {
  process.stderr.write(`Usage: node scripts/run.mjs <${Object.keys(ENTRIES).join('|')}> [arguments]\n`);
  process.exit(2);
}
const bundle = new URL(`dist/${entry}.js`, ROOT);
if (isFresh(bundle)) {
  await import(bundle.href);
} else {
  const { register } = await import('tsx/esm/api');
  register();
  await import(pathToFileURL(new URL(source, ROOT).pathname).href);
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
