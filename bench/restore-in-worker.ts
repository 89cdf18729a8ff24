/**
 * `node --expose-gc --import tsx bench/restore-in-worker.ts [paragraphs]` (default 100000): how long reading the
 * start-up snapshot holds the main thread, read in a worker thread (`restoreInWorker`, what `npm start` does
 * from 8 MB) against read here (`Desk.restore`): wall time, the main thread's own CPU time (Linux
 * schedstat), the number of 10 ms timer ticks that ran meanwhile (what a `/healthz` request would wait
 * behind) and the longest gap between two of them. Prints to stdout; writes nothing to the repository.
 */
import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { parseArticle } from '../src/core/articles/parse-article.ts';
import { Desk } from '../src/core/desk.ts';
import { type Article, silentLogger } from '../src/core/types.ts';
import { loadDeskData } from '../src/load/desk-data.ts';
import { buildInWorker } from '../src/reload/build-in-worker.ts';
import { readDeskSnapshot, writeDeskSnapshot } from '../src/snapshot/desk-snapshot.ts';
import { articleFileText, generateCorpus } from './generate-corpus.ts';

const N = Number(process.argv[2] ?? 100000);
/** The main thread's CPU time so far, ms (Linux: /proc). */
const tcpu = () =>
  Number(readFileSync(`/proc/self/task/${process.pid}/schedstat`, 'utf8').split(' ')[0]) / 1e6;
const articles = generateCorpus({ paragraphs: N }).map(
  (g) => parseArticle(g.id, articleFileText(g)) as Article,
);
const data = loadDeskData();
const desk = await Desk.open(articles, { ...data, buildIndex: buildInWorker() });
const dir = await mkdtemp(path.join(tmpdir(), 'newsdesk-restore-measure-'));
const place = { dir, seedsDir: dir, logger: silentLogger };
await writeDeskSnapshot(place, 'k', { articles: desk.articles(), pieces: desk.snapshot() }, []);
console.log(`load ${loadavg()[0]?.toFixed(1)}`);
for (const [label, min] of [
  ['worker', 0],
  ['here', Number.POSITIVE_INFINITY],
  ['worker', 0],
  ['here', Number.POSITIVE_INFINITY],
  ['worker', 0],
] as const) {
  (globalThis as { gc?: () => void }).gc?.();
  const h = monitorEventLoopDelay({ resolution: 5 });
  let ticks = 0;
  let maxGap = 0;
  let last = performance.now();
  const timer = setInterval(() => {
    const now = performance.now();
    maxGap = Math.max(maxGap, now - last);
    last = now;
    ticks++;
  }, 10);
  h.enable();
  const c0 = tcpu();
  const t0 = performance.now();
  const restored = await readDeskSnapshot({ ...place, workerMinBytes: min }, 'k', data);
  const ms = performance.now() - t0;
  maxGap = Math.max(maxGap, performance.now() - last);
  const cpu = tcpu() - c0;
  h.disable();
  clearInterval(timer);
  if (!restored) throw new Error('not restored');
  console.log(
    `${label}: ${ms.toFixed(0)} ms wall, main-thread CPU ${cpu.toFixed(0)} ms, 10 ms timer ticks ${ticks}, longest gap between ticks ${maxGap.toFixed(0)} ms, loop delay p99 ${(h.percentile(99) / 1e6).toFixed(1)} max ${(h.max / 1e6).toFixed(0)} ms; articles ${restored.desk.stats.articles}`,
  );
}
console.log(`load ${loadavg()[0]?.toFixed(1)}`);
await rm(dir, { recursive: true, force: true });
process.exit(0);
