/**
 * `npm run bench:postgres -- [--paragraphs 1000000] [--questions 300] [--rounds 10] [--memory] [--write]`: the PostgreSQL
 * engine at scale (issue 18). Starts a PostgreSQL server of its own (a temporary cluster on a loopback port,
 * as the tests do), loads the benchmark's generated corpus into it through the article store (one bulk
 * transaction), then answers the benchmark's questions from a separate process that only opens the engine
 * (bench/postgres-ask.ts), as a bot process would: p50/p99 per question, its heap and RSS. With `--memory`,
 * the memory engine's figures at the same size beside them, from a process of its own too
 * (bench/memory-ask.ts: building it at 1M paragraphs takes minutes and gigabytes). With `--write`, the
 * table goes into bench/RESULTS.md between the PostgreSQL markers. With `--keep DIR` (a folder outside the
 * repo), the cluster stays in DIR after the run, with the questions and the load's figures beside it, and a
 * later run with the same `--keep DIR` and size reopens it and only asks: a 1M load takes ~20 minutes. Delete
 * DIR when done (~8 GB at 1M). The PostgreSQL bot process runs as `npm start` runs it, its old generation
 * capped (`POSTGRES_OLD_SPACE_MB`); `--bot-node-options "<flags>"` gives it other node options (as
 * `NODE_OPTIONS` would in a deployment), `--bot-node-options none` none. `--rounds N` (default
 * 10) asks the questions N times in the bot process before its memory is read: the times and CPU are the
 * first round's, the peak RSS is a long-running bot's (one round ends before V8 first lets the old
 * generation grow to its limit).
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { POSTGRES_OLD_SPACE_MB } from '../scripts/entries.mjs';
import { parseArticle } from '../src/core/articles/parse-article.ts';
import type { Article } from '../src/core/types.ts';
import { ArticleStore } from '../src/search/postgres/article-store.ts';
import { migrate } from '../src/search/postgres/schema.ts';
import { startPostgresServer } from '../test/support/postgres-server.ts';
import { articleFileText, generateCorpus } from './generate-corpus.ts';
import { generateQuestions } from './generate-questions.ts';
import { writeResultsSection } from './results-section.ts';
import { percentile } from './stats.ts';

const { values } = parseArgs({
  options: {
    paragraphs: { type: 'string', default: '1000000' },
    questions: { type: 'string', default: '300' },
    memory: { type: 'boolean', default: false },
    write: { type: 'boolean', default: false },
    keep: { type: 'string' },
    'bot-node-options': { type: 'string', default: '' },
    rounds: { type: 'string', default: '10' },
  },
});
/**
 * Node options for the PostgreSQL bot process, as a deployment would set them; by default what `npm start`
 * gives a bot on PostgreSQL (`scripts/run.mjs`): `--max-old-space-size=512`. `--bot-node-options=none`: none.
 */
const givenOptions = (values['bot-node-options'] as string).trim();
const botNodeOptions =
  givenOptions === 'none'
    ? []
    : givenOptions
      ? givenOptions.split(/\s+/)
      : [`--max-old-space-size=${POSTGRES_OLD_SPACE_MB}`];
const paragraphs = Number(values.paragraphs);
const count = Number(values.questions);
const log = (line: string) => process.stderr.write(`${new Date().toISOString().slice(11, 19)} ${line}\n`);
const round = (n: number) => (n >= 100 ? Math.round(n).toLocaleString('en-US') : n.toFixed(1));

/** What a kept cluster's folder holds beside it: enough to ask again without generating or loading. */
interface KeptLoad {
  paragraphs: number;
  count: number;
  questions: string[];
  loadS: number;
  steps: string[];
  size: string;
}
const keptFile = values.keep ? path.join(values.keep, 'bench-load.json') : undefined;
const kept: KeptLoad | undefined =
  keptFile && existsSync(keptFile) ? JSON.parse(readFileSync(keptFile, 'utf8')) : undefined;
const reuse =
  kept?.paragraphs === paragraphs &&
  kept.count === count &&
  existsSync(path.join(values.keep as string, 'data', 'PG_VERSION'));
