/**
 * The bot-process half of `npm run bench:postgres` (run by bench/postgres.ts in a process of its own, so its
 * memory is a bot's, not the loader's): opens the PostgreSQL engine on `DATABASE_URL` and a desk on it (the
 * articles' list mirrored in memory, as `npm start` holds it), answers the questions in the JSON file named by
 * its argument (full asks: `Desk.ask`), and prints one JSON line of figures.
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { Desk } from '../src/core/desk.ts';
import { silentLogger } from '../src/core/types.ts';
import { loadDeskData } from '../src/load/desk-data.ts';
import { PostgresEngine } from '../src/search/postgres/postgres-engine.ts';
import { heapAfterGc } from './stats.ts';

/** A line of /proc/self/status in MB (kB there), where there is one (Linux). */
function statusMb(key: string): number {
  let status = '';
  try {
    status = readFileSync('/proc/self/status', 'utf8');
  } catch {}
  return Number(new RegExp(`^${key}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? Number.NaN) / 1024;
}

const { positionals, values } = parseArgs({
  allowPositionals: true,
  options: { rounds: { type: 'string', default: '1' } },
});
const questions: string[] = JSON.parse(readFileSync(positionals[0] as string, 'utf8'));
/**
 * How many times the questions are asked: the times and CPU are the first round's; the memory figures
 * are taken after the last. A bot runs for days: V8 lets the old generation grow to ~4 times what was
 * live at the last full collection before it collects again, so one round of 300 questions ends before
 * the process reaches its peak.
 */
const rounds = Math.max(1, Number(values.rounds));
const opened = performance.now();
const data = loadDeskData();
const engine = await PostgresEngine.open({
  databaseUrl: process.env.DATABASE_URL as string,
  logger: silentLogger,
  ...data,
});
await engine.warmUp();
const openMs = performance.now() - opened;
const openHeap = heapAfterGc();
const openPeakMb = statusMb('VmHWM');

const desk = Desk.over(engine, engine.source, data);

/** A full ask, as a bot answers a question: read, resolve, candidates, rank, compose. */
async function ask(text: string): Promise<number> {
  const reply = await desk.ask(text);
  return reply.kind === 'answer' ? 1 : 0;
}

// Warm-up: the first questions fill the database's caches and this process's.
for (const q of questions.slice(0, 20)) await ask(q);
const times: number[] = [];
let answered = 0;
const cpu = process.cpuUsage();
for (const q of questions) {
  const start = performance.now();
  if ((await ask(q)) > 0) answered++;
  times.push(performance.now() - start);
}
const used = process.cpuUsage(cpu);
for (let round = 1; round < rounds; round++) for (const q of questions) await ask(q);
const heap = heapAfterGc();
const { rss, heapTotal, external, arrayBuffers } = process.memoryUsage();
const mb = (n: number) => n / 2 ** 20;
process.stdout.write(
  `${JSON.stringify({
    times,
    answered,
    openMs,
    openHeapMb: mb(openHeap),
    heapMb: mb(heap),
    rssMb: mb(rss),
    // Where the RSS is: the heap V8 holds (used or not), memory outside it (buffers, typed arrays), and
    // the process's anonymous and file-backed pages (the node binary's code is file-backed).
    heapTotalMb: mb(heapTotal),
    externalMb: mb(external),
    arrayBuffersMb: mb(arrayBuffers),
    rssAnonMb: statusMb('RssAnon'),
    rssFileMb: statusMb('RssFile'),
    peakRssMb: statusMb('VmHWM'),
    openPeakMb,
    // This process's CPU time per question, on average (garbage collection included).
    cpuPerAskMs: (used.user + used.system) / 1000 / questions.length,
    passages: await engine.size(),
    rounds,
  })}\n`,
);
await engine.close();
