/**
 * `node --expose-gc --import tsx bench/trace-reindex.ts [--paragraphs N] [--sync-first]`: traces a full re-index built in a
 * worker thread (`Desk.replace`, as `bench:reindex` runs it) while answering a question every 25 ms, to see
 * what holds the answering thread (issue 17): the slowest questions with their arrival times, the answering
 * thread's GCs (PerformanceObserver 'gc'), the re-index's steps that took over 8 ms, the event-loop delay,
 * and the answering thread's CPU time. Prints to stderr; writes nothing.
 */
import { readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { monitorEventLoopDelay, PerformanceObserver } from 'node:perf_hooks';
import { setTimeout as delay } from 'node:timers/promises';
import { parseArgs } from 'node:util';
import { parseArticle } from '../src/core/articles/parse-article.ts';
import { Desk, type Pause } from '../src/core/desk.ts';
import type { Article } from '../src/core/types.ts';
import { loadDeskData } from '../src/load/desk-data.ts';
import { buildInWorker } from '../src/reload/build-in-worker.ts';
import { reindexSlices } from '../src/reload/time-slices.ts';
import { articleFileText, generateCorpus } from './generate-corpus.ts';
import { generateQuestions } from './generate-questions.ts';

const { values: flags } = parseArgs({
  options: {
    paragraphs: { type: 'string', default: '100000' },
    // As bench:reindex starts: the first index built on this thread (Desk.build), its garbage not collected.
    'sync-first': { type: 'boolean', default: false },
  },
});
const log = (s: string) => process.stderr.write(`${s}\n`);
const articles = generateCorpus({ paragraphs: Number(flags.paragraphs) }).map(
  (g) => parseArticle(g.id, articleFileText(g)) as Article,
);
const marks: [string, number][] = [];
const mark = (what: string) => marks.push([what, performance.now()]);
const worker = buildInWorker();
const deskOptions = {
  ...loadDeskData(),
  buildIndex: (a: readonly Article[], p: Pause) => worker(a, p).finally(() => mark('data received')),
};
const desk = flags['sync-first'] ? Desk.build(articles, deskOptions) : await Desk.open(articles, deskOptions);
desk.warmUp();
const questions = generateQuestions(articles, { count: 500 });
for (const q of questions.slice(0, 100)) await desk.ask(q.text);
if (!flags['sync-first']) (globalThis as { gc?: () => void }).gc?.();
// What one question costs this thread when nothing else runs (CPU, the least of three passes of 100):
// a V8 flag that shortens the re-index's stalls must not make every answer dearer.
let askCpu = Number.POSITIVE_INFINITY;
for (let pass = 0; pass < 3; pass++) {
  const before = threadTimes();
  for (const q of questions.slice(100 + pass * 100, 200 + pass * 100)) await desk.ask(q.text);
  askCpu = Math.min(askCpu, (threadTimes().run - before.run) / 100);
}
log(
  `flags ${process.execArgv.join(' ') || '(none)'}; load ${loadavg()
    .map((l) => l.toFixed(1))
    .join(' ')}; idle ask CPU ${askCpu.toFixed(2)} ms (least of 3 passes of 100)`,
);
marks.length = 0;

const gcs: { at: number; ms: number; kind: number }[] = [];
const obs = new PerformanceObserver((list) => {
  for (const e of list.getEntries())
    gcs.push({
      at: e.startTime,
      ms: e.duration,
      kind: (e as unknown as { detail?: { kind: number } }).detail?.kind ?? 0,
    });
});
obs.observe({ entryTypes: ['gc'] });
const steps: { at: number; ms: number }[] = [];
const slices = reindexSlices();
let stepStart = performance.now();
const pause: Pause = () => {
  const now = performance.now();
  steps.push({ at: stepStart, ms: now - stepStart });
  const p = slices();
  if (!p) {
    stepStart = now;
    return;
  }
  return p.then(() => {
    stepStart = performance.now();
  });
};
const h = monitorEventLoopDelay({ resolution: 5 });
const lat: { at: number; ms: number }[] = [];
let done = false;
const t0 = performance.now();
// On Linux the clock of a `--cpu-prof` profile's timestamps (µs): to find the re-index's moments in one.
log(`t0 monotonic ${(process.hrtime.bigint() / 1000n).toString()} µs, performance.now ${t0.toFixed(0)} ms`);
mark('replace start');
const cpu0 = process.cpuUsage();
const thread0 = threadTimes();
const working = desk.replace(desk.articles(), pause).then(() => {
  done = true;
  mark('replace end');
});
h.enable();
for (let k = 0; !done; k++) {
  const arrival = t0 + k * 25;
  const wait = arrival - performance.now();
  if (wait > 0) await delay(wait);
  else await new Promise((r) => setImmediate(r));
  await desk.ask((questions[k % questions.length] as { text: string }).text);
  lat.push({ at: arrival, ms: performance.now() - arrival });
}
await working;
h.disable();
const cpu = process.cpuUsage(cpu0);
const thread1 = threadTimes();
obs.disconnect();
const rel = (t: number) => ((t - t0) / 1000).toFixed(3);
const sorted = lat.map((l) => l.ms).sort((a, b) => a - b);
const pct = (p: number) =>
  (sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0).toFixed(1);
log(
  `questions ${lat.length} p50 ${pct(50)} p99 ${pct(99)} max ${(sorted.at(-1) ?? 0).toFixed(1)}; replace ${rel(performance.now())} s; main cpu user ${(cpu.user / 1e6).toFixed(1)} sys ${(cpu.system / 1e6).toFixed(1)} s`,
);
log(
  `answering thread during the re-index: on a CPU ${((thread1.run - thread0.run) / 1000).toFixed(1)} s, waiting for one ${((thread1.wait - thread0.wait) / 1000).toFixed(1)} s; load ${loadavg()
    .map((l) => l.toFixed(1))
    .join(' ')}`,
);
log(
  `loop delay p50 ${(h.percentile(50) / 1e6).toFixed(1)} p99 ${(h.percentile(99) / 1e6).toFixed(1)} max ${(h.max / 1e6).toFixed(1)} ms`,
);
log(`marks: ${marks.map(([w, t]) => `${w}@${rel(t)}`).join(', ')}`);
log(
  `slow questions (>30ms): ${lat
    .filter((l) => l.ms > 30)
    .map((l) => `${rel(l.at)}:${l.ms.toFixed(0)}`)
    .join(' ')}`,
);
const kinds: Record<number, string> = { 1: 'minor', 2: 'major', 4: 'incr', 8: 'weak' };
log(
  `gcs >5ms: ${gcs
    .filter((g) => g.ms > 5)
    .map((g) => `${rel(g.at)}:${kinds[g.kind] ?? g.kind}:${g.ms.toFixed(0)}`)
    .join(' ')}`,
);
log(
  `gc total ${gcs.reduce((s, g) => s + g.ms, 0).toFixed(0)} ms in ${gcs.length}; major ${gcs.filter((g) => g.kind === 2).length}`,
);
for (const [kind, name] of Object.entries(kinds)) {
  const of = gcs.filter((g) => g.kind === Number(kind));
  if (of.length)
    log(
      `gc ${name}: ${of.length}, ${of.reduce((s, g) => s + g.ms, 0).toFixed(0)} ms, max ${Math.max(...of.map((g) => g.ms)).toFixed(1)}, over 20 ms ${of.filter((g) => g.ms > 20).length}`,
    );
}
log(
  `steps >8ms: ${steps
    .filter((s) => s.ms > 8)
    .map((s) => `${rel(s.at)}:${s.ms.toFixed(0)}`)
    .join(' ')}`,
);
const mem = process.memoryUsage();
log(`heap used ${(mem.heapUsed / 2 ** 20).toFixed(0)} MB rss ${(mem.rss / 2 ** 20).toFixed(0)} MB`);
process.exit(0);

/**
 * This (the main) thread's time on a CPU and waiting for one, in ms, from Linux's schedstat (zeros
 * elsewhere): the wait is what other threads and processes cost it.
 */
function threadTimes(): { run: number; wait: number } {
  try {
    const [run, wait] = readFileSync(`/proc/self/task/${process.pid}/schedstat`, 'utf8')
      .split(' ')
      .map(Number);
    return { run: (run ?? 0) / 1e6, wait: (wait ?? 0) / 1e6 };
  } catch {
    return { run: 0, wait: 0 };
  }
}
