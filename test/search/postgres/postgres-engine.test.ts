import { readFileSync } from 'node:fs';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readConfig } from '../../../src/config.ts';
import { readQuestion } from '../../../src/core/answers/read-question.ts';
import { parseArticle } from '../../../src/core/articles/parse-article.ts';
import { Desk } from '../../../src/core/desk.ts';
import { analyzeWord } from '../../../src/core/search/analyze.ts';
import { PassageIndex } from '../../../src/core/search/minisearch/passage-index.ts';
import type { PassageHit } from '../../../src/core/search/search-engine.ts';
import { type Article, type Reply, silentLogger } from '../../../src/core/types.ts';
import { loadArticles } from '../../../src/load/load-articles.ts';
import { PostgresEngine } from '../../../src/search/postgres/postgres-engine.ts';
import { deskData } from '../../support/desk-data.ts';
import {
  type PostgresServer,
  postgresUnavailable,
  startPostgresServer,
} from '../../support/postgres-server.ts';

const SEED_QUESTIONS: string[] = readFileSync('eval/seeds-dev.jsonl', 'utf8')
  .trim()
  .split('\n')
  .map((line) => JSON.parse(line).q);

/** What the ranking reads of a hit, comparable across engines (passage ids are each engine's own). */
const facts = (hit: PassageHit) => ({
  passage: `${hit.passage.articleId} ¶${hit.passage.paragraph}`,
  text: hit.passage.text,
  score: hit.score,
  queryTerms: [...hit.queryTerms].sort(),
  matchedTerms: [...hit.matchedTerms].sort(),
  credit: hit.credit,
  via: hit.via,
  together: hit.together ?? 0,
});

