/**
 * Per-question latency and answer quality of the four ways of answering, measured side by side: after a
 * warm-up, the approaches take turns pass by pass (so a busy neighbour on the machine slows them alike),
 * and each figure is the median over passes. A slow approach is given fewer questions (a multiple of ten,
 * so the mix of kinds holds) to stay within its time budget; `n` says how many.
 */
import { PerformanceObserver } from 'node:perf_hooks';
import type { BenchQuestion, QuestionKind } from './generate-questions.ts';
import { median, percentile, share } from './stats.ts';

/** What one answer was judged to be. */
export interface Outcome {
  /** The question's source paragraph is among the first three passages returned or cited. */
  top3: boolean;
  /** Nothing was returned (raw MiniSearch), or Newsdesk said the articles do not cover it. */
  declined: boolean;
}

/** One way of answering a question. */
export interface Approach {
  key: string;
  label: string;
  /**
   * Answers, and judges the answer against the question's source. Newsdesk's answer is asynchronous (the
   * desk may ask a database); raw MiniSearch's is not, and is not awaited, so it is timed as before.
   */
  run(question: BenchQuestion): Outcome | Promise<Outcome>;
  /** Always given every question, whatever its time budget (the approach under test). */
  everyQuestion?: boolean;
}

/** Latency figures of one approach, each the median over passes. */
export interface Latency {
  p50: number;
  p99: number;
  mean: number;
  /** Questions answered per second, one after another. */
  qps: number;
}

/** Answer quality: shares of questions, 0–1. */
export interface Quality {
  /** Answerable questions (typed correctly) whose source paragraph is in the top 3. */
  top3: number;
  /** Questions with one misspelled word whose source paragraph is in the top 3. */
  misspelledTop3: number;
  /** Questions whose words appear nowhere that were declined. */
  declined: number;
}

/** Everything measured for one approach at one corpus size. */
export interface ApproachResult extends Latency {
  key: string;
  label: string;
  /** Questions measured (the first `n` of the list). */
  n: number;
  passes: number;
  /** The p50 of each pass, in the order run (passes of all approaches take turns). */
  passP50s: number[];
  /** Latency by kind of question. */
  byKind: Record<QuestionKind, Latency & { n: number }>;
  quality: Quality;
  /** Time spent in garbage collection per 1,000 questions, in ms (median over passes). */
  gcMsPer1000: number;
  /** The judged outcome of each measured question, in order. */
  outcomes: Outcome[];
  /**
   * Whether each misspelled question (in order, all of them) found its paragraph in the top 3: filled in
   * for an approach given fewer questions than all ({@link judgeMisspelled}).
   */
  misspelledTop3?: boolean[];
}

/** Options for {@link measureQuestions}. */
export interface MeasureOptions {
  /** Measured passes over the questions (default 3). */
  passes?: number;
  /**
   * Time an approach may take over all its passes, in ms (default 40 s). A slow approach first gives up
   * passes, then questions: more questions make its quality figures firmer than more passes would.
   */
  budgetMs?: number;
  /** Fewest questions an approach is given (default 50). */
  minQuestions?: number;
  onProgress?: (message: string) => void;
}

const KINDS: readonly QuestionKind[] = ['answerable', 'misspelled', 'unanswerable'];

/** Measures every approach on the questions. */
export async function measureQuestions(
  approaches: readonly Approach[],
  questions: readonly BenchQuestion[],
  options: MeasureOptions = {},
): Promise<ApproachResult[]> {
  const budget = options.budgetMs ?? 40_000;
  const minQuestions = Math.min(questions.length, options.minQuestions ?? 50);
  const gc = watchGc();
  const plans = [];
  for (const approach of approaches) {
    options.onProgress?.(`warming up ${approach.label}`);
    const mean = await warmUp(approach, questions);
    const fits = Math.floor(budget / mean / 10) * 10;
    const n = approach.everyQuestion
      ? questions.length
      : Math.min(questions.length, Math.max(minQuestions, fits));
    const passes = approach.everyQuestion
      ? (options.passes ?? 3)
      : Math.max(1, Math.min(options.passes ?? 3, Math.floor(budget / (mean * n))));
    plans.push({
      approach,
      n,
      passes,
      runs: [] as Run[],
      outcomes: [] as Outcome[],
    });
  }
  // An approach timed more than once first answers every question once, untimed: at 100k paragraphs the
  // first pass of (d) still compiled code and filled caches (3.8 ms p50, then 3.2, 2.8, 2.2), and the
  // median then mixed a start-up cost into the steady state the passes measure.
  for (const plan of plans) {
    if (plan.passes < 2) continue;
    options.onProgress?.(`${plan.approach.label}: warm-up pass, ${plan.n} questions`);
    for (let i = 0; i < plan.n; i++) await plan.approach.run(questions[i] as BenchQuestion);
  }
  const mostPasses = Math.max(...plans.map((p) => p.passes));
  for (let pass = 0; pass < mostPasses; pass++) {
    for (const plan of plans) {
      if (pass >= plan.passes) continue;
      options.onProgress?.(`${plan.approach.label}: pass ${pass + 1}/${plan.passes}, ${plan.n} questions`);
      const ms = new Float64Array(plan.n);
      const from = performance.now();
      for (let i = 0; i < plan.n; i++) {
        const question = questions[i] as BenchQuestion;
        const start = performance.now();
        const answered = plan.approach.run(question);
        const outcome = answered instanceof Promise ? await answered : answered;
        ms[i] = performance.now() - start;
        if (pass === 0) plan.outcomes.push(outcome);
      }
      plan.runs.push({ ms, from, to: performance.now() });
    }
  }
  await gc.stop();
  return plans.map((plan) => summarize(plan, questions, gc));
}

