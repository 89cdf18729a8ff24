/** The commands `scripts/run.mjs` runs, and the TypeScript entry point of each (bundled by `scripts/build.mjs`). */
export const ENTRIES = {
  main: 'src/main.ts',
  ask: 'src/cli/ask.ts',
  eval: 'src/cli/eval.ts',
  ingest: 'src/cli/ingest.ts',
  sync: 'src/cli/sync.ts',
  deploy: 'scripts/deploy-discord.ts',
};

/**
 * Worker threads the entry points start, and the TypeScript file of each: bundled beside them (`dist/<name>.js`),
 * where the code starting them looks for them. Not commands.
 */
export const WORKERS = {
  'index-build-worker': 'src/reload/index-build-worker.ts',
};
