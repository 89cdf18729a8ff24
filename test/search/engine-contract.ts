import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { readQuestion } from '../../src/core/answers/read-question.ts';
import { parseArticle } from '../../src/core/articles/parse-article.ts';
import { MemoryEngine } from '../../src/core/search/minisearch/memory-engine.ts';
import type { PassageHit, ResolvedTerm, SearchEngine } from '../../src/core/search/search-engine.ts';
import { type Article, silentLogger } from '../../src/core/types.ts';
import { parseEvalSet } from '../../src/eval/score-eval.ts';
import { loadArticles } from '../../src/load/load-articles.ts';
import { deskData } from '../support/desk-data.ts';

/**
 * The search port's contract (`src/core/search/search-engine.ts`): what any engine must do, whatever it
 * is built on. An engine passes it by being given an empty engine per test (`makeEngine`) and answering
 * as the in-memory MiniSearch engine does: the same candidates for the seeds questions, articles found
 * once added and not once removed, the date filter before the cut, the vocabulary look-ups. The
 * in-memory reference answers with the data `npm start` answers with (word vectors, place names:
 * `test/support/desk-data.ts`): an engine should use the same.
 *
 * Use: `describeEngineContract('postgres', async () => engineOnAFreshDatabase())`, with `close` to
 * release it after each test. A test that cannot start the engine should skip the whole suite itself.
 */
export function describeEngineContract(
  name: string,
  makeEngine: () => Promise<SearchEngine>,
  options: { close?: (engine: SearchEngine) => Promise<void>; timeoutMs?: number } = {},
): void {
  const timeout = options.timeoutMs ?? 60_000;
  /** Runs `body` against a fresh empty engine, then releases it. */
  async function withEngine(body: (engine: SearchEngine) => Promise<void>): Promise<void> {
    const engine = await makeEngine();
    try {
      await body(engine);
    } finally {
      await options.close?.(engine);
    }
  }

  describe(`search engine contract: ${name}`, () => {
    it(
      'gives the seeds questions the candidates the in-memory engine gives, in its order',
      async () => {
        const articles = await seedArticles();
        const reference = new MemoryEngine(articles, deskData);
        await withEngine(async (engine) => {
          await engine.add(articles);
          expect(await engine.size()).toBe(await reference.size());
          for (const question of seedQuestions()) {
            const mine = await candidatesFor(engine, question, 10);
            const theirs = await candidatesFor(reference, question, 10);
            expect(mine.terms.map(termView), question).toEqual(theirs.terms.map(termView));
            expect(mine.hits.slice(0, 3).map(hitView), question).toEqual(
              theirs.hits.slice(0, 3).map(hitView),
            );
            expect(new Set(mine.hits.map(label)), question).toEqual(new Set(theirs.hits.map(label)));
          }
        });
      },
      timeout,
    );

    it(
      'answers from an article once it is added, and gives each candidate what ranking needs',
      async () => {
        await withEngine(async (engine) => {
          await engine.add([HARBOUR, MARKET]);
          const { hits } = await candidatesFor(engine, 'When will the harbour bridge reopen?', 5);
          expect(hits.map(label)[0]).toBe('harbour#1');
          const [first] = hits as [PassageHit];
          expect(first.score).toBeGreaterThan(0);
          expect(first.passage).toMatchObject({ articleId: 'harbour', paragraph: 1, title: 'Harbour news' });
          expect(first.passage.text).toContain('harbour bridge will reopen');
          expect(new Set(first.queryTerms)).toEqual(new Set(['harbour', 'bridg', 'reopen']));
          for (const term of first.queryTerms) expect(first.via?.[term] ?? 'exact').toBe('exact');
          expect(first.matchedTerms).toEqual(expect.arrayContaining(['harbour', 'bridg', 'reopen']));

          await engine.add([FERRY]);
          const later = await candidatesFor(engine, 'When does the ferry timetable change?', 5);
          expect(later.hits.map(label)[0]).toBe('ferry#1');
          expect(await engine.size()).toBe(4);
        });
      },
      timeout,
    );

    it(
      'no longer finds an article once it is removed, nor the old text of one added again',
      async () => {
        await withEngine(async (engine) => {
          await engine.add([HARBOUR, MARKET, FERRY]);
          await engine.remove(['market', 'no-such-article']);
          const gone = await candidatesFor(engine, 'When does the farmers market move?', 10);
          expect(gone.hits.map((h) => h.passage.articleId)).not.toContain('market');
          expect(await engine.size()).toBe(3);

          await engine.add([
            article('harbour', 'Harbour news', 'The harbour pier will be rebuilt in stone.'),
          ]);
          const old = await candidatesFor(engine, 'When will the harbour bridge reopen?', 10);
          expect(old.hits.some((h) => h.passage.text.includes('bridge will reopen'))).toBe(false);
          const fresh = await candidatesFor(engine, 'Will the harbour pier be rebuilt?', 10);
          expect(fresh.hits.map(label)[0]).toBe('harbour#1');
          expect(await engine.size()).toBe(2);
        });
      },
      timeout,
    );

    it(
      'leaves out articles published after the question was asked, before the candidates are cut',
      async () => {
        await withEngine(async (engine) => {
          await engine.add([
            dated(
              'june-report',
              '2022-06-10',
              'The harbour bridge reopened after repairs costing $4 million.',
            ),
            dated(
              'july-report',
              '2022-07-02',
              'The harbour bridge closed again; repairs will cost $9 million.',
            ),
            dated('undated', undefined, 'Ferries ran every hour while the harbour bridge was shut.'),
          ]);
          const question = 'harbour bridge repairs';
          const june = await candidatesFor(engine, question, 1, new Date('2022-06-20T12:00:00Z'));
          // The later report matches more of the question, but did not exist yet: the limit of one is
          // filled by the best of the others.
          expect(june.hits.map((h) => h.passage.articleId)).toEqual(['june-report']);
          const sameDay = await candidatesFor(engine, question, 5, new Date('2022-07-02T08:00:00Z'));
          expect(sameDay.hits.map((h) => h.passage.articleId)).toContain('july-report');
          const early = await candidatesFor(
            engine,
            'ferries harbour bridge',
            5,
            new Date('2000-01-01T00:00:00Z'),
          );
          expect(early.hits.map((h) => h.passage.articleId)).toEqual(['undated']);
          const always = await candidatesFor(engine, question, 5);
          expect(always.hits).toHaveLength(3);
          // A new version of an article is filtered by its new date.
          await engine.add([
            dated(
              'july-report',
              '2022-06-01',
              'The harbour bridge closed again; repairs will cost $9 million.',
            ),
          ]);
          const redated = await candidatesFor(engine, question, 5, new Date('2022-06-20T12:00:00Z'));
          expect(redated.hits.map((h) => h.passage.articleId)).toContain('july-report');
        });
      },
      timeout,
    );

    it(
      'looks terms up in the vocabulary: use, rarity, names, misspellings and suggestions',
      async () => {
        await withEngine(async (engine) => {
          await engine.add([HARBOUR, MARKET, FERRY]);
          const [harbour, lopez, never] = await engine.lookUp(['harbour', 'lopez', 'zeppelin']);
          expect(harbour?.df).toBe(2);
          expect(lopez).toMatchObject({ df: 1, name: true });
          expect(harbour?.name).toBe(false);
          expect(never?.df).toBe(0);
          expect(lopez?.idf).toBeGreaterThan(harbour?.idf ?? Number.POSITIVE_INFINITY);
          expect(never?.idf).toBeGreaterThan(lopez?.idf ?? Number.POSITIVE_INFINITY);

          const terms = await resolved(engine, 'When does the farmars market move?');
          expect(terms.find((t) => t.term === 'farmar')).toMatchObject({
            status: 'corrected',
            searchAs: 'farmer',
          });
          expect(terms.find((t) => t.term === 'market')).toMatchObject({
            status: 'known',
            searchAs: 'market',
          });

          // As the articles write the word (folded), not its stem: "ferries", not "ferri".
          const [near, ferry] = await engine.suggestions(['lopes', 'ferru'], 3);
          expect(near).toContain('lopez');
          expect(ferry).toContain('ferry');
        });
      },
      timeout,
    );

    it(
      'answers two questions in flight at once as it answers them one after the other',
      async () => {
        const articles = await seedArticles();
        await withEngine(async (engine) => {
          await engine.add(articles);
          const questions = seedQuestions().slice(0, 6);
          const alone = [];
          for (const q of questions) alone.push((await candidatesFor(engine, q, 10)).hits.map(hitView));
          const together = await Promise.all(
            questions.map(async (q) => (await candidatesFor(engine, q, 10)).hits.map(hitView)),
          );
          expect(together).toEqual(alone);
        });
      },
      timeout,
    );
  });
}

