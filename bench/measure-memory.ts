/**
 * `npm run bench:memory [-- --paragraphs N] [--seed N] [--write] [--keep]`: the heap a real Newsdesk process
 * holds once started on a generated corpus (issue 17: ≤ 500 MB at 100k paragraphs), and where it goes.
 *
 * 1. The corpus (`generate-corpus.ts`, as `npm run bench` makes it) is written to a temporary folder.
 * 2. `npm start`'s own entry (`scripts/run.mjs main`: console mode, memory engine, default settings) is started
 *    twice on it, with `memory-probe.mjs` preloaded: a first start that reads and indexes the articles and
 *    writes the index snapshot, and a restart that opens that snapshot. Once each has warmed up (and the first
 *    has written its snapshot), it is asked a few questions, then `SIGUSR2` makes it collect garbage fully and
 *    report `process.memoryUsage()`.
 * 3. The breakdown: this process builds the same desk, then lets go of its parts one at a time (the index's
 *    fields, then the articles), collecting garbage after each; what the heap loses is what that part held.
 *    A part shared with one let go of later counts there (passages share their text with the articles).
 *
 * `--write` puts the figures in bench/RESULTS.md between the memory markers (nothing else is touched).
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm, utimes } from 'node:fs/promises';
import { cpus, loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { Desk } from '../src/core/desk.ts';
import { type Article, silentLogger } from '../src/core/types.ts';
import { loadDeskData } from '../src/load/desk-data.ts';
import { loadArticles } from '../src/load/load-articles.ts';
import { generateCorpus, writeCorpus } from './generate-corpus.ts';
import { generateQuestions } from './generate-questions.ts';
import { writeResultsSection } from './results-section.ts';
import { canCollect, heapAfterGc } from './stats.ts';

/** The target of issue 17: the heap of a process serving 100k paragraphs, once started. */
const TARGET_MB = 500;
const MB = 1024 * 1024;
const PROBE = fileURLToPath(new URL('./memory-probe.mjs', import.meta.url));
const RUN = fileURLToPath(new URL('../scripts/run.mjs', import.meta.url));
/** How long a start may take before the run gives up (a 100k first start indexes for ~30–80 s). */
const START_DEADLINE_MS = 10 * 60_000;

const { values } = parseArgs({
  options: {
    paragraphs: { type: 'string', default: '100000' },
    seed: { type: 'string', default: '1' },
    questions: { type: 'string', default: '5' },
    write: { type: 'boolean', default: false },
    keep: { type: 'boolean', default: false },
  },
});
const paragraphs = Number(values.paragraphs);
const seed = Number(values.seed);
if (!canCollect) throw new Error('bench:memory: run node with --expose-gc (npm run bench:memory does)');

const say = (message: string) => process.stderr.write(`bench:memory: ${message}\n`);

/** What `memory-probe.mjs` reports: `process.memoryUsage()` after a full collection. */
interface Usage {
  heapUsed: number;
  heapTotal: number;
  rss: number;
  external: number;
  arrayBuffers: number;
}

/** One start of a real Newsdesk process, measured. */
interface ProcessFigures {
  label: string;
  usage: Usage;
  /** From spawning to the console's first prompt, ms. */
  readyMs: number;
}