/** Polls an asynchronous check until it gives something (`eventually` is for synchronous ones). */
async function until<T>(
  find: () => Promise<T | undefined | false>,
  what: string,
  timeoutMs: number,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const found = await find();
    if (found) return found;
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

const article = (id: string, text: string, published?: string): Article => ({
  id,
  title: `Dispatch ${id}`,
  ...(published ? { published } : {}),
  paragraphs: [{ n: 1, text, kind: 'body' }],
});

describe.skipIf(postgresUnavailable)('the PostgreSQL engine', () => {
  let server: PostgresServer;
  beforeAll(async () => {
    server = await startPostgresServer();
  });
  afterAll(async () => {
    await server?.stop();
  });

  const open = async (url: string) =>
    PostgresEngine.open({ databaseUrl: url, logger: silentLogger, ...deskData, poolSize: 2 });

  it("reads the seeds questions as the memory engine does and gives the memory engine's candidates", async () => {
    const articles = await loadArticles('seeds', silentLogger);
    const memory = new PassageIndex(articles, deskData);
    const engine = await open(await server.database('seeds'));
    try {
      await engine.sync(articles);
      let compared = 0;
      for (const text of SEED_QUESTIONS) {
        const read = readQuestion(text, (word) => analyzeWord(word).some((t) => memory.has(t)));
        if (!read.ok) continue;
        const resolved = memory.resolve(read.question.terms);
        expect(await engine.resolve(read.question.terms), text).toEqual(resolved);
        const expected = memory.find(resolved, 30).map(facts);
        const got = (await engine.candidates(resolved, { limit: 30 })).map(facts);
        expect(
          got.map((h) => h.passage),
          text,
        ).toEqual(expected.map((h) => h.passage));
        got.forEach((hit, i) => {
          const want = expected[i] as ReturnType<typeof facts>;
          expect(hit.score).toBeCloseTo(want.score, 9);
          expect(hit.together).toBeCloseTo(want.together, 9);
          expect({ ...hit, score: 0, together: 0 }).toEqual({ ...want, score: 0, together: 0 });
        });
        compared += expected.length;
      }
      expect(compared).toBeGreaterThan(100);
    } finally {
      await engine.close();
    }
  });

  it("reading only each common term's best rows, scores the candidates it gives exactly, and finds the memory engine's best", async () => {
    const articles = await loadArticles('seeds', silentLogger);
    const memory = new PassageIndex(articles, deskData);
    // Bounds a few rows wide make most of the seeds' terms "common": what a million passages make of them.
    const engine = await PostgresEngine.open({
      databaseUrl: await server.database('seeds_capped'),
      logger: silentLogger,
      ...deskData,
      poolSize: 2,
      reads: { complete: 3, top: 3, checked: 40, budget: 200 },
    });
    try {
      await engine.sync(articles);
      let questions = 0;
      let sameBest = 0;
      for (const text of SEED_QUESTIONS) {
        const read = readQuestion(text, (word) => analyzeWord(word).some((t) => memory.has(t)));
        if (!read.ok) continue;
        const resolved = memory.resolve(read.question.terms);
        const all = new Map(memory.find(resolved, 100_000).map((h) => [facts(h).passage, facts(h)]));
        const got = (await engine.candidates(resolved, { limit: 10 })).map(facts);
        for (const hit of got) {
          const want = all.get(hit.passage) as ReturnType<typeof facts>;
          expect(hit.score, `${text}: ${hit.passage}`).toBeCloseTo(want.score, 9);
          expect({ ...hit, score: 0, together: 0 }).toEqual({ ...want, score: 0, together: 0 });
        }
        if (!all.size) continue;
        questions++;
        if (got[0]?.passage === [...all.values()][0]?.passage) sameBest++;
      }
      expect(questions).toBeGreaterThan(15);
      expect(sameBest / questions).toBeGreaterThanOrEqual(0.9);
    } finally {
      await engine.close();
    }
  });

  it('gives the same replies as the memory engine to the seeds questions, through the desk', async () => {
    const articles = await loadArticles('seeds', silentLogger);
    const memory = Desk.build(articles, deskData);
    const engine = await open(await server.database('seeds_desk'));
    try {
      await engine.sync(articles);
      const desk = Desk.over(engine, engine.source, deskData);
      const asOf = new Date('2026-06-01T00:00:00Z');
      const plain = (reply: Reply) => ({ ...reply, stats: undefined });
      let answered = 0;
      for (const text of SEED_QUESTIONS) {
        const expected = await memory.ask(text, { asOf });
        expect(plain(await desk.ask(text, { asOf })), text).toEqual(plain(expected));
        if (expected.kind === 'answer') answered++;
      }
      expect(answered).toBeGreaterThan(10);
    } finally {
      await engine.close();
    }
  });

  it('connects over a Unix socket when DATABASE_URL names its folder (host=), and answers', async () => {
    await server.database('over_socket');
    const url = `postgres://newsdesk:${encodeURIComponent(server.password)}@/over_socket?host=${server.socketDir}&port=${server.port}`;
    const config = readConfig({ SEARCH_BACKEND: 'postgres', DATABASE_URL: url });
    if (!config.ok) throw new Error(config.errors.join('\n'));
    // The URL reaches the server through its socket: no TCP address on the server's side.
    const client = new pg.Client({ connectionString: config.config.databaseUrl });
    await client.connect();
    try {
      expect((await client.query('SELECT inet_server_addr() AS address')).rows).toEqual([{ address: null }]);
    } finally {
      await client.end();
    }
    const engine = await open(config.config.databaseUrl as string);
    try {
      await engine.sync([article('ferry', 'The ferry to the islands sails again after the gale.')]);
      const reply = await Desk.over(engine, engine.source, deskData).ask('When does the ferry sail again?');
      expect(reply.kind === 'answer' && reply.answerFrom?.articleId).toBe('ferry');
    } finally {
      await engine.close();
    }
  });

  it('brings a database an older Newsdesk synced, before articles carried their lede, up to date on the next sync', async () => {
    // Two reports of one event: the first's lede is its third paragraph (a headline and a byline come first).
    const first = parseArticle(
      'harbour-a',
      'Storm damage on the coast\n\nBy Jane Reporter, Staff Writer\n\nThe harbour reopened on Tuesday after engineers repaired the sea wall.\n\nShips queued outside for two days.\n',
    ) as Article;
    const second = parseArticle(
      'harbour-b',
      '---\ntitle: Coastal towns count the cost\n---\nFishing boats waited offshore through the weekend.\n\nThe harbour reopened on Wednesday after engineers repaired the sea wall.\n',
    ) as Article;
    expect(first.opening).toBe(3);
    const articles = [first, second];
    const question = 'When did the harbour reopen?';
    const asOf = new Date('2026-06-01T00:00:00Z');
    const plain = (reply: Reply) => ({ ...reply, stats: undefined });
    const url = await server.database('lede_upgrade');
    // As the older Newsdesk stored them: parsed without `opening`, so a paragraph's place counted from the top.
    const older = await open(url);
    try {
      await older.sync(articles.map(({ opening: _, ...rest }) => rest));
      const stale = await Desk.over(older, older.source, deskData).ask(question, { asOf });
      expect(stale.kind === 'answer' && stale.answerFrom?.articleId).toBe('harbour-b');
    } finally {
      await older.close();
    }
    const engine = await open(url);
    try {
      // The bot syncs its folder at start: the articles as parsed now differ from those stored, and are rewritten.
      const report = await engine.sync(articles);
      expect(report.changed.sort()).toEqual(['harbour-a', 'harbour-b']);
      expect(engine.source.summaries.map((s) => [s.id, s.opening])).toEqual([
        ['harbour-a', 3],
        ['harbour-b', 1],
      ]);
      const reply = await Desk.over(engine, engine.source, deskData).ask(question, { asOf });
      expect(reply.kind === 'answer' && reply.answerFrom?.articleId).toBe('harbour-a');
      expect(plain(reply)).toEqual(plain(await Desk.build(articles, deskData).ask(question, { asOf })));
    } finally {
      await engine.close();
    }
  });

  it("holds only the articles' summaries, reads a cited article's text when its link needs it, and reads it again after a change", async () => {
    const url = await server.database('article_source');
    const linked = (id: string, texts: string[]): Article => ({
      id,
      title: `Report ${id}`,
      url: `https://news.example/${id}`,
      published: '2026-04-01',
      paragraphs: texts.map((text, i) => ({ n: i + 1, text, kind: 'body' })),
    });
    const articles = [
      // The second paragraph starts with the first's words: its link cannot point at them (a bare URL).
      linked('ferry', [
        'The ferry service to the islands resumed on Monday.',
        'The ferry service to the islands resumed on Monday after the gale eased over the strait.',
      ]),
      linked('bridge', [
        'Engineers inspected the old bridge.',
        'The bridge over the estuary will close for repairs in May, the council said.',
      ]),
    ];
    const memory = Desk.build(articles, deskData);
    const a = await open(url);
    const b = await open(url);
    try {
      await a.sync(articles);
      const desk = Desk.over(a, a.source, deskData);
      // No paragraph text is held for listing and dating the articles.
      expect(JSON.stringify(a.source.summaries)).not.toContain('estuary');
      expect(a.source.summaries.map((s) => [s.id, s.paragraphs])).toEqual([
        ['bridge', 2],
        ['ferry', 2],
      ]);
      const asOf = new Date('2026-04-02T00:00:00Z');
      const plain = (reply: Reply) => ({ ...reply, stats: undefined });
      for (const question of [
        'When will the bridge over the estuary close?',
        'Why did the ferry service resume?',
      ]) {
        const reply = await desk.ask(question, { asOf });
        expect(reply.kind, question).toBe('answer');
        expect(plain(reply), question).toEqual(plain(await memory.ask(question, { asOf })));
      }
      expect((await desk.getArticle('bridge'))?.paragraphs[1]?.text).toContain('estuary');
      expect(await desk.getArticle('nowhere')).toBeUndefined();

      // Changed through another process: this desk's next read gives the new text, not a cached one.
      await b.add([linked('bridge', ['Engineers inspected the old bridge.', 'The bridge reopened early.'])]);
      await until(
        async () => (await desk.getArticle('bridge'))?.paragraphs[1]?.text === 'The bridge reopened early.',
        'the changed article to be read again',
        5_000,
      );
    } finally {
      await a.close();
      await b.close();
    }
  });

  it('an article added through one process is found by another within 5 s, and gone once removed', async () => {
    const url = await server.database('two_processes');
    const a = await open(url);
    const b = await open(url);
    try {
      await a.sync([article('harbour', 'The harbour reopened after the storm.')]);
      const terms = await b.resolve([{ term: 'zeppelin', entity: false, word: 'zeppelin', position: 0 }]);
      expect(terms[0]?.status).toBe('unknown');
      await a.add([article('airship', 'A zeppelin landed at the harbour on Tuesday.')]);
      const found = await until(
        async () => {
          const [t] = await b.resolve([{ term: 'zeppelin', entity: false, word: 'zeppelin', position: 0 }]);
          return t?.status === 'known' ? t : undefined;
        },
        'the other process to know the new word',
        5_000,
      );
      const hits = await b.candidates([found], { limit: 5 });
      expect(hits.map((h) => h.passage.articleId)).toEqual(['airship']);
      expect(await b.size()).toBe(2);

      await a.remove(['airship']);
      await until(async () => (await b.size()) === 1, 'the removal to reach the other process', 5_000);
      expect((await b.lookUp(['zeppelin']))[0]?.df).toBe(0);
      expect(await b.candidates([found], { limit: 5 })).toEqual([]);
    } finally {
      await a.close();
      await b.close();
    }
  });

  it('leaves out articles published after the question was asked, a day-only date counting for its whole day', async () => {
    const engine = await open(await server.database('as_of'));
    try {
      await engine.sync([
        article('monday', 'The glacier retreated again.', '2026-03-02'),
        article('tuesday', 'The glacier retreated further.', '2026-03-03'),
        article('undated', 'The glacier is retreating.'),
      ]);
      const terms = await engine.resolve([{ term: 'glacier', entity: false, word: 'glacier', position: 0 }]);
      const ids = async (asOf?: Date) =>
        (await engine.candidates(terms, { limit: 10, asOf })).map((h) => h.passage.articleId).sort();
      expect(await ids()).toEqual(['monday', 'tuesday', 'undated']);
      expect(await ids(new Date('2026-03-02T23:59:00Z'))).toEqual(['monday', 'undated']);
      expect(await ids(new Date('2026-03-03T00:01:00Z'))).toEqual(['monday', 'tuesday', 'undated']);
    } finally {
      await engine.close();
    }
  });

  it("suggests the memory engine's words for misspellings and unfinished words (found through pg_trgm)", async () => {
    const articles = await loadArticles('seeds', silentLogger);
    const memory = new PassageIndex(articles, deskData);
    const engine = await open(await server.database('suggestions'));
    try {
      await engine.sync(articles);
      const typed = ['kremlinn', 'lavorv', 'soldir', 'pyongyan', 'korea', 'xyzzyq', 'putn'];
      const expected = typed.map((t) => memory.similarTerms(t, 3).map((s) => memory.spelling(s)));
      expect(expected.flat().length).toBeGreaterThanOrEqual(5);
      expect(await engine.suggestions(typed, 3)).toEqual(expected);
    } finally {
      await engine.close();
    }
  });
});
