/**
 * `npm run bench`: Newsdesk against raw MiniSearch on the real seeds and on generated corpora of 1k, 10k
 * and 100k paragraphs — index build and heap, snapshot, per-question latency and quality, start-up, and
 * the adapters' loopback round trip. Prints a table (progress goes to stderr), writes bench/results.json
 * and, for a full run, bench/RESULTS.md.
 *
 *   npm run bench                                  seeds + 1k, 10k, 100k (about ten minutes)
 *   npm run bench -- --quick                       seeds + 1k, fewer questions and runs (a minute)
 *   npm run bench -- --sizes 1000,10000            choose the generated sizes (1k, 10k and 100k work too)
 *   npm run bench -- --profile                     also CPU- and heap-profile Newsdesk's ask on the largest size
 *   options: --questions N, --seed N, --no-seeds, --no-startup, --no-adapters, --keep (keep the corpus files)
 */
import { execFileSync } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { Desk } from '../src/core/desk.ts';
import { type Article, silentLogger } from '../src/core/types.ts';
import { loadDeskData } from '../src/load/desk-data.ts';
import { loadArticles } from '../src/load/load-articles.ts';
import { answerAsText, newsdeskApproach, rawApproaches } from './approaches.ts';
import { generateCorpus, writeCorpus } from './generate-corpus.ts';
import { type BenchQuestion, generateQuestions } from './generate-questions.ts';
import { type AdapterResult, measureAdapters } from './measure-adapters.ts';
import { measureBuild } from './measure-build.ts';
import { type Approach, judgeMisspelled, measureQuestions } from './measure-questions.ts';
import { measureDeskSnapshot, measureSnapshot, measureSnapshotKey } from './measure-snapshot.ts';
import { measureStartup, REPO_ROOT, type StartupResult } from './measure-startup.ts';
import { type ProfileSummary, profileRun } from './profile-run.ts';
import { buildIndex, DEFAULT_OPTIONS, NEWSDESK_ANALYSIS_OPTIONS, passagesOf } from './raw-minisearch.ts';
import {
  type BenchResults,
  BUILD_LABELS,
  type CorpusResult,
  checkTargets,
  renderMarkdown,
  renderTables,
  withReadmeFigures,
} from './report.ts';
import { canCollect, heapAfterGc, timed, timedAsync } from './stats.ts';

/** The word vectors and country names `npm start` answers with, read once for every desk built here. */
const deskData = loadDeskData();

/** How hard a run works: the full run, or `--quick`. */
interface Settings {
  sizes: number[];
  seeds: boolean;
  questions: number;
  seed: number;
  quick: boolean;
  startup: boolean;
  adapters: boolean;
  profile: boolean;
  keep: boolean;
  /** Everything measured at the default sizes: only such a run rewrites bench/RESULTS.md. */
  complete: boolean;
  /** Measured passes over the questions; fewer on big corpora, where each pass is long. */
  passes: (passages: number) => number;
  buildRuns: (passages: number) => number;
  snapshotRuns: (passages: number) => number;
  /** Time one approach may take at one size, over all its passes. */
  budgetMs: number;
}

const USAGE = `Usage: npm run bench -- [--quick] [--sizes 1000,10000,100000] [--questions N] [--seed N]
       [--no-seeds] [--no-startup] [--no-adapters] [--profile] [--keep]`;

