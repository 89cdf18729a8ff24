/**
 * The memory-engine half of `npm run bench:postgres -- --memory` (run by bench/postgres.ts in a process of
 * its own, so its memory is a bot's — the articles and their index, as `npm start` holds them — not the
 * loader's): generates the same corpus (`--paragraphs`), builds the in-memory desk, answers the questions in
 * the JSON file named by its argument (full asks: `Desk.ask`) and prints one JSON line of figures. Run alone
 * (`node --expose-gc --import tsx bench/memory-ask.ts --paragraphs N --questions Q`), it makes the questions as
 * bench/postgres.ts does (the same seed).
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { parseArticle } from '../src/core/articles/parse-article.ts';
import { Desk } from '../src/core/desk.ts';
import type { Article } from '../src/core/types.ts';
import { loadDeskData } from '../src/load/desk-data.ts';
import { articleFileText, generateCorpus } from './generate-corpus.ts';
import { generateQuestions } from './generate-questions.ts';
import { heapAfterGc } from './stats.ts';

const { values, positionals } = parseArgs({
  options: { paragraphs: { type: 'string' }, questions: { type: 'string', default: '300' } },
  allowPositionals: true,
});
const articles: Article[] = generateCorpus({ paragraphs: Number(values.paragraphs) }).map(
  (g) => parseArticle(g.id, articleFileText(g)) as Article,
);
const questions: string[] = positionals[0]
  ? JSON.parse(readFileSync(positionals[0], 'utf8'))
  : generateQuestions(articles, { count: Number(values.questions), seed: 7 }).map((q) => q.text);
const started = performance.now();
const desk = Desk.build(articles, loadDeskData());
const buildS = (performance.now() - started) / 1000;
desk.warmUp();
// Warm-up: the first questions fill this process's caches, as for the PostgreSQL process.
for (const q of questions.slice(0, 20)) await desk.ask(q);
const times: number[] = [];
let answered = 0;
for (const q of questions) {
  const start = performance.now();
  if ((await desk.ask(q)).kind === 'answer') answered++;
  times.push(performance.now() - start);
}
const heap = heapAfterGc();
const { rss } = process.memoryUsage();
process.stdout.write(
  `${JSON.stringify({ times, answered, buildS, heapMb: heap / 2 ** 20, rssMb: rss / 2 ** 20 })}\n`,
);
