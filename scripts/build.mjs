/**
 * `npm run build` (also run by `npm ci` / `npm install`, as `prepare`, and by `scripts/run.mjs` when the
 * sources changed since): bundles the entry points into `dist/` as plain JavaScript, which is what
 * `npm start`, `npm run ask`, `npm run eval` and `npm run deploy:discord` run — Node 20 cannot run
 * TypeScript itself, and compiling at every start (tsx) cost ~250 ms, a quarter of the one-second start-up
 * target. esbuild is a devDependency: a deployment runs what was built. Packages stay in `node_modules` (not
 * bundled); the platform adapters stay separate chunks, loaded only when their platform is on.
 *
 * Plain JavaScript, not TypeScript, so that it runs before anything is built.
 */
import { existsSync } from 'node:fs';
import { rm, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { ENTRIES, WORKERS } from './entries.mjs';

const ROOT = new URL('../', import.meta.url);
const OUT = new URL('dist/', ROOT);
const STAMP = new URL('build-stamp', OUT);

/** Builds `dist/` afresh from `src/`. */
export async function buildBundle() {
  const { build } = await import('esbuild');
  await rm(OUT, { recursive: true, force: true });
  await build({
    absWorkingDir: fileURLToPath(ROOT),
    entryPoints: Object.entries({ ...ENTRIES, ...WORKERS }).map(([out, entry]) => ({ out, in: entry })),
    outdir: 'dist',
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    packages: 'external',
    logLevel: 'warning',
  });
  // Written last: `scripts/run.mjs` compares the sources with this time.
  await writeFile(STAMP, `${new Date().toISOString()}\n`);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  try {
    await buildBundle();
  } catch (error) {
    // `npm ci --omit=dev` runs `prepare` without the compilers: a bundle built before is what runs then.
    if (error?.code !== 'ERR_MODULE_NOT_FOUND' || !existsSync(STAMP)) throw error;
    process.stderr.write(
      'build: esbuild is not installed (devDependencies omitted); keeping dist/ as built.\n',
    );
  }
}