if (values.keep && !reuse) {
  log(`--keep ${values.keep}: no load of this size there; loading it anew`);
  rmSync(values.keep, { recursive: true, force: true });
}

let articles: Article[] = [];
let questions: string[] = kept?.questions ?? [];
if (!reuse) {
  log(`generating ${paragraphs.toLocaleString('en-US')} paragraphs`);
  articles = generateCorpus({ paragraphs }).map((g) => parseArticle(g.id, articleFileText(g)) as Article);
  questions = generateQuestions(articles, { count, seed: 7 }).map((q) => q.text);
}
const server = await startPostgresServer({
  settings: {
    shared_buffers: '512MB',
    work_mem: '32MB',
    maintenance_work_mem: '512MB',
    max_wal_size: '8GB',
    checkpoint_timeout: '30min',
    effective_cache_size: '4GB',
  },
  ...(values.keep ? { keep: values.keep } : {}),
});
const dir = mkdtempSync(path.join(tmpdir(), 'newsdesk-bench-pg-'));
try {
  let loadS: number;
  let steps: string[];
  let size: string;
  if (reuse && kept) {
    ({ loadS, steps, size } = kept);
    log(`reopened the kept cluster in ${values.keep} (loaded earlier in ${loadS.toFixed(0)} s)`);
  } else {
    const pool = new pg.Pool({ connectionString: server.url, max: 2 });
    await migrate(pool);
    log('loading into PostgreSQL');
    const loadStart = performance.now();
    steps = [];
    await new ArticleStore(pool, {
      onBulkStep: (step, ms) => {
        log(`  ${step}: ${(ms / 1000).toFixed(1)} s`);
        steps.push(`${step} ${(ms / 1000).toFixed(0)} s`);
      },
    }).sync(articles, { removeMissing: true });
    loadS = (performance.now() - loadStart) / 1000;
    const { rows } = await pool.query<{ size: string }>(
      'SELECT pg_size_pretty(pg_database_size(current_database())) AS size',
    );
    await pool.end();
    size = rows[0]?.size ?? '?';
    log(`loaded in ${loadS.toFixed(0)} s; database ${size}`);
    if (keptFile) {
      const load: KeptLoad = { paragraphs, count, questions, loadS, steps, size };
      writeFileSync(keptFile, JSON.stringify(load));
    }
  }

  articles = [];
  const file = path.join(dir, 'questions.json');
  writeFileSync(file, JSON.stringify(questions));
  /**
   * Runs a bot-process script of this folder on the questions and reads its one JSON line of figures. The
   * script runs bundled into plain JavaScript, as a bot runs (`npm start` runs `dist/`, see
   * scripts/build.mjs): through tsx, its loader thread and the compiled sources added some 20 MB to the
   * process measured.
   */
  const botProcess = async <T>(
    script: string,
    options: { node?: string[]; args?: string[]; env?: NodeJS.ProcessEnv } = {},
  ): Promise<T> => {
    const out = execFileSync(
      process.execPath,
      ['--expose-gc', ...(options.node ?? []), await bundled(script), file, ...(options.args ?? [])],
      { env: { ...process.env, ...options.env }, encoding: 'utf8', maxBuffer: 64 * 2 ** 20 },
    );
    return JSON.parse(out.trim().split('\n').pop() as string) as T;
  };

  // The memory engine in a process of its own too (it generates the same corpus): a bot's heap and RSS,
  // the articles and their index, not this loader's.
  let memory:
    | { p50: number; p99: number; buildS: number; answered: number; heapMb: number; rssMb: number }
    | undefined;
  if (values.memory) {
    log('building the memory engine, in a process of its own');
    const m = await botProcess<{
      times: number[];
      answered: number;
      buildS: number;
      heapMb: number;
      rssMb: number;
    }>('./memory-ask.ts', {
      node: ['--max-old-space-size=16384'],
      args: ['--paragraphs', String(paragraphs)],
    });
    memory = { ...m, p50: percentile(m.times, 50), p99: percentile(m.times, 99) };
  }

  log('asking from a process of its own');
  const result = await botProcess<{
    times: number[];
    answered: number;
    openMs: number;
    openHeapMb: number;
    heapMb: number;
    rssMb: number;
    heapTotalMb: number;
    externalMb: number;
    rssAnonMb: number;
    rssFileMb: number;
    peakRssMb: number;
    openPeakMb: number;
    cpuPerAskMs: number;
    passages: number;
    rounds: number;
  }>('./postgres-ask.ts', {
    node: botNodeOptions,
    args: ['--rounds', String(values.rounds)],
    env: { DATABASE_URL: server.url },
  });
  const p50 = percentile(result.times, 50);
  const p99 = percentile(result.times, 99);
  const lines = [
    `${paragraphs.toLocaleString('en-US')} generated paragraphs (bench/generate-corpus.ts), ${count} questions (bench/generate-questions.ts), ${new Date().toISOString().slice(0, 10)}, ${cpus().length} cores, load average ${loadavg()[0]?.toFixed(1)} at the end${botNodeOptions.length ? `; the PostgreSQL bot process run with \`${botNodeOptions.join(' ')}\`` : ''}.`,
    '',
    '| | PostgreSQL engine | memory engine |',
    '|---|---|---|',
    `| Full ask (Desk.ask): p50 / p99 ms | ${round(p50)} / ${round(p99)} | ${memory ? `${round(memory.p50)} / ${round(memory.p99)}` : 'not run (`--memory`)'} |`,
    `| Bot process CPU time per question, mean (ms; garbage collection included) | ${round(result.cpuPerAskMs)} | |`,
    `| Questions answered (not declined) | ${result.answered} of ${count} | ${memory ? `${memory.answered} of ${count}` : ''} |`,
    `| Bot process: heap after GC / RSS (MB), after the questions${result.rounds > 1 ? ` (asked ${result.rounds} times: ${(result.rounds * count).toLocaleString('en-US')} asks)` : ''} | ${round(result.heapMb)} / ${round(result.rssMb)} | ${memory ? `${round(memory.heapMb)} / ${round(memory.rssMb)}` : ''} |`,
    `| Bot process after the questions: RSS anonymous / file-backed; V8 heap held; outside the heap (MB) | ${round(result.rssAnonMb)} / ${round(result.rssFileMb)}; ${round(result.heapTotalMb)}; ${round(result.externalMb)} | |`,
    `| Bot process: peak RSS while opening / over the whole run${result.rounds > 1 ? ` (${(result.rounds * count).toLocaleString('en-US')} asks)` : ''} (MB) | ${round(result.openPeakMb)} / ${round(result.peakRssMb)} | |`,
    `| Bot process: heap after GC once opened, before any question (MB) | ${round(result.openHeapMb)} | |`,
    `| Opening (connect, migrate, read the vocabulary) | ${round(result.openMs)} ms | ${memory ? `build ${round(memory.buildS)} s` : ''} |`,
    `| Loading the corpus (one bulk transaction: COPY, postings, indexes built at the end) | ${round(loadS)} s (${steps.join(', ')}), database ${size} | |`,
  ];
  const table = lines.join('\n');
  console.log(`\n${table}`);
  if (values.write) {
    await writeResultsSection(
      'postgres',
      'PostgreSQL engine at scale (issue 18)',
      'npm run bench:postgres -- --write',
      table,
    );
    log('bench/RESULTS.md updated');
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
  await server.stop();
}

/**
 * `script` (a file of this folder) bundled with esbuild as scripts/build.mjs bundles the bot (packages
 * left in node_modules), into node_modules/.cache, from where the packages and the project's `data/` are
 * found as from `dist/`. Returns the bundle's path.
 */
async function bundled(script: string): Promise<string> {
  const { build } = await import('esbuild');
  const out = new URL(
    `../node_modules/.cache/newsdesk-bench/${path.basename(script, '.ts')}.mjs`,
    import.meta.url,
  ).pathname;
  await build({
    entryPoints: [new URL(script, import.meta.url).pathname],
    outfile: out,
    bundle: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    packages: 'external',
    logLevel: 'warning',
  });
  return out;
}
