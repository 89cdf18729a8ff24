import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { runCommand } from '../../src/core/commands/run-command.ts';
import { Desk } from '../../src/core/desk.ts';
import { publishedAfter } from '../../src/core/time/as-of.ts';
import { silentLogger } from '../../src/core/types.ts';
import { minisearchBaseline } from '../../src/eval/minisearch-baseline.ts';
import { caseAsOf, type EvalReport, parseEvalSet, scoreEval } from '../../src/eval/score-eval.ts';
import { loadArticles } from '../../src/load/load-articles.ts';
import { renderJson } from '../../src/render/json.ts';
import { deskData } from '../support/desk-data.ts';

// The real-news dev set (../shared/realnews, copyrighted: read here, never copied into the repo). A fresh
// clone has no ../shared, so this skips then.
const dir = new URL('../../../shared/realnews/', import.meta.url);
const present = existsSync(new URL('dev.jsonl', dir)) && existsSync(new URL('articles', dir));
if (!present) console.info('test/eval/realnews.test.ts skipped: ../shared/realnews is absent');

describe.skipIf(!present)('answers on the real-news dev set (../shared/realnews)', async () => {
  const articles = present ? await loadArticles(new URL('articles', dir).pathname, silentLogger) : [];
  const desk = Desk.build(articles, deskData);
  const cases = present ? parseEvalSet(readFileSync(new URL('dev.jsonl', dir), 'utf8')) : [];
  const published = new Map(articles.map((a) => [a.id, a.published]));
  const cited: { asOf: Date | undefined; articles: string[] }[] = [];
  const isFurniture = async (article: string, paragraph: number) =>
    (await desk.getArticle(article))?.paragraphs[paragraph - 1]?.kind === 'furniture';
  const report: EvalReport = await scoreEval(
    cases,
    async (q, asOf) => {
      const answer = renderJson(q, await runCommand(desk, { name: 'ask', question: q, asOf }));
      cited.push({ asOf, articles: answer.results.map((r) => r.article) });
      return answer;
    },
    isFurniture,
  );
  const baseline = await scoreEval(cases, minisearchBaseline(articles), isFurniture);

  it('asks every question as of its day and never cites an article published after it', () => {
    expect(cases.every((c) => caseAsOf(c) instanceof Date)).toBe(true);
    const late = cited.flatMap(({ asOf, articles: ids }) =>
      ids.filter((id) => asOf && publishedAfter(published.get(id), asOf)),
    );
    expect(late).toEqual([]);
  });

  // Floors, not the targets of issue 14: the figures with the fitted ranking and confidence model (hit@1
  // 80.6%, hit@3 92.7%, out-of-scope declined 85%, 1.2% of answerable declined, phrase 82.2%), less a little for gold that
  // is 8% wrong and for changes to the articles' reading, so that no change makes real-news answers worse
  // unnoticed. Raise them as answers improve.
  it('ranks at least as well as plain MiniSearch first, and keeps its figures', () => {
    expect(report.hitAt1).toBeGreaterThanOrEqual(baseline.hitAt1 ?? 1);
    expect(report.hitAt1).toBeGreaterThanOrEqual(0.8);
    expect(report.hitAt3).toBeGreaterThanOrEqual(0.92);
  });

  it('declines at least 85% of the out-of-scope questions, and at most 3% of answerable ones', () => {
    expect(report.outOfScopeDeclined).toBeGreaterThanOrEqual(0.85);
    expect(report.wronglyDeclined / report.answerable).toBeLessThanOrEqual(0.03);
  });

  // The answer's figure with its fitted weights (`npm run tune:sentence`) and two-sentence answers is 82.2% (held out 81.8%).
  it('gives the expected phrase in the answer sentence', () => {
    expect(report.answerPhrase).toBeGreaterThanOrEqual(0.81);
  });

  it('never cites furniture', () => {
    expect(report.furnitureCited).toBe(0);
  });
});
