import { readFileSync } from 'node:fs';
import { articleFileText, generateCorpus } from '../../bench/generate-corpus.ts';
import { generateQuestions } from '../../bench/generate-questions.ts';
import { parseArticle } from '../../src/core/articles/parse-article.ts';
import type { Desk } from '../../src/core/desk.ts';
import { type Article, silentLogger } from '../../src/core/types.ts';
import { loadArticles } from '../../src/load/load-articles.ts';
import { renderJson } from '../../src/render/json.ts';

/**
 * The seeds and ~60 small generated articles (the benchmark's corpus, seeded: many shared words, many ties),
 * with the seeds questions and `generatedQuestions` questions about the generated ones, then `extra`: what the
 * tests that compare two ways of building an index ask of both.
 */
export async function comparisonLibrary(
  generatedQuestions: number,
  extra: string[],
): Promise<{ seeds: Article[]; generated: Article[]; library: Article[]; questions: string[] }> {
  const seeds = await loadArticles('seeds', silentLogger);
  const generated = generateCorpus({ paragraphs: 600, seed: 3 }).map(
    (a) => parseArticle(a.id, articleFileText(a)) as Article,
  );
  const questions = [
    ...readFileSync('eval/seeds-dev.jsonl', 'utf8')
      .split('\n')
      .filter(Boolean)
      .map((line) => (JSON.parse(line) as { q: string }).q),
    ...generateQuestions(generated, { count: generatedQuestions, seed: 5 }).map((q) => q.text),
    ...extra,
  ];
  return { seeds, generated, library: [...seeds, ...generated], questions };
}

/**
 * Every question's JSON answer, scores to 7 digits: an average length summed in another order differs in the
 * last bits, which the ranking model magnifies.
 */
export async function answersTo(desk: Desk, questions: string[]): Promise<unknown[]> {
  const out: unknown[] = [];
  for (const q of questions) {
    const json = renderJson(q, await desk.ask(q));
    out.push({
      ...json,
      results: json.results.map((r) => ({ ...r, score: Number(r.score.toPrecision(7)) })),
    });
  }
  return out;
}