function readSettings(argv: string[]): Settings {
  const { values } = parseArgs({
    args: argv,
    options: {
      sizes: { type: 'string' },
      quick: { type: 'boolean', default: false },
      questions: { type: 'string' },
      seed: { type: 'string' },
      'no-seeds': { type: 'boolean', default: false },
      'no-startup': { type: 'boolean', default: false },
      'no-adapters': { type: 'boolean', default: false },
      profile: { type: 'boolean', default: false },
      keep: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    process.exit(0);
  }
  const quick = values.quick;
  const sizes = values.sizes
    ? values.sizes.split(',').map(parseSize)
    : quick
      ? [1000]
      : [1000, 10_000, 100_000];
  const big = (passages: number) => passages >= 50_000;
  return {
    sizes: [...new Set(sizes)].sort((a, b) => a - b),
    seeds: !values['no-seeds'],
    questions: values.questions ? positive(values.questions, '--questions') : quick ? 200 : 1000,
    seed: values.seed ? positive(values.seed, '--seed') : 1,
    quick,
    startup: !values['no-startup'],
    adapters: !values['no-adapters'],
    profile: values.profile,
    keep: values.keep,
    complete:
      !quick &&
      !values.sizes &&
      !values.questions &&
      !values['no-seeds'] &&
      !values['no-startup'] &&
      !values['no-adapters'],
    passes: (n) => (quick ? 1 : big(n) ? 4 : 3),
    buildRuns: (n) => (quick || big(n) ? 1 : 3),
    snapshotRuns: (n) => (quick ? 1 : big(n) ? 2 : 3),
    budgetMs: quick ? 4000 : 30_000,
  };
}

function parseSize(text: string): number {
  const m = /^(\d+(?:\.\d+)?)(k?)$/i.exec(text.trim());
  if (!m) throw new Error(`bench: --sizes takes numbers such as 1000,10k,100000; got "${text}"`);
  return Math.round(Number(m[1]) * (m[2] ? 1000 : 1));
}

function positive(text: string, flag: string): number {
  const n = Number(text);
  if (!Number.isInteger(n) || n <= 0)
    throw new Error(`bench: ${flag} takes a positive whole number; got "${text}"`);
  return n;
}

function sizeLabel(n: number): string {
  return n >= 1000 && n % 1000 === 0 ? `${n / 1000}k` : String(n);
}

// ---- progress -------------------------------------------------------------------------------------------

const started = performance.now();

/** One progress line on stderr, rewritten in place on a terminal. */
function progress(message: string): void {
  const s = Math.round((performance.now() - started) / 1000);
  const line = `[${String(Math.floor(s / 60)).padStart(2, '0')}:${String(s % 60).padStart(2, '0')}] ${message}`;
  if (process.stderr.isTTY)
    process.stderr.write(`\r\x1b[K${line.slice(0, (process.stderr.columns || 120) - 1)}`);
  else process.stderr.write(`${line}\n`);
}

function endProgress(): void {
  if (process.stderr.isTTY) process.stderr.write('\r\x1b[K');
}

// ---- one corpus -----------------------------------------------------------------------------------------

/** Measures everything that is measured per corpus. */
async function benchCorpus(
  label: string,
  dir: string,
  settings: Settings,
  workDir: string,
  profile: boolean,
): Promise<{ result: CorpusResult; questions: BenchQuestion[]; desk: Desk }> {
  const say = (m: string) => progress(`${label}: ${m}`);
  say('loading articles');
  const load = await timedAsync(() => loadArticles(dir, silentLogger));
  const articles = load.value;
  say('generating questions');
  const questions = generateQuestions(articles, { count: settings.questions, seed: settings.seed + 6 });
  const passages = passagesOf(articles);
  const n = passages.length;

  say('warming up the index builders');
  warmUpBuilders(articles);
  const runs = settings.buildRuns(n);
  say(`building ${BUILD_LABELS[0]} (${runs}×)`);
  let plain: ReturnType<typeof measureBuild<ReturnType<typeof buildIndex>>> | undefined = measureBuild(
    BUILD_LABELS[0],
    () => buildIndex(passages, DEFAULT_OPTIONS),
    runs,
  );
  const plainBuild = plain.result;
  say(`building ${BUILD_LABELS[1]} (${runs}×)`);
  let withAnalysis: ReturnType<typeof measureBuild<ReturnType<typeof buildIndex>>> | undefined = measureBuild(
    BUILD_LABELS[1],
    () => buildIndex(passages, NEWSDESK_ANALYSIS_OPTIONS),
    runs,
  );
  const analysisBuild = withAnalysis.result;
  say(`building ${BUILD_LABELS[2]} (${runs}×)`);
  const desk = measureBuild(BUILD_LABELS[2], () => Desk.build(articles, deskData), runs);

  say('snapshot write and load');
  const snapshot = await measureSnapshot(
    withAnalysis.value,
    NEWSDESK_ANALYSIS_OPTIONS,
    path.join(workDir, `snapshot-${label}.json`),
    settings.snapshotRuns(n),
  );
  withAnalysis = undefined; // only needed for the snapshot; free it before timing questions
  say('Newsdesk snapshot write and load');
  const deskSnapshot = await measureDeskSnapshot(
    desk.value,
    dir,
    path.join(workDir, `desk-snapshot-${label}`),
    settings.snapshotRuns(n),
  );
  const key = await measureSnapshotKey(dir);

  let approaches: Approach[] | undefined = [
    ...rawApproaches(plain.value, passages),
    newsdeskApproach(desk.value),
  ];
  const measureOptions = {
    passes: settings.passes(n),
    budgetMs: settings.budgetMs,
    minQuestions: settings.quick ? 20 : 50,
    onProgress: say,
  };
  const measured = await measureQuestions(approaches, questions, measureOptions);
  // The typo target compares (c) and (d) on every misspelled question, not only on (c)'s budgeted few.
  const fuzzy = approaches.find((a) => a.key === 'c');
  const fuzzyResult = measured.find((r) => r.key === 'c');
  if (fuzzy && fuzzyResult && fuzzyResult.n < questions.length) {
    say(`${fuzzy.label}: the misspelled questions it was not timed on (untimed)`);
    fuzzyResult.misspelledTop3 = await judgeMisspelled(fuzzy, fuzzyResult, questions);
  }
  // Side by side, every major GC marks the baselines' index too; (d) once more with only what a Newsdesk
  // process holds shows the pauses a real one would see.
  approaches = undefined;
  plain = undefined;
  const processHeapBytes = heapAfterGc();
  const alone = newsdeskApproach(desk.value, { key: 'd-alone', label: '(d) again, baselines freed' });
  measured.push(
    ...(await measureQuestions([alone], questions, {
      ...measureOptions,
      passes: n >= 50_000 ? 1 : measureOptions.passes,
    })),
  );

  const profiles = profile ? await profileCorpus(articles, questions, desk.value, say) : undefined;

  return {
    result: {
      label,
      articles: articles.length,
      passages: n,
      loadMs: load.ms,
      builds: [plainBuild, analysisBuild, desk.result],
      processHeapBytes,
      snapshot: { ...snapshot, key, desk: deskSnapshot },
      questions: measured,
      questionKinds: questions.map((q) => q.kind),
      profiles,
    },
    questions,
    desk: desk.value,
  };
}

/** `--profile`: Newsdesk answering every question, and building its index over up to 20k passages. */
async function profileCorpus(
  articles: readonly Article[],
  questions: readonly BenchQuestion[],
  desk: Desk,
  say: (message: string) => void,
): Promise<ProfileSummary[]> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'newsdesk-profile-'));
  say('profiling Newsdesk ask');
  const d = newsdeskApproach(desk);
  const ask = await profileRun(
    {
      name: 'ask',
      label: `Newsdesk ask + render, ${questions.length} questions`,
      units: questions.length,
      unit: 'question',
    },
    async () => {
      for (const q of questions) await d.run(q);
    },
    dir,
  );
  const slice = firstArticles(articles, 20_000);
  const passages = passagesOf(slice).length;
  say(`profiling Desk.build on ${passages} passages`);
  const build = await profileRun(
    { name: 'build', label: `Desk.build, ${passages} passages`, units: passages, unit: 'passage' },
    () => void Desk.build(slice, deskData),
    dir,
  );
  return [ask, build];
}