const loadBefore = loadavg()[0] as number;
const started = Date.now();
const work = await mkdtemp(path.join(tmpdir(), 'newsdesk-memory-'));
const seedsDir = path.join(work, 'articles');
const snapshotDir = path.join(work, 'cache');
try {
  say(`writing a corpus of ${paragraphs.toLocaleString('en-US')} paragraphs to ${seedsDir}`);
  await writeCorpus(seedsDir, generateCorpus({ paragraphs, seed }));
  // Held through an object this script lets go of: a variable would keep the articles alive to the end.
  const loaded: { articles?: Article[] } = { articles: await loadArticles(seedsDir, silentLogger) };
  const questions = generateQuestions(loaded.articles as Article[], {
    count: Number(values.questions),
    seed: seed + 6,
  })
    .filter((q) => q.kind === 'answerable')
    .map((q) => q.text);
  const [first, reloaded] = await measureProcess(
    'first start: reads and indexes the articles, writes the snapshot',
    { questions, snapshotWritten: true, reload: true },
  );
  if (!reloaded) throw new Error('bench:memory: no figures after the reload');
  say(
    `first start: heap ${mb(first.usage.heapUsed)} MB; after a full reload ${mb(reloaded.usage.heapUsed)} MB`,
  );
  const [restart] = await measureProcess('restart: opens the index snapshot', {
    questions,
    snapshotWritten: false,
  });
  say(`restart: heap ${mb(restart.usage.heapUsed)} MB`);
  say('breakdown: building the same desk in this process');
  const breakdown = await measureBreakdown(loaded, questions);
  const markdown = render([first, reloaded, restart], breakdown, (Date.now() - started) / 1000, loadBefore);
  console.log(markdown);
  if (values.write) {
    await writeResultsSection(
      'memory',
      'Memory of a running process (issue 17)',
      'npm run bench:memory -- --write',
      markdown,
    );
    say('bench/RESULTS.md updated');
  }
} finally {
  if (!values.keep) await rm(work, { recursive: true, force: true });
  else say(`kept ${work}`);
}

/**
 * Starts `npm start`'s entry on the corpus with the memory probe, waits until it is up, warmed up and (on a
 * first start) has written its snapshot, asks the questions, and reads its heap.
 */
