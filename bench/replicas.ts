/**
 * `npm run bench:replicas`: how soon an article added through one bot process is answered by another that shares
 * its PostgreSQL database (issue 18's target: within 5 s). Two Newsdesk processes' worth of the app are started
 * in this process as `npm start` starts them (PostgreSQL engine, one database, a real server on loopback); only
 * the first watches the articles folder, so the second learns of each new article from the database alone
 * (LISTEN/NOTIFY). For each of `--articles` new articles, the time from the file being written to the second
 * process answering a question about it from it, polled every 20 ms.
 *
 * Prints a Markdown table and, with `--write`, puts it in bench/RESULTS.md between the replicas markers.
 */
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { startNewsdesk } from '../src/app.ts';
import { readConfig } from '../src/config.ts';
import { silentLogger } from '../src/core/types.ts';
import { startPostgresServer } from '../test/support/postgres-server.ts';
import { writeResultsSection } from './results-section.ts';
import { percentile } from './stats.ts';

const { values: flags } = parseArgs({
  options: { articles: { type: 'string', default: '20' }, write: { type: 'boolean', default: false } },
});
const count = Number(flags.articles);

/** Made-up names, so each article is the only one that can answer its question. */
const FIRST = [
  'Morag',
  'Eilidh',
  'Tamsin',
  'Ruaridh',
  'Oona',
  'Fergal',
  'Isla',
  'Cormac',
  'Brenna',
  'Lachlan',
];
const PLACES = [
  'Skerryvore',
  'Ardnamurchan',
  'Kinnaird',
  'Sumburgh',
  'Muckle Flugga',
  'Corsewall',
  'Turnberry',
];

async function startReplica(databaseUrl: string, dir: string, watch: boolean) {
  const result = readConfig({
    SNAPSHOT_DIR: 'off',
    SEARCH_BACKEND: 'postgres',
    DATABASE_URL: databaseUrl,
    SEEDS_DIR: dir,
    WATCH_ARTICLES: String(watch),
  });
  if (!result.ok) throw new Error(result.errors.join('\n'));
  return startNewsdesk(result.config, { logger: silentLogger });
}

const server = await startPostgresServer();
const dir = mkdtempSync(path.join(tmpdir(), 'newsdesk-bench-replicas-'));
cpSync('seeds', dir, { recursive: true });
const started: { stop(graceMs?: number): Promise<unknown> }[] = [];
try {
  const url = await server.database('bench_replicas');
  const writer = await startReplica(url, dir, true);
  started.push(writer);
  const reader = await startReplica(url, dir, false);
  started.push(reader);
  const waits: number[] = [];
  for (let i = 0; i < count; i++) {
    const keeper = `${FIRST[i % FIRST.length]} Keeper${i}son`;
    const place = `${PLACES[i % PLACES.length]} ${i}`;
    const title = `Lighthouse keeper of ${place} retires`;
    const written = performance.now();
    writeFileSync(
      path.join(dir, `lighthouse-${i}.md`),
      `---\ntitle: ${title}\npublished: 2026-01-05\n---\nThe lighthouse keeper of ${place}, ${keeper}, retired after forty years tending the lamp.\n`,
    );
    for (;;) {
      const reply = await reader.desk.ask(`Who is the lighthouse keeper of ${place}?`);
      if (reply.kind === 'answer' && reply.passages[0]?.title === title) break;
      if (performance.now() - written > 60_000) throw new Error(`article ${i} not answered after 60 s`);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    waits.push(performance.now() - written);
  }
  const [one, five] = loadavg();
  const table = [
    `${count} articles added one after another to the folder the first process watches; ${cpus().length} cores,`,
    `load average ${one?.toFixed(1)} (1 min) / ${five?.toFixed(1)} (5 min) at the end.`,
    '',
    '| file written → answered by the OTHER process | articles | p50 ms | p95 ms | max ms | target |',
    '| --- | ---: | ---: | ---: | ---: | --- |',
    `| through PostgreSQL (LISTEN/NOTIFY) | ${waits.length} | ${Math.round(percentile(waits, 50))} | ${Math.round(percentile(waits, 95))} | ${Math.round(Math.max(...waits))} | ≤ 5,000 ms: ${Math.max(...waits) <= 5000 ? 'met' : 'missed'} |`,
  ].join('\n');
  console.log(`\n${table}`);
  if (flags.write) {
    await writeResultsSection(
      'replicas',
      'Two bot processes on one database (issue 18)',
      'npm run bench:replicas -- --write',
      table,
    );
    console.log('bench/RESULTS.md updated.');
  }
} finally {
  for (const app of started.reverse()) await app.stop(0);
  await server.stop();
  rmSync(dir, { recursive: true, force: true });
}