/** The first articles, up to about `paragraphs` paragraphs. */
function firstArticles(articles: readonly Article[], paragraphs: number): Article[] {
  const slice: Article[] = [];
  let count = 0;
  for (const a of articles) {
    if (count >= paragraphs) break;
    slice.push(a);
    count += a.paragraphs.length;
  }
  return slice;
}

/** Builds each index once on a slice of the articles, so the measured builds run optimised code. */
function warmUpBuilders(articles: readonly Article[]): void {
  const slice = firstArticles(articles, 1000);
  const passages = passagesOf(slice);
  buildIndex(passages, DEFAULT_OPTIONS);
  buildIndex(passages, NEWSDESK_ANALYSIS_OPTIONS);
  Desk.build(slice, deskData);
}

/** A question the corpus answers, for timing start-up to the first answer. */
function startupQuestion(questions: readonly BenchQuestion[]): string {
  return (questions.find((q) => q.kind === 'answerable') ?? questions[0] ?? { text: 'What happened?' }).text;
}

// ---- the run --------------------------------------------------------------------------------------------

async function main(): Promise<void> {
  const settings = readSettings(process.argv.slice(2));
  if (!canCollect) progress('warning: node was started without --expose-gc; heap figures include garbage');
  const startedAt = new Date().toISOString();
  const loadStart = os.loadavg()[0] ?? 0;
  const workDir = await mkdtemp(path.join(os.tmpdir(), 'newsdesk-bench-'));
  const corpora: CorpusResult[] = [];
  const startup: StartupResult[] = [];
  let adapters: BenchResults['adapters'] = { measured: false, reason: 'skipped (--no-adapters)' };
  const largest = settings.sizes.at(-1);
  try {
    if (settings.seeds) {
      const seedsDir = path.join(REPO_ROOT, 'seeds');
      const seeds = await benchCorpus(
        'seeds',
        seedsDir,
        settings,
        workDir,
        settings.profile && largest === undefined,
      );
      corpora.push(seeds.result);
      if (settings.startup) {
        const q = startupQuestion(seeds.questions);
        const runs = settings.quick ? { runs: 1, warmups: 1 } : { runs: 3, warmups: 1 };
        // What 'npm ci' leaves (its 'prepare' step): a bundle newer than the sources, which 'npm run ask'
        // then runs. Without it, a source edited since the last build would time the tsx fallback.
        progress('start-up on the seeds: building the bundle (npm run build)');
        execFileSync('node', ['scripts/build.mjs'], { cwd: REPO_ROOT, stdio: 'ignore' });
        for (const command of ['npm', 'run', 'tsx', 'node'] as const) {
          progress(`start-up on the seeds: ${command}`);
          startup.push(await measureStartup(command, { label: 'seeds', dir: seedsDir }, q, runs));
        }
      }
      if (settings.adapters) {
        adapters = await adapterRoundTrips(seeds.desk, seeds.questions, settings);
      }
    } else if (settings.adapters) {
      adapters = { measured: false, reason: 'needs the seeds (--no-seeds was given)' };
    }

    for (const size of settings.sizes) {
      const label = sizeLabel(size);
      const dir = path.join(workDir, `corpus-${label}`);
      progress(`${label}: generating ${size.toLocaleString('en-US')} paragraphs`);
      const generated = timed(() => generateCorpus({ paragraphs: size, seed: settings.seed }));
      await writeCorpus(dir, generated.value);
      const corpus = await benchCorpus(label, dir, settings, workDir, settings.profile && size === largest);
      corpora.push(corpus.result);
      if (settings.startup && size === largest && !settings.quick) {
        progress(`${label}: start-up (npm run ask builds the whole index: this takes a while)`);
        // Its own snapshot folder: the first start builds and writes the snapshot, the second loads it.
        const snapshotDir = path.join(workDir, `startup-snapshot-${label}`);
        const question = startupQuestion(corpus.questions);
        startup.push(
          await measureStartup('npm', { label, dir }, question, { runs: 1, warmups: 0, snapshotDir }),
        );
        progress(`${label}: start-up from the snapshot the first start wrote`);
        startup.push(
          await measureStartup('npm', { label, dir }, question, {
            runs: 1,
            warmups: 0,
            snapshotDir,
            label: 'npm run ask, from snapshot',
          }),
        );
      }
    }
  } finally {
    if (settings.keep) progress(`kept the corpus files in ${workDir}`);
    else await rm(workDir, { recursive: true, force: true });
  }

  const partial = {
    startedAt,
    code: codeVersion(),
    machine: {
      cpus: os.cpus().length,
      model: os.cpus()[0]?.model.trim() ?? 'unknown',
      memoryGB: Math.round(os.totalmem() / 2 ** 30),
      node: process.version,
      platform: `${os.platform()} ${os.release()}`,
      loadAverage: [loadStart, os.loadavg()[0] ?? 0] as [number, number],
    },
    options: { ...settings, passes: undefined, buildRuns: undefined, snapshotRuns: undefined },
    corpora,
    startup,
    adapters,
  };
  const results: BenchResults = {
    ...partial,
    durationS: (performance.now() - started) / 1000,
    targets: checkTargets(partial),
  };
  endProgress();
  await writeFile(
    path.join(REPO_ROOT, 'bench/results.json'),
    `${JSON.stringify(results, withoutDetail, 2)}\n`,
  );
  if (settings.complete) {
    const command = [
      'npm run bench',
      ...(process.argv.length > 2 ? ['--', ...process.argv.slice(2)] : []),
    ].join(' ');
    const resultsFile = path.join(REPO_ROOT, 'bench/RESULTS.md');
    await writeFile(
      resultsFile,
      renderMarkdown(results, command) + soakSection(await readFile(resultsFile, 'utf8').catch(() => '')),
    );
    const readme = path.join(REPO_ROOT, 'README.md');
    const text = await readFile(readme, 'utf8');
    const updated = withReadmeFigures(text, results, command);
    if (updated !== text) await writeFile(readme, updated);
  }
  process.stdout.write(`${renderTables(results, 'text')}\n\n`);
  process.stdout.write(
    `Wrote bench/results.json${settings.complete ? ', bench/RESULTS.md and the figures in README.md' : ' (bench/RESULTS.md is written by a full run only)'} (${Math.round(results.durationS)} s).\n`,
  );
}

