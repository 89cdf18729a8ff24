/**
 * `npm run bench:reindex`: re-indexing while answering (issue 17 part 2), on a generated corpus
 * (`generate-corpus.ts`, 100k paragraphs by default):
 *
 *  1. answers while nothing else runs (**idle**), then while the whole corpus is re-indexed the way a reload
 *     that changed most of the folder does it (`Desk.replace`, time slices: `reload/time-slices.ts`): built
 *     in a worker thread (`reload/build-in-worker.ts`, what `npm start` does) and taken up in steps, and, for
 *     comparison, built on the answering thread in steps. Questions arrive on a fixed schedule (one every
 *     {@link ARRIVAL_MS} ms, drawn like the main benchmark's), each in its own turn of the event loop (as a
 *     message from a platform does), and each one's latency runs from when it arrived to when its answer
 *     was ready, so waiting behind indexing work counts;
 *  2. how long a synchronous build of the same corpus (`Desk.build`) holds the thread: what every question
 *     waited for during a reload before;
 *  3. **add**: an article file written into the watched folder (`ArticleLibrary.watch`, as `npm start` runs
 *     it) until a question about it is answered from it: watcher, debounce, reading the file, indexing it.
 *
 * Prints a Markdown table and, with `--write`, puts it in bench/RESULTS.md between the reindex markers.
 * Options: `--paragraphs N` (default 100000), `--adds N` (default 5).
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { cpus, loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { parseArgs } from 'node:util';
import { parseArticle } from '../src/core/articles/parse-article.ts';
import { Desk } from '../src/core/desk.ts';
import { type Article, silentLogger } from '../src/core/types.ts';
import { loadDeskData } from '../src/load/desk-data.ts';
import { ArticleLibrary, type ReloadReport } from '../src/reload/article-library.ts';
import { buildInWorker } from '../src/reload/build-in-worker.ts';
import { reindexSlices } from '../src/reload/time-slices.ts';
import { articleFileText, type GeneratedArticle, generateCorpus, writeCorpus } from './generate-corpus.ts';
import { type BenchQuestion, generateQuestions } from './generate-questions.ts';
import { writeResultsSection } from './results-section.ts';
import { percentile } from './stats.ts';

/** A question arrives this often (ms): ~40 a second, a busy bot, well below what one thread answers idle. */
const ARRIVAL_MS = 25;

const { values: flags } = parseArgs({
  options: {
    paragraphs: { type: 'string', default: '100000' },
    adds: { type: 'string', default: '5' },
    write: { type: 'boolean', default: false },
    // For A/B runs (a V8 flag, a change to the worker): only the idle and worker rows (and the adds).
    'no-in-thread': { type: 'boolean', default: false },
  },
});
const paragraphs = Number(flags.paragraphs);
const adds = Number(flags.adds);

const loadAtStart = loadavg()[0] ?? 0;
const began = Date.now();
const dir = await mkdtemp(path.join(tmpdir(), 'newsdesk-bench-reindex-'));
const log = (line: string) => process.stderr.write(`${line}\n`);

