/**
 * `node --expose-gc --import tsx bench/postgres-memory.ts --keep DIR`: what a bot process over PostgreSQL
 * holds once opened, structure by structure, on a cluster `npm run bench:postgres -- --keep DIR` loaded:
 * the heap after GC (and RSS) after each step of opening, in the order `PostgresEngine.open` and the first
 * questions take them.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import v8 from 'node:v8';
import pg from 'pg';
import { loadDeskData } from '../src/load/desk-data.ts';
import { VocabularyMirror } from '../src/search/postgres/vocabulary-mirror.ts';
import { startPostgresServer } from '../test/support/postgres-server.ts';
import { heapAfterGc } from './stats.ts';

const { values } = parseArgs({ options: { keep: { type: 'string' } } });
if (!values.keep) throw new Error('--keep DIR');
const server = await startPostgresServer({ keep: path.resolve(values.keep) });
try {
  let last = heapAfterGc();
  const step = (name: string) => {
    const heap = heapAfterGc();
    const { rss, external, arrayBuffers } = process.memoryUsage();
    const mb = (n: number) => (n / 2 ** 20).toFixed(1);
    console.log(
      `${name.padEnd(58)} heap ${mb(heap).padStart(6)} MB (+${mb(heap - last).padStart(6)})  rss ${mb(rss).padStart(6)}  external ${mb(external)} (buffers ${mb(arrayBuffers)})`,
    );
    last = heap;
  };
  step('started (code loaded)');
  const pool = new pg.Pool({ connectionString: server.url, max: 2 });
  const data = loadDeskData();
  const mirror = new VocabularyMirror(pool, {
    wordVectors: data.wordVectors ?? null,
    placeNames: data.placeNames ?? null,
  });
  await mirror.refresh();
  step(
    `mirror read: ${mirror.terms.size} terms, ${mirror.context.size} context, ${mirror.articles.size} articles`,
  );
  const forms = [...mirror.terms.values()].reduce((n, t) => n + t.forms.size, 0);
  console.log(`  (${forms} written forms in the terms' maps)`);
  mirror.summaries();
  step('summaries sorted');
  const resolver = mirror.resolver;
  step('resolver (vocabulary tree)');
  resolver.warmUp();
  step('resolver warmed up (term vectors; written forms: only per misspelling)');
  mirror.longerTerms('a');
  step('sorted terms (prefix search)');
  await pool.end();
  const usage = process.memoryUsage();
  console.log(
    `heapUsed ${(usage.heapUsed / 2 ** 20).toFixed(0)} MB, heapTotal ${(usage.heapTotal / 2 ** 20).toFixed(0)} MB, rss ${(usage.rss / 2 ** 20).toFixed(0)} MB`,
  );
  for (const space of v8.getHeapSpaceStatistics())
    console.log(
      `  ${space.space_name.padEnd(26)} size ${(space.space_size / 2 ** 20).toFixed(1).padStart(7)} MB, used ${(space.space_used_size / 2 ** 20).toFixed(1).padStart(7)} MB`,
    );
  const status = readFileSync('/proc/self/status', 'utf8');
  console.log(
    status
      .split('\n')
      .filter((l) => /^(VmRSS|RssAnon|RssFile|RssShmem|VmHWM)/.test(l))
      .join('\n'),
  );
} finally {
  await server.stop();
}
