/**
 * `npm start`, `npm run ask`, `npm run eval`, `npm run deploy:discord`: `node scripts/run.mjs <entry> [args…]`
 * runs that entry point from the bundle in `dist/` — the one way Newsdesk runs. `npm ci` builds it
 * (`prepare`); when a source file changed since, it is rebuilt first (esbuild, ~0.3 s), so an edit is
 * never answered by stale code and nothing has to be rebuilt by hand.
 */
import { readdirSync, statSync } from 'node:fs';
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
await import(bundle.href);

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
