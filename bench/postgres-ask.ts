/**
 * The bot-process half of `npm run bench:postgres` (run by bench/postgres.ts in a process of its own, so its
 * memory is a bot's, not the loader's): opens the PostgreSQL engine on `DATABASE_URL`, answers the
 * questions in the JSON file named by its argument, and prints one JSON line of figures.
 */
import { readFileSync } from 'node:fs';
import { readQuestion } from '../src/core/answers/read-question.ts';
import { analyzeWord } from '../src/core/search/analyze.ts';
import { silentLogger } from '../src/core/types.ts';
import { loadDeskData } from '../src/load/desk-data.ts';
import { PostgresEngine } from '../src/search/postgres/postgres-engine.ts';
import { heapAfterGc } from './stats.ts';

const questions: string[] = JSON.parse(readFileSync(process.argv[2] as string, 'utf8'));
const opened = performance.now();
const engine = await PostgresEngine.open({
  databaseUrl: process.env.DATABASE_URL as string,
  logger: silentLogger,
  ...loadDeskData(),
});
await engine.warmUp();
const openMs = performance.now() - opened;

/** A question as the desk asks the engine: read it, resolve its terms, take the candidates. */
async function ask(text: string): Promise<number> {
  const read = readQuestion(text, () => false);
  if (!read.ok) return 0;
  const words = read.question.terms.map((t) => t.term);
  await engine.lookUp(words.flatMap((w) => analyzeWord(w)));
  const terms = await engine.resolve(read.question.terms);
  const hits = await engine.candidates(terms, { limit: 30 });
  return hits.length;
}

// Warm-up: the first questions fill the database's caches and this process's.
for (const q of questions.slice(0, 20)) await ask(q);
const times: number[] = [];
let answered = 0;
for (const q of questions) {
  const start = performance.now();
  if ((await ask(q)) > 0) answered++;
  times.push(performance.now() - start);
}
const heap = heapAfterGc();
const { rss } = process.memoryUsage();
process.stdout.write(
  `${JSON.stringify({ times, answered, openMs, heapMb: heap / 2 ** 20, rssMb: rss / 2 ** 20, passages: await engine.size() })}\n`,
);
await engine.close();