try {
  log(`Writing ${paragraphs.toLocaleString('en-US')} generated paragraphs…`);
  await writeCorpus(dir, generateCorpus({ paragraphs }));
  let lastReport: { report: ReloadReport; at: number } | undefined;
  const library = new ArticleLibrary({
    dir,
    logger: silentLogger,
    onReload: (report) => {
      lastReport = { report, at: performance.now() };
    },
  });
  const articles = await library.open();
  log('Building the index (Desk.build, synchronous)…');
  const buildStart = performance.now();
  // When the worker's index arrived: the questions before it waited beside the worker's build, those
  // after it beside the take-up and warm-up on this thread (which of the two a slow answer is owed to).
  let indexArrived = 0;
  const build = buildInWorker();
  const desk = Desk.build(articles, {
    ...loadDeskData(),
    buildIndex: (list, pause) =>
      build(list, pause).then((data) => {
        indexArrived = performance.now();
        return data;
      }),
  });
  const buildMs = performance.now() - buildStart;
  desk.warmUp();
  const questions = generateQuestions(articles, { count: 1000 });

  // The build's garbage collected and the answer path compiled before anything is timed.
  await answerWhile(desk, questions, (n) => n >= 100);
  log('Answering, idle…');
  const idle = await answerWhile(desk, questions, (n) => n >= 400);
  log('Answering while the whole corpus is re-indexed in a worker thread (Desk.replace)…');
  const worker = await answerDuring(desk, questions, () => desk.replace(desk.articles(), reindexSlices()));
  log('Answering while the whole corpus is re-indexed on the answering thread, in time slices…');
  const thread = flags['no-in-thread']
    ? undefined
    : await answerDuring(desk, questions, () =>
        Desk.build([], loadDeskData()).replace(desk.articles(), reindexSlices()),
      );

  log(`Adding ${adds} articles to the watched folder, one at a time…`);
  library.watch(desk);
  const extra = generateCorpus({ paragraphs: 30 * adds, seed: 424242 }).slice(0, adds);
  const addMs: number[] = [];
  for (const [i, generated] of extra.entries()) {
    const article = { ...generated, id: `zz-added-${i}` };
    const question = answerableQuestion(article);
    const name = `${article.id}.txt`;
    const written = performance.now();
    await writeFile(path.join(dir, name), articleFileText(article), 'utf8');
    for (;;) {
      if (performance.now() - written > 30_000) throw new Error(`bench: ${name} never answered`);
      if (lastReport?.report.added.includes(name)) {
        const reply = await desk.ask(question);
        if (reply.kind === 'answer' && reply.passages.some((p) => p.articleId === article.id)) break;
      }
      await delay(5);
    }
    addMs.push(performance.now() - written);
    await delay(200);
  }
  library.close();

  const ms = (v: number) => (v >= 100 ? v.toFixed(0) : v.toFixed(1));
  const row = (what: string, latencies: number[]) =>
    `| ${what} | ${latencies.length.toLocaleString('en-US')} | ${ms(percentile(latencies, 50))} | ${ms(percentile(latencies, 99))} | ${ms(Math.max(...latencies))} |`;
  const table = [
    `Taken ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC with \`npm run bench:reindex\` (${((Date.now() - began) / 1000).toFixed(0)} s), ${paragraphs.toLocaleString('en-US')} generated paragraphs (${articles.length.toLocaleString('en-US')} articles), node ${process.version}, ${cpus().length} CPUs; 1-minute load average ${loadAtStart.toFixed(1)} at the start and ${(loadavg()[0] ?? 0).toFixed(1)} at the end (a load above the CPU count means other work slowed these runs). Questions arrive one every ${ARRIVAL_MS} ms; latency is from arrival to answer.`,
    '',
    '| answering | questions | p50 ms | p99 ms | max ms |',
    '| --- | ---: | ---: | ---: | ---: |',
    row('idle', idle),
    row(
      `during a full re-index built in a worker thread (\`Desk.replace\`, what \`npm start\` does; ${(worker.ms / 1000).toFixed(1)} s)`,
      worker.latencies,
    ),
    ...(thread
      ? [
          row(
            `during a full re-index built on the answering thread in time slices (${(thread.ms / 1000).toFixed(1)} s)`,
            thread.latencies,
          ),
        ]
      : []),
    '',
    phases(worker, indexArrived),
    '',
    `A synchronous build of the same corpus (\`Desk.build\`, what a reload did before) held the thread for ${(buildMs / 1000).toFixed(1)} s.`,
    '',
    '| one article added to the watched folder | articles | median ms | max ms |',
    '| --- | ---: | ---: | ---: |',
    `| file written → a question about it answered from it | ${addMs.length} | ${ms(percentile(addMs, 50))} | ${ms(Math.max(...addMs))} |`,
  ].join('\n');
  console.log(`\n${table}`);
  if (flags.write) {
    await writeResultsSection(
      'reindex',
      'Re-indexing while answering (issue 17)',
      'npm run bench:reindex -- --write',
      table,
    );
    console.log('bench/RESULTS.md updated.');
  }
} finally {
  await rm(dir, { recursive: true, force: true });
}
process.exit(0);

/**
 * Asks questions arriving one every {@link ARRIVAL_MS} ms, one at a time, until `done` (given how many were
 * answered) says so; returns each one's latency from its arrival to its answer.
 */
async function answerWhile(
  desk: Desk,
  questions: readonly BenchQuestion[],
  done: (answered: number) => boolean,
): Promise<number[]> {
  const latencies: number[] = [];
  const start = performance.now();
  for (let k = 0; !done(k); k++) {
    const arrival = start + k * ARRIVAL_MS;
    const wait = arrival - performance.now();
    // Each question in a turn of its own, as a platform's message arrives: answered back to back in one
    // chain of promises, a backlog would keep everything else (the re-index's steps) from running at all.
    if (wait > 0) await delay(wait);
    else await new Promise((resolve) => setImmediate(resolve));
    await desk.ask((questions[k % questions.length] as BenchQuestion).text);
    latencies.push(performance.now() - arrival);
  }
  return latencies;
}

/** Answers questions (as {@link answerWhile}) while `work` runs; its time and their latencies. */
async function answerDuring(
  desk: Desk,
  questions: readonly BenchQuestion[],
  work: () => Promise<void>,
): Promise<{ ms: number; latencies: number[]; start: number }> {
  let done = false;
  const start = performance.now();
  const working = work().then(() => {
    done = true;
  });
  const latencies = await answerWhile(desk, questions, () => done);
  await working;
  return { ms: performance.now() - start, latencies, start };
}

/**
 * The worker re-index's questions split at `arrived` (when the worker's index arrived): those that came
 * while the worker built, and those while the index was taken up and warmed up here.
 */
function phases(run: { latencies: number[]; start: number; ms: number }, arrived: number): string {
  const split = Math.max(0, Math.ceil((arrived - run.start) / ARRIVAL_MS));
  const part = (what: string, latencies: number[], ms: number) =>
    latencies.length
      ? `${what} (${(ms / 1000).toFixed(1)} s): ${latencies.length} questions, p99 ${percentile(latencies, 99).toFixed(0)} ms, max ${Math.max(...latencies).toFixed(0)} ms, ${latencies.filter((l) => l > 50).length} over 50 ms`
      : `${what}: no questions`;
  return `During the worker re-index, ${part('while the worker built', run.latencies.slice(0, split), arrived - run.start)}; ${part('while the index was taken up and warmed up here', run.latencies.slice(split), run.start + run.ms - arrived)}. Node flags: ${process.execArgv.filter((f) => !f.startsWith('--import') && f !== 'tsx').join(' ') || 'none'}.`;
}

/** A question drawn from the article (answerable, spelled right). */
function answerableQuestion(article: GeneratedArticle): string {
  const parsed = parseArticle(article.id, articleFileText(article)) as Article;
  const found = generateQuestions([parsed], { count: 10, seed: 11 }).find((q) => q.kind === 'answerable');
  if (!found) throw new Error('bench: no answerable question for an added article');
  return found.text;
}
