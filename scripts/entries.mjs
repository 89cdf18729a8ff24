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

/**
 * V8's cap on the old generation, in MB, of a bot answering from PostgreSQL (`npm start` with
 * `SEARCH_BACKEND=postgres`) unless `NODE_OPTIONS` gives its own (`run.mjs`): uncapped, V8 let a
 * long-running bot's old generation grow to about four times what it held live (a 337–375 MB peak at 1M
 * paragraphs, against ~85 MB live); capped, the peak stays near 225–245 MB for ~1 ms more CPU a question
 * (`npm run bench:postgres`). Not for the memory engine, which holds the whole index: gigabytes at that size.
 */
export const POSTGRES_OLD_SPACE_MB = 512;
