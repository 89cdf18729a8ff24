import { parseAsOf } from '../core/time/as-of.ts';
import type { JsonAnswer } from '../render/json.ts';

/** One line of an eval set (see shared/README.md). */
export interface EvalCase {
  id: string;
  kind: string;
  q: string;
  /** `[article id, paragraph]` pairs that answer the question; empty when it should be declined. */
  gold: [string, number][];
  /** A phrase the answer sentence should contain, or null. */
  answer: string | null;
  /** True when the top 3 should cite every article in `gold`. */
  all_articles?: boolean;
  /**
   * The day the question was asked (`YYYY-MM-DD`, real-news sets): it is answered as of then, so articles
   * published later are not cited.
   */
  as_of?: string;
}

/** The measures `npm run eval` prints. Rates are 0–1; `null` when no question applies. */
export interface EvalReport {
  questions: number;
  /** Questions with gold paragraphs (the rest are out of scope). */
  answerable: number;
  hitAt1: number | null;
  hitAt3: number | null;
  outOfScopeDeclined: number | null;
  wronglyDeclined: number;
  answerPhrase: number | null;
  multiArticle: number | null;
  furnitureCited: number;
  /** Ids of the questions that missed each measure, to look at. */
  misses: Record<
    'hitAt1' | 'hitAt3' | 'declined' | 'wronglyDeclined' | 'answerPhrase' | 'multiArticle' | 'furniture',
    string[]
  >;
}

/**
 * Scores answers against an eval set, one question at a time. `ask` answers one question in the JSON contract, as of the moment
 * the case was asked when it says (see {@link caseAsOf}); `isFurniture` says whether a cited paragraph is
 * site furniture (it may read the article from a database: its promise is awaited).
 */
export async function scoreEval(
  cases: readonly EvalCase[],
  ask: (question: string, asOf: Date | undefined) => JsonAnswer | Promise<JsonAnswer>,
  isFurniture: (article: string, paragraph: number) => boolean | Promise<boolean>,
): Promise<EvalReport> {
  const misses: EvalReport['misses'] = {
    hitAt1: [],
    hitAt3: [],
    declined: [],
    wronglyDeclined: [],
    answerPhrase: [],
    multiArticle: [],
    furniture: [],
  };
  const count = {
    answerable: 0,
    hit1: 0,
    hit3: 0,
    out: 0,
    declined: 0,
    phrase: 0,
    phraseOk: 0,
    multi: 0,
    multiOk: 0,
  };
  let furnitureCited = 0;
  for (const c of cases) {
    const reply = await ask(c.q, caseAsOf(c));
    const cited = reply.results.map((r) => `${r.article}#${r.paragraph}`);
    let furniture = false;
    for (const r of reply.results) furniture ||= await isFurniture(r.article, r.paragraph);
    if (furniture) {
      furnitureCited++;
      misses.furniture.push(c.id);
    }
    if (!c.gold.length) {
      count.out++;
      if (!reply.answered) count.declined++;
      else misses.declined.push(c.id);
      continue;
    }
    count.answerable++;
    const gold = new Set(c.gold.map(([a, p]) => `${a}#${p}`));
    if (!reply.answered) misses.wronglyDeclined.push(c.id);
    if (cited[0] && gold.has(cited[0])) count.hit1++;
    else misses.hitAt1.push(c.id);
    if (cited.slice(0, 3).some((k) => gold.has(k))) count.hit3++;
    else misses.hitAt3.push(c.id);
    if (c.answer) {
      count.phrase++;
      if (reply.answer?.toLowerCase().includes(c.answer.toLowerCase())) count.phraseOk++;
      else misses.answerPhrase.push(c.id);
    }
    if (c.all_articles) {
      count.multi++;
      const top = new Set(reply.results.slice(0, 3).map((r) => r.article));
      if (c.gold.every(([a]) => top.has(a))) count.multiOk++;
      else misses.multiArticle.push(c.id);
    }
  }
  const rate = (n: number, d: number) => (d ? n / d : null);
  return {
    questions: cases.length,
    answerable: count.answerable,
    hitAt1: rate(count.hit1, count.answerable),
    hitAt3: rate(count.hit3, count.answerable),
    outOfScopeDeclined: rate(count.declined, count.out),
    wronglyDeclined: misses.wronglyDeclined.length,
    answerPhrase: rate(count.phraseOk, count.phrase),
    multiArticle: rate(count.multiOk, count.multi),
    furnitureCited,
    misses,
  };
}

/**
 * The moment a case is asked as of: the end of its `as_of` day (so everything published that day counts),
 * or undefined (now) when it has none.
 */
export function caseAsOf(c: EvalCase): Date | undefined {
  if (c.as_of === undefined) return undefined;
  const asOf = parseAsOf(c.as_of);
  if (!asOf) throw new Error(`eval question ${c.id}: as_of "${c.as_of}" is not a day (YYYY-MM-DD)`);
  return asOf;
}

/** Parses a JSON Lines eval set; a line that is not a question says which line it is. */
export function parseEvalSet(text: string): EvalCase[] {
  const cases: EvalCase[] = [];
  text.split('\n').forEach((line, i) => {
    if (!line.trim()) return;
    let c: EvalCase;
    try {
      c = JSON.parse(line) as EvalCase;
    } catch {
      throw new Error(`eval set line ${i + 1} is not JSON`);
    }
    if (typeof c?.q !== 'string' || !Array.isArray(c.gold)) {
      throw new Error(`eval set line ${i + 1} has no "q" question and "gold" list`);
    }
    cases.push(c);
  });
  return cases;
}

