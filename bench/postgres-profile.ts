/**
 * `node --expose-gc --import tsx bench/postgres-profile.ts --keep DIR [--questions N] [--explain]`: where a
 * full ask's time goes on the PostgreSQL engine, on a cluster `npm run bench:postgres -- --keep DIR` loaded
 * (its questions too). Per ask: wall time, this process's CPU time, round trips to PostgreSQL and the time
 * spent waiting on them, and the time in each engine call (the rest is the desk's own work: reading the
 * question, ranking, composing). With `--explain`, `EXPLAIN (ANALYZE, BUFFERS)` of each statement of the
 * median question. Add `--cpu-prof` to node for the process's own functions.
 */
import { readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { Desk } from '../src/core/desk.ts';
import { silentLogger } from '../src/core/types.ts';
import { loadDeskData } from '../src/load/desk-data.ts';
import { PostgresEngine } from '../src/search/postgres/postgres-engine.ts';
import { startPostgresServer } from '../test/support/postgres-server.ts';
import { heapAfterGc, percentile } from './stats.ts';

const { values } = parseArgs({
  options: {
    keep: { type: 'string' },
    questions: { type: 'string', default: '300' },
    explain: { type: 'boolean', default: false },
    passes: { type: 'string', default: '1' },
  },
});
if (!values.keep) throw new Error('--keep DIR: a cluster bench:postgres loaded with --keep DIR');
const kept = JSON.parse(readFileSync(path.join(values.keep, 'bench-load.json'), 'utf8')) as {
  questions: string[];
};
const questions = kept.questions.slice(0, Number(values.questions));

/** Every statement sent, timed from the call to its result (one round trip each). */
interface Sent {
  sql: string;
  params: unknown[];
  ms: number;
}
let sent: Sent[] = [];
const original = pg.Client.prototype.query;
// biome-ignore lint/suspicious/noExplicitAny: pg's query has many overloads; this wrapper passes them on.
(pg.Client.prototype as any).query = function (this: pg.Client, ...args: any[]) {
  const text = typeof args[0] === 'string' ? args[0] : args[0]?.text;
  if (typeof text !== 'string') return (original as (...a: unknown[]) => unknown).apply(this, args);
  const record: Sent = {
    sql: text,
    params: Array.isArray(args[1]) ? args[1] : (args[0]?.values ?? []),
    ms: 0,
  };
  sent.push(record);
  const start = performance.now();
  const last = args[args.length - 1];
  // pg.Pool calls it with a callback; direct callers get a promise.
  if (typeof last === 'function')
    args[args.length - 1] = (...r: unknown[]) => {
      record.ms = performance.now() - start;
      return last(...r);
    };
  const result = (original as (...a: unknown[]) => unknown).apply(this, args);
  if (result && typeof (result as Promise<unknown>).then === 'function')
    (result as Promise<unknown>).then(
      () => {
        record.ms = performance.now() - start;
      },
      () => {},
    );
  return result;
};

const server = await startPostgresServer({
  keep: values.keep,
  settings: { shared_buffers: '512MB', work_mem: '32MB', effective_cache_size: '4GB' },
});
try {
  const data = loadDeskData();
  const engine = await PostgresEngine.open({ databaseUrl: server.url, logger: silentLogger, ...data });
  await engine.warmUp();
  const openHeap = heapAfterGc();
  const desk = Desk.over(engine, engine.source, data);
  const calls: Record<string, number> = {};
  for (const name of ['lookUp', 'resolve', 'suggestions', 'candidates'] as const) {
    const fn = (engine[name] as (...a: unknown[]) => Promise<unknown>).bind(engine);
    (engine as unknown as Record<string, unknown>)[name] = async (...args: unknown[]) => {
      const start = performance.now();
      try {
        return await fn(...args);
      } finally {
        calls[name] = (calls[name] ?? 0) + performance.now() - start;
      }
    };
  }
  for (const q of questions.slice(0, 20)) await desk.ask(q);
  interface Ask {
    q: string;
    wall: number;
    cpu: number;
    trips: number;
    waitMs: number;
    calls: Record<string, number>;
    sent: Sent[];
  }
  let best: Ask[] | undefined;
  for (let pass = 0; pass < Number(values.passes); pass++) {
    const asks: Ask[] = [];
    for (const q of questions) {
      sent = [];
      for (const k in calls) calls[k] = 0;
      const cpu0 = process.cpuUsage();
      const start = performance.now();
      await desk.ask(q);
      const wall = performance.now() - start;
      const cpu = process.cpuUsage(cpu0);
      asks.push({
        q,
        wall,
        cpu: (cpu.user + cpu.system) / 1000,
        trips: sent.length,
        waitMs: sent.reduce((n, s) => n + s.ms, 0),
        calls: { ...calls },
        sent,
      });
    }
    // The pass with the least CPU (others share the machine).
    const cpuOf = (list: Ask[]) =>
      percentile(
        list.map((a) => a.cpu),
        50,
      );
    if (!best || cpuOf(asks) < cpuOf(best)) best = asks;
  }
  const asks = best as Ask[];
  const p = (f: (a: Ask) => number, n = 50) => percentile(asks.map(f), n).toFixed(1);
  const heap = heapAfterGc();
  const lines = [
    `${questions.length} questions, load average ${loadavg()[0]?.toFixed(1)}; ${(await engine.size()).toLocaleString('en-US')} passages`,
    `wall p50/p99 ${p((a) => a.wall)} / ${p((a) => a.wall, 99)} ms; this process's CPU p50/p99 ${p((a) => a.cpu)} / ${p((a) => a.cpu, 99)} ms`,
    `round trips p50 ${p((a) => a.trips)} (max ${Math.max(...asks.map((a) => a.trips))}); waiting on PostgreSQL p50 ${p((a) => a.waitMs)} ms`,
    ...Object.keys(calls).map(
      (k) =>
        `  engine.${k}: p50 ${p((a) => a.calls[k] ?? 0)} ms, mean ${(asks.reduce((n, a) => n + (a.calls[k] ?? 0), 0) / asks.length).toFixed(1)} ms`,
    ),
    `heap after GC: opened ${(openHeap / 2 ** 20).toFixed(0)} MB, after ${(heap / 2 ** 20).toFixed(0)} MB; RSS ${(process.memoryUsage().rss / 2 ** 20).toFixed(0)} MB`,
  ];
  // Per statement kind (its first words), the time waited.
  const kinds = new Map<string, { n: number; ms: number }>();
  for (const a of asks)
    for (const s of a.sent) {
      const kind = s.sql.replace(/\s+/g, ' ').trim().slice(0, 70);
      const k = kinds.get(kind) ?? { n: 0, ms: 0 };
      k.n++;
      k.ms += s.ms;
      kinds.set(kind, k);
    }
  for (const [kind, k] of [...kinds].sort((a, b) => b[1].ms - a[1].ms))
    lines.push(`  ${(k.ms / asks.length).toFixed(2)} ms/ask, ${(k.n / asks.length).toFixed(2)}/ask: ${kind}`);
  console.log(lines.join('\n'));
  if (values.explain) {
    const median = [...asks].sort((a, b) => a.wall - b.wall)[asks.length >> 1] as Ask;
    console.log(`\nThe median question (${median.wall.toFixed(1)} ms): ${median.sent.length} statements`);
    const client = new pg.Client({ connectionString: server.url });
    await client.connect();
    for (const s of median.sent) {
      if (!/^\s*(SELECT|WITH)/i.test(s.sql)) continue;
      const { rows } = await client.query(`EXPLAIN (ANALYZE, BUFFERS) ${s.sql}`, s.params);
      console.log(`\n-- ${s.ms.toFixed(1)} ms in the ask\n${rows.map((r) => r['QUERY PLAN']).join('\n')}`);
    }
    await client.end();
  }
  await engine.close();
} finally {
  await server.stop();
}