async function measureProcess(
  label: string,
  options: { questions: readonly string[]; snapshotWritten: boolean; reload?: boolean },
): Promise<[ProcessFigures, ...ProcessFigures[]]> {
  say(`${label}…`);
  const probeFile = path.join(work, `probe-${Date.now()}.jsonl`);
  const begun = performance.now();
  // Only what the process needs: no platform token of this shell's environment may turn a platform on.
  const env = {
    PATH: process.env.PATH ?? '',
    HOME: work,
    SEEDS_DIR: seedsDir,
    SNAPSHOT_DIR: snapshotDir,
    LOG_LEVEL: 'debug',
    NEWSDESK_MEMORY_PROBE: probeFile,
  };
  const child = spawn(process.execPath, ['--expose-gc', '--import', PROBE, RUN, 'main'], {
    cwd: work,
    env,
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  const output = watchOutput(child);
  try {
    const deadline = Date.now() + START_DEADLINE_MS;
    await output.until(() => output.prompts >= 1, deadline, 'the console prompt');
    const readyMs = performance.now() - begun;
    await output.until(() => output.log.includes('Index warmed up'), deadline, 'the index warm-up');
    if (options.snapshotWritten)
      await output.until(
        () => output.log.includes('Wrote an index snapshot'),
        deadline,
        'the snapshot write',
      );
    for (const question of options.questions) {
      const prompts = output.prompts;
      child.stdin?.write(`${question}\n`);
      await output.until(() => output.prompts > prompts, deadline, `the answer to "${question}"`);
    }
    const probe = async (n: number): Promise<Usage> => {
      child.kill('SIGUSR2');
      let usage: Usage | undefined;
      await output.until(
        () => usage !== undefined,
        deadline,
        'the memory probe',
        async () => {
          usage = await readProbe(probeFile, n);
        },
      );
      return usage as Usage;
    };
    const figures: [ProcessFigures, ...ProcessFigures[]] = [{ label, usage: await probe(0), readyMs }];
    if (options.reload) {
      // Every file touched: the watcher re-reads them all, and a reload that changed most of the folder
      // builds a new index in a worker thread and swaps it in whole (`Desk.replace`).
      const reloads = output.log.split('Reloaded articles:').length;
      const later = new Date(Date.now() + 60_000);
      for (const name of await readdir(seedsDir)) await utimes(path.join(seedsDir, name), later, later);
      await output.until(
        () => output.log.split('Reloaded articles:').length > reloads,
        deadline,
        'the full reload',
      );
      for (const question of options.questions) {
        const prompts = output.prompts;
        child.stdin?.write(`${question}\n`);
        await output.until(() => output.prompts > prompts, deadline, `the answer to "${question}"`);
      }
      figures.push({
        label:
          'the same process after a full reload (every file touched: re-read, re-indexed in a worker thread, swapped in)',
        usage: await probe(1),
        readyMs: Number.NaN,
      });
    }
    return figures;
  } finally {
    child.stdin?.end();
    const exited = new Promise((resolve) => child.once('exit', resolve));
    if (child.exitCode === null) {
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(timer);
    }
  }
}

/** The child's console prompts and log, and a way to wait on them. */
function watchOutput(child: ChildProcess) {
  const state = {
    prompts: 0,
    log: '',
    exited: false,
    /** Polls `done` (after `poll`, when given) until it holds; throws if the process exits or time runs out. */
    async until(
      done: () => boolean,
      deadline: number,
      what: string,
      poll?: () => Promise<void>,
    ): Promise<void> {
      for (;;) {
        await poll?.();
        if (done()) return;
        if (state.exited)
          throw new Error(`bench:memory: the process exited before ${what}:\n${state.log.slice(-2000)}`);
        if (Date.now() > deadline) throw new Error(`bench:memory: timed out waiting for ${what}`);
        await new Promise((resolve) => setTimeout(resolve, 200));
      }
    },
  };
  child.stdout?.setEncoding('utf8').on('data', (text: string) => {
    state.prompts += text.split('newsdesk> ').length - 1;
  });
  child.stderr?.setEncoding('utf8').on('data', (text: string) => {
    state.log += text;
  });
  child.once('exit', () => {
    state.exited = true;
  });
  return state;
}

/** The probe's report, once written. */
async function readProbe(file: string, n: number): Promise<Usage | undefined> {
  const text = await readFile(file, 'utf8').catch(() => '');
  const line = text.split('\n').filter(Boolean)[n];
  return line ? (JSON.parse(line) as Usage) : undefined;
}

/** One part of the desk and the heap it held. */
interface Part {
  what: string;
  bytes: number;
}

/**
 * Builds the desk in this process as `npm start` does (warmed up, a few questions answered), then lets go of
 * its parts one at a time, deepest first, and records what the heap lost each time (see the file comment).
 */
async function measureBreakdown(
  loaded: { articles?: Article[] },
  questions: readonly string[],
): Promise<{ parts: Part[]; total: number; baseline: number }> {
  let held: { articles?: Article[]; desk?: Desk } = { articles: loaded.articles };
  loaded.articles = undefined;
  const data = loadDeskData();
  // What answering loads on first need (word vectors, place names) is part of the process too.
  held.desk = Desk.build(held.articles as Article[], data);
  held.desk.warmUp();
  for (const question of questions) await held.desk.ask(question);
  const withDesk = heapAfterGc();
  const parts: Part[] = [];
  let before = withDesk;
  const release = (what: string, drop: () => void) => {
    drop();
    const now = heapAfterGc();
    parts.push({ what, bytes: before - now });
    before = now;
  };
  // Each part is let go of by a call that returns before the heap is read: no frame still refers to it.
  for (const keys of partsOf(held.desk as unknown as Record<string, unknown>, 3))
    release(['desk', ...keys].join('.'), () =>
      dropPath(held.desk as unknown as Record<string, unknown>, keys),
    );
  release('the articles (their text and paragraphs)', () => {
    held = {};
  });
  return { parts, total: withDesk - before, baseline: before };
}

/** Objects whose fields are let go of one by one (not collections, arrays or buffers: those go whole). */
function isComposite(value: unknown): value is Record<string, unknown> {
  if (!value || typeof value !== 'object') return false;
  if (
    Array.isArray(value) ||
    value instanceof Map ||
    value instanceof Set ||
    ArrayBuffer.isView(value) ||
    value instanceof ArrayBuffer ||
    value instanceof Date
  )
    return false;
  return Object.keys(value).length > 1;
}

/** The paths of `owner`'s fields that hold objects, and `depth` levels down their fields' first. */
function partsOf(owner: Record<string, unknown>, depth: number): string[][] {
  return Object.keys(owner).flatMap((key) => {
    const value = owner[key];
    if (!value || typeof value !== 'object') return [];
    const inner =
      depth > 0 && isComposite(value) ? partsOf(value, depth - 1).map((keys) => [key, ...keys]) : [];
    return [...inner, [key]];
  });
}

/** Sets the field at `keys` (a path from `root`) to undefined, unless it is gone already. */
function dropPath(root: Record<string, unknown>, keys: readonly string[]): void {
  let owner: Record<string, unknown> | undefined = root;
  for (const key of keys.slice(0, -1)) owner = owner?.[key] as Record<string, unknown> | undefined;
  // One object under two names (the desk's `corpus.engine` and `corpus.memory`) is let go of through the
  // first: its fields under the second are gone with it.
  if (owner) owner[keys[keys.length - 1] as string] = undefined;
}

function mb(bytes: number): string {
  return (bytes / MB).toFixed(0);
}

/** The figures as Markdown, for the console and bench/RESULTS.md. */
function render(
  starts: readonly ProcessFigures[],
  breakdown: { parts: Part[]; total: number; baseline: number },
  seconds: number,
  load: number,
): string {
  const when = new Date().toISOString().slice(0, 16).replace('T', ' ');
  const shown = breakdown.parts.filter((p) => Math.abs(p.bytes) >= MB);
  const rest = breakdown.total - shown.reduce((sum, p) => sum + p.bytes, 0);
  return [
    `Taken ${when} UTC with \`npm run bench:memory\` (${Math.round(seconds)} s), node ${process.version}, ${cpus().length} CPUs, a generated corpus of ${paragraphs.toLocaleString('en-US')} paragraphs (seed ${seed}); 1-minute load average ${load.toFixed(1)} at the start.`,
    '',
    `Heap of a real \`npm start\` process (console, memory engine, default settings) once started: \`process.memoryUsage()\` after a full GC, read through \`bench/memory-probe.mjs\` after it warmed up and answered ${Number(values.questions)} questions. Target: ≤ ${TARGET_MB} MB of heap at 100k paragraphs.`,
    '',
    '| start | heap used | heap total | rss | external (of which ArrayBuffers) | ready (prompt) | ≤ 500 MB |',
    '| --- | --- | --- | --- | --- | --- | --- |',
    ...starts.map(
      (s) =>
        `| ${s.label} | **${mb(s.usage.heapUsed)} MB** | ${mb(s.usage.heapTotal)} MB | ${mb(s.usage.rss)} MB | ${mb(s.usage.external)} MB (${mb(s.usage.arrayBuffers)} MB) | ${Number.isNaN(s.readyMs) ? '—' : `${(s.readyMs / 1000).toFixed(1)} s`} | ${s.usage.heapUsed <= TARGET_MB * MB ? 'yes' : 'no'} |`,
    ),
    '',
    `Where the heap goes: the same desk built in the benchmark's process (${mb(breakdown.total)} MB over a ${mb(breakdown.baseline)} MB baseline of code and libraries), its parts let go of one at a time, a full GC after each. A part shared with one let go of later counts there: passages share their text with the articles. Parts under 1 MB are summed in the last row.`,
    '',
    '| part | MB |',
    '| --- | ---: |',
    ...shown.map((p) => `| ${p.what} | ${mb(p.bytes)} |`),
    `| everything else | ${mb(rest)} |`,
  ].join('\n');
}