/** What each measure should reach, and how that is written. */
export interface EvalTargets {
  hitAt1: number;
  hitAt3: number;
  outOfScopeDeclined: number;
  /** Largest share of answerable questions declined. */
  wronglyDeclined: number;
  answerPhrase: number;
  multiArticle: number;
}

/** The seeds set's targets (issue 2). */
export const SEEDS_TARGETS: EvalTargets = {
  hitAt1: 0.95,
  hitAt3: 1,
  outOfScopeDeclined: 1,
  wronglyDeclined: 0,
  answerPhrase: 0.9,
  multiArticle: 1,
};

/** The real-news set's targets (issue 14). */
export const REAL_NEWS_TARGETS: EvalTargets = {
  hitAt1: 0.8,
  hitAt3: 0.92,
  outOfScopeDeclined: 0.85,
  wronglyDeclined: 0.03,
  answerPhrase: 0.8,
  multiArticle: 1,
};

/** The targets of a set: a set asked as of given days is a real-news set. */
export function targetsFor(cases: readonly EvalCase[]): EvalTargets {
  return cases.some((c) => c.as_of !== undefined) ? REAL_NEWS_TARGETS : SEEDS_TARGETS;
}

/** The measures that are shares with an at-least target. */
type RateKey = 'hitAt1' | 'hitAt3' | 'outOfScopeDeclined' | 'answerPhrase' | 'multiArticle';

/** At most this many missed question ids are listed per measure. */
const MISSES_LISTED = 25;

/**
 * The report as the readable table `npm run eval` prints: each measure for Newsdesk, for the `baseline`
 * (plain MiniSearch: it has no answer sentence) when given, the target and whether Newsdesk meets it, and
 * the questions Newsdesk missed.
 */
export function formatEvalReport(
  report: EvalReport,
  baseline?: EvalReport,
  targets: EvalTargets = SEEDS_TARGETS,
): string {
  const pct = (r: number | null | undefined) =>
    r === null ? 'n/a' : r === undefined ? '—' : `${(r * 100).toFixed(1)}%`;
  const atLeast = (r: number) => (r >= 1 ? '100%' : `≥ ${Math.round(r * 100)}%`);
  const share = (n: number, of: number) => (of ? n / of : 0);
  const declined = (r: EvalReport) =>
    r.wronglyDeclined && r.answerable
      ? `${r.wronglyDeclined} (${pct(share(r.wronglyDeclined, r.answerable))})`
      : String(r.wronglyDeclined);
  type Row = [string, string, string, string, boolean, string[]];
  /** A share measured for both (the baseline's only when it has one), against an at-least target. */
  const rate = (name: string, key: RateKey, missed: string[], withBaseline = true): Row => [
    name,
    pct(report[key]),
    withBaseline ? pct(baseline?.[key]) : '—',
    atLeast(targets[key]),
    (report[key] ?? 1) >= targets[key],
    missed,
  ];
  const rows: Row[] = [
    rate('hit@1 (answerable)', 'hitAt1', report.misses.hitAt1),
    rate('hit@3 (answerable)', 'hitAt3', report.misses.hitAt3),
    rate('out-of-scope declined', 'outOfScopeDeclined', report.misses.declined),
    [
      'answerable wrongly declined',
      declined(report),
      baseline ? declined(baseline) : '—',
      targets.wronglyDeclined ? `≤ ${Math.round(targets.wronglyDeclined * 100)}%` : '0',
      share(report.wronglyDeclined, report.answerable) <= targets.wronglyDeclined,
      report.misses.wronglyDeclined,
    ],
    rate('expected phrase in answer', 'answerPhrase', report.misses.answerPhrase, false),
    rate('multi-article: all cited in top 3', 'multiArticle', report.misses.multiArticle),
    [
      'furniture cited',
      String(report.furnitureCited),
      baseline ? String(baseline.furnitureCited) : '—',
      '0',
      report.furnitureCited === 0,
      report.misses.furniture,
    ],
  ];
  const out = report.questions - report.answerable;
  const lines = [
    `${report.questions} questions (${report.answerable} answerable, ${out} out of scope)`,
    '',
    `${'measure'.padEnd(36)} ${'Newsdesk'.padStart(9)} ${'MiniSearch'.padStart(11)}   ${'target'.padEnd(6)}  met`,
  ];
  for (const [name, value, base, target, met, missed] of rows) {
    const listed = missed.slice(0, MISSES_LISTED).join(' ');
    const more = missed.length > MISSES_LISTED ? ` (+${missed.length - MISSES_LISTED} more)` : '';
    lines.push(
      `${name.padEnd(36)} ${value.padStart(9)} ${base.padStart(11)}   ${target.padEnd(6)}  ${met ? 'yes' : 'no '}${missed.length ? `  missed: ${listed}${more}` : ''}`,
    );
  }
  if (baseline)
    lines.push(
      '',
      'MiniSearch: plain MiniSearch, stop words dropped, same date filter (no answer sentence).',
    );
  return lines.join('\n');
}
