/**
 * `npm run build` (also run by `npm ci` / `npm install`, as `prepare`): bundles the entry points into `dist/`
 * as plain JavaScript, so `npm start`, `npm run ask` and `npm run eval` start without compiling TypeScript
 * (tsx costs ~250 ms a start: a quarter of the one-second start-up target). Packages stay in
 * `node_modules` (not bundled); the platform adapters stay separate chunks, loaded only when their platform is
 * on. `scripts/run.mjs` uses the bundle only while it is newer than every source file.
 *
 * Plain JavaScript, not TypeScript, so that it runs before anything is built.
 */
import { rm, writeFile } from 'node:fs/promises';
import { build } from 'esbuild';
import { ENTRIES } from './entries.mjs';

const OUT = new URL('../dist/', import.meta.url);
const STAMP = new URL('build-stamp', OUT);

await rm(OUT, { recursive: true, force: true });
await build({
  absWorkingDir: new URL('..', import.meta.url).pathname,
  entryPoints: Object.entries(ENTRIES).map(([out, entry]) => ({ out, in: entry })),
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
