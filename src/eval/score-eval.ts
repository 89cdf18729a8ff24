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
}

/** The measures `npm run eval` prints. Rates are 0–1; `null` when no question applies. */
export interface EvalReport {
  questions: number;
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
 * Scores answers against an eval set. `ask` answers one question in the JSON contract; `isFurniture` says
 * whether a cited paragraph is site furniture.
 */
export function scoreEval(
  cases: readonly EvalCase[],
  ask: (question: string) => JsonAnswer,
  isFurniture: (article: string, paragraph: number) => boolean,
): EvalReport {
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
    const reply = ask(c.q);
    const cited = reply.results.map((r) => `${r.article}#${r.paragraph}`);
    if (reply.results.some((r) => isFurniture(r.article, r.paragraph))) {
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

/** Parses a JSON Lines eval set. */
export function parseEvalSet(text: string): EvalCase[] {
  return text
    .split('\n')
    .filter((line) => line.trim())
    .map((line) => JSON.parse(line) as EvalCase);
}

/** The report as the readable table `npm run eval` prints. */
export function formatEvalReport(report: EvalReport): string {
  const pct = (r: number | null) => (r === null ? 'n/a' : `${(r * 100).toFixed(1)}%`);
  const rows: [string, string, string, string[]][] = [
    ['hit@1 (answerable)', pct(report.hitAt1), '≥ 95%', report.misses.hitAt1],
    ['hit@3 (answerable)', pct(report.hitAt3), '100%', report.misses.hitAt3],
    ['out-of-scope declined', pct(report.outOfScopeDeclined), '100%', report.misses.declined],
    ['answerable wrongly declined', String(report.wronglyDeclined), '0', report.misses.wronglyDeclined],
    ['expected phrase in answer', pct(report.answerPhrase), '≥ 90%', report.misses.answerPhrase],
    ['multi-article: all cited in top 3', pct(report.multiArticle), '100%', report.misses.multiArticle],
    ['furniture cited', String(report.furnitureCited), '0', report.misses.furniture],
  ];
  const lines = [`${report.questions} questions`, ''];
  for (const [name, value, target, missed] of rows) {
    lines.push(
      `${name.padEnd(36)} ${value.padStart(7)}   target ${target.padEnd(6)}${missed.length ? `  missed: ${missed.join(' ')}` : ''}`,
    );
  }
  return lines.join('\n');
}