/**
 * Runs questions until 20 are done or 3 s have passed (at least 3), twice: the first round lets the JIT
 * compile, the second estimates the mean time a question takes, in ms.
 */
async function warmUp(approach: Approach, questions: readonly BenchQuestion[]): Promise<number> {
  let mean = 0;
  for (let round = 0; round < 2; round++) {
    const start = performance.now();
    let done = 0;
    while (done < Math.min(20, questions.length) && (done < 3 || performance.now() - start < 3000)) {
      await approach.run(questions[questions.length - 1 - done] as BenchQuestion);
      done++;
    }
    mean = (performance.now() - start) / done;
  }
  return Math.max(0.001, mean);
}

function latency(values: readonly number[]): Latency {
  const total = values.reduce((a, b) => a + b, 0);
  return {
    p50: percentile(values, 50),
    p99: percentile(values, 99),
    mean: total / values.length,
    qps: (values.length * 1000) / total,
  };
}

/** Median of each latency figure over passes. */
function medianLatency(runs: readonly Latency[]): Latency {
  return {
    p50: median(runs.map((r) => r.p50)),
    p99: median(runs.map((r) => r.p99)),
    mean: median(runs.map((r) => r.mean)),
    qps: median(runs.map((r) => r.qps)),
  };
}

/** One pass of one approach: each question's time, and when the pass ran. */
interface Run {
  ms: Float64Array;
  from: number;
  to: number;
}

function summarize(
  plan: { approach: Approach; n: number; passes: number; runs: Run[]; outcomes: Outcome[] },
  questions: readonly BenchQuestion[],
  gc: { msBetween(from: number, to: number): number },
): ApproachResult {
  const measured = questions.slice(0, plan.n);
  const byKind = {} as ApproachResult['byKind'];
  for (const kind of KINDS) {
    const picks = measured.flatMap((q, i) => (q.kind === kind ? [i] : []));
    byKind[kind] = {
      ...medianLatency(plan.runs.map((r) => latency(picks.map((i) => r.ms[i] as number)))),
      n: picks.length,
    };
  }
  const judged = (kind: QuestionKind, pick: (o: Outcome) => boolean) =>
    share(plan.outcomes.filter((_, i) => measured[i]?.kind === kind).map(pick));
  return {
    key: plan.approach.key,
    label: plan.approach.label,
    n: plan.n,
    passes: plan.passes,
    passP50s: plan.runs.map((r) => percentile([...r.ms], 50)),
    ...medianLatency(plan.runs.map((r) => latency([...r.ms]))),
    byKind,
    quality: {
      top3: judged('answerable', (o) => o.top3),
      misspelledTop3: judged('misspelled', (o) => o.top3),
      declined: judged('unanswerable', (o) => o.declined),
    },
    gcMsPer1000: median(plan.runs.map((r) => (gc.msBetween(r.from, r.to) * 1000) / plan.n)),
    outcomes: plan.outcomes,
  };
}

/**
 * Collects garbage-collection pauses, to tell how much of a pass went to collecting garbage. Node queues
 * the entries and delivers them once the event loop turns, so they are read after `stop`.
 */
function watchGc() {
  const pauses: { start: number; ms: number }[] = [];
  const observer = new PerformanceObserver((list) => {
    for (const e of list.getEntries()) pauses.push({ start: e.startTime, ms: e.duration });
  });
  observer.observe({ entryTypes: ['gc'] });
  return {
    async stop(): Promise<void> {
      await new Promise((resolve) => setTimeout(resolve, 50));
      for (const e of observer.takeRecords()) pauses.push({ start: e.startTime, ms: e.duration });
      observer.disconnect();
    },
    msBetween(from: number, to: number): number {
      return pauses.filter((p) => p.start >= from && p.start <= to).reduce((sum, p) => sum + p.ms, 0);
    },
  };
}

/**
 * Judges an approach on every misspelled question, untimed: those it was timed on keep their outcome, the
 * rest it answers now. A slow baseline is timed on the first few hundred questions only (its budget), and
 * a comparison of misspelled questions on those alone rests on some fifty of them.
 */
export async function judgeMisspelled(
  approach: Approach,
  result: ApproachResult,
  questions: readonly BenchQuestion[],
): Promise<boolean[]> {
  const judged: boolean[] = [];
  for (const [i, q] of questions.entries()) {
    if (q.kind !== 'misspelled') continue;
    judged.push((i < result.n ? result.outcomes[i] : await approach.run(q))?.top3 ?? false);
  }
  return judged;
}
