/** The commands `scripts/run.mjs` runs, and the TypeScript entry point of each (bundled by `scripts/build.mjs`). */
export const ENTRIES = {
  main: 'src/main.ts',
  ask: 'src/cli/ask.ts',
  eval: 'src/cli/eval.ts',
  ingest: 'src/cli/ingest.ts',
  deploy: 'scripts/deploy-discord.ts',
};