/** A question's resolved terms and candidates, as `rank-question.ts` asks for them. */
async function candidatesFor(
  engine: SearchEngine,
  question: string,
  limit: number,
  asOf?: Date,
): Promise<{ terms: ResolvedTerm[]; hits: PassageHit[] }> {
  const terms = await resolved(engine, question);
  return { terms, hits: await engine.candidates(terms, { limit, asOf }) };
}

async function resolved(engine: SearchEngine, question: string): Promise<ResolvedTerm[]> {
  const read = readQuestion(question);
  if (!read.ok) throw new Error(`contract: "${question}" is not a question`);
  return engine.resolve(read.question.terms);
}

const label = (hit: PassageHit) => `${hit.passage.articleId}#${hit.passage.paragraph}`;

/** A hit without the engine's own passage id, scores to 6 significant digits. */
function hitView(hit: PassageHit) {
  return {
    passage: label(hit),
    score: Number(hit.score.toPrecision(6)),
    queryTerms: [...hit.queryTerms].sort(),
    matchedTerms: [...hit.matchedTerms].sort(),
    credit: hit.credit,
    via: hit.via,
    together: hit.together,
    span: hit.span,
    words: hit.words,
    inTitle: hit.inTitle && [...hit.inTitle].sort(),
  };
}

function termView(term: ResolvedTerm) {
  return { ...term, weight: Number(term.weight.toPrecision(6)) };
}

function article(id: string, title: string, ...paragraphs: string[]): Article {
  return parseArticle(id, ['---', `title: ${title}`, '---', ...paragraphs].join('\n\n')) as Article;
}

function dated(id: string, published: string | undefined, text: string): Article {
  const front = ['---', `title: ${id}`, ...(published ? [`published: ${published}`] : []), '---'];
  return parseArticle(id, [...front, text].join('\n')) as Article;
}

const HARBOUR = article(
  'harbour',
  'Harbour news',
  'The harbour bridge will reopen on Monday, the port authority said.',
  'Mayor Ana Lopez thanked the crews who worked through the winter.',
);
const MARKET = article('market', 'Market news', 'The farmers market will move to the harbour square in May.');
const FERRY = article('ferry', 'Ferry news', 'The ferry timetable will change next week for the summer.');

let seeds: Promise<Article[]> | undefined;
/** The seed articles, read once. */
function seedArticles(): Promise<Article[]> {
  seeds ??= loadArticles('seeds', silentLogger);
  return seeds;
}

/** The questions of the public seeds dev set. */
function seedQuestions(): string[] {
  const text = readFileSync(new URL('../../eval/seeds-dev.jsonl', import.meta.url), 'utf8');
  return parseEvalSet(text).map((c) => c.q);
}