/** The adapter round trips on the seeds, or why they were not measured. */
async function adapterRoundTrips(desk: Desk, questions: readonly BenchQuestion[], settings: Settings) {
  const texts = questions.slice(0, 200).map((q) => q.text);
  // As the approaches are timed after a warm-up: 10 questions left most of discord.js and Bolt uncompiled.
  const options = settings.quick
    ? { warmUp: 20, sequential: 20, passes: 1, waves: 1 }
    : { warmUp: 200, sequential: 500, passes: 5, waves: 4 };
  // The core as (d) times it: ask and render as plain text.
  const core = async (question: string) => void (await answerAsText(desk, question));
  const results: AdapterResult[] = await measureAdapters(desk, core, texts, options, progress);
  if (results.every((r) => !r.measured)) {
    const reasons = results.map((r) => (r.measured ? '' : `${r.platform}: ${r.reason}`)).join('; ');
    return { measured: false as const, reason: `stand-ins not available (${reasons})` };
  }
  return results;
}

/** The commit measured, and whether `src/` had uncommitted changes (then the figures are of those). */
function codeVersion(): string {
  try {
    const git = (...args: string[]) =>
      execFileSync('git', args, {
        cwd: REPO_ROOT,
        encoding: 'utf8',
        // git's own "fatal: not a git repository" would reach the terminal: the catch below says it instead.
        stdio: ['ignore', 'pipe', 'ignore'],
      }).trim();
    const dirty = git('--no-optional-locks', 'status', '--porcelain', '--', 'src', 'package.json').length > 0;
    return `${git('rev-parse', '--short', 'HEAD')}${dirty ? ' with uncommitted changes in src/' : ''}`;
  } catch {
    return 'unknown (not a git checkout)';
  }
}

/** JSON replacer: per-question detail stays out of results.json. */
function withoutDetail(key: string, value: unknown): unknown {
  return key === 'outcomes' || key === 'questionKinds' || key === 'misspelledTop3' ? undefined : value;
}

main().catch((error: unknown) => {
  endProgress();
  process.stderr.write(
    `bench failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exit(1);
});

/**
 * The `npm run soak` figures kept in bench/RESULTS.md (their heading and the block between the soak markers),
 * so that a full bench run, which rewrites the file, does not drop them.
 */
function soakSection(previous: string): string {
  const at = previous.indexOf('## Load, faults and shutdown');
  return at >= 0 ? `\n${previous.slice(at).trimEnd()}\n` : '';
}
