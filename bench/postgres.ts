/**
 * `npm run bench:postgres -- [--paragraphs 1000000] [--questions 300] [--memory] [--write]`: the PostgreSQL
 * engine at scale (issue 18). Starts a PostgreSQL server of its own (a temporary cluster on a loopback port,
 * as the tests do), loads the benchmark's generated corpus into it through the article store (one bulk
 * transaction), then answers the benchmark's questions from a separate process that only opens the engine
 * (bench/postgres-ask.ts), as a bot process would: p50/p99 per question, its heap and RSS. With `--memory`,
 * the memory engine's figures at the same size beside them (building it at 1M paragraphs takes minutes and
 * gigabytes). With `--write`, the table goes into bench/RESULTS.md between the PostgreSQL markers.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { parseArticle } from '../src/core/articles/parse-article.ts';
import { Desk } from '../src/core/desk.ts';
import type { Article } from '../src/core/types.ts';
import { loadDeskData } from '../src/load/desk-data.ts';
import { ArticleStore } from '../src/search/postgres/article-store.ts';
import { migrate } from '../src/search/postgres/schema.ts';
import { startPostgresServer } from '../test/support/postgres-server.ts';
import { articleFileText, generateCorpus } from './generate-corpus.ts';
import { generateQuestions } from './generate-questions.ts';
import { heapAfterGc, percentile } from './stats.ts';

const { values } = parseArgs({
  options: {
    paragraphs: { type: 'string', default: '1000000' },
    questions: { type: 'string', default: '300' },
    memory: { type: 'boolean', default: false },
    write: { type: 'boolean', default: false },
  },
});
const paragraphs = Number(values.paragraphs);
const count = Number(values.questions);
const log = (line: string) => process.stderr.write(`${new Date().toISOString().slice(11, 19)} ${line}\n`);
const round = (n: number) => (n >= 100 ? Math.round(n).toLocaleString('en-US') : n.toFixed(1));

log(`generating ${paragraphs.toLocaleString('en-US')} paragraphs`);
let articles: Article[] = generateCorpus({ paragraphs }).map(
  (g) => parseArticle(g.id, articleFileText(g)) as Article,
);
const questions = generateQuestions(articles, { count, seed: 7 }).map((q) => q.text);
const server = await startPostgresServer({
  settings: {
    shared_buffers: '512MB',
    work_mem: '32MB',
    maintenance_work_mem: '512MB',
    max_wal_size: '8GB',
    checkpoint_timeout: '30min',
    effective_cache_size: '4GB',
  },
});
const dir = mkdtempSync(path.join(tmpdir(), 'newsdesk-bench-pg-'));
try {
  const pool = new pg.Pool({ connectionString: server.url, max: 2 });
  await migrate(pool);
  log('loading into PostgreSQL');
  const loadStart = performance.now();
  await new ArticleStore(pool).sync(articles, { removeMissing: true });
  const loadS = (performance.now() - loadStart) / 1000;
  const { rows } = await pool.query<{ size: string }>(
    'SELECT pg_size_pretty(pg_database_size(current_database())) AS size',
  );
  await pool.end();
  log(`loaded in ${loadS.toFixed(0)} s; database ${rows[0]?.size}`);

  let memory: { p50: number; p99: number; buildS: number; answered: number; heapMb: number } | undefined;
  if (values.memory) {
    log('building the memory engine');
    const buildStart = performance.now();
    const desk = Desk.build(articles, loadDeskData());
    const buildS = (performance.now() - buildStart) / 1000;
    desk.warmUp();
    for (const q of questions.slice(0, 20)) await desk.ask(q);
    const times: number[] = [];
    let answered = 0;
    for (const q of questions) {
      const start = performance.now();
      if ((await desk.ask(q)).kind === 'answer') answered++;
      times.push(performance.now() - start);
    }
    memory = {
      p50: percentile(times, 50),
      p99: percentile(times, 99),
      buildS,
      answered,
      heapMb: heapAfterGc() / 2 ** 20,
    };
  }
  articles = [];

  const file = path.join(dir, 'questions.json');
  writeFileSync(file, JSON.stringify(questions));
  log('asking from a process of its own');
  const out = execFileSync(
    process.execPath,
    ['--expose-gc', '--import', 'tsx', new URL('./postgres-ask.ts', import.meta.url).pathname, file],
    { env: { ...process.env, DATABASE_URL: server.url }, encoding: 'utf8', maxBuffer: 64 * 2 ** 20 },
  );
  const result = JSON.parse(out.trim().split('\n').pop() as string) as {
    times: number[];
    answered: number;
    openMs: number;
    heapMb: number;
    rssMb: number;
    passages: number;
  };
  const p50 = percentile(result.times, 50);
  const p99 = percentile(result.times, 99);
  const lines = [
    `${paragraphs.toLocaleString('en-US')} generated paragraphs (bench/generate-corpus.ts), ${count} questions (bench/generate-questions.ts), ${new Date().toISOString().slice(0, 10)}, ${cpus().length} cores, load average ${loadavg()[0]?.toFixed(1)} at the end.`,
    '',
    '| | PostgreSQL engine | memory engine |',
    '|---|---|---|',
    `| Full ask (Desk.ask): p50 / p99 ms | ${round(p50)} / ${round(p99)} | ${memory ? `${round(memory.p50)} / ${round(memory.p99)}` : 'not run (`--memory`)'} |`,
    `| Questions answered (not declined) | ${result.answered} of ${count} | ${memory ? `${memory.answered} of ${count}` : ''} |`,
    `| Bot process: heap after GC / RSS (MB) | ${round(result.heapMb)} / ${round(result.rssMb)} | ${memory ? `${round(memory.heapMb)} (heap, loader's articles included)` : ''} |`,
    `| Opening (connect, migrate, read the vocabulary) | ${round(result.openMs)} ms | ${memory ? `build ${round(memory.buildS)} s` : ''} |`,
    `| Loading the corpus (one bulk transaction, indexes built at the end) | ${round(loadS)} s, database ${rows[0]?.size} | |`,
  ];
  const table = lines.join('\n');
  console.log(`\n${table}`);
  if (values.write) {
    const results = new URL('./RESULTS.md', import.meta.url);
    const text = readFileSync(results, 'utf8');
    const start = '<!-- postgres figures: rewritten by `npm run bench:postgres -- --write` -->';
    const end = '<!-- end of postgres figures -->';
    const block = `${start}\n${table}\n${end}`;
    const at = text.indexOf(start);
    const next =
      at >= 0
        ? `${text.slice(0, at)}${block}${text.slice(text.indexOf(end, at) + end.length)}`
        : `${text.trimEnd()}\n\n## PostgreSQL engine at scale (issue 18)\n\n${block}\n`;
    writeFileSync(results, next);
    log('bench/RESULTS.md updated');
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
  await server.stop();
}
