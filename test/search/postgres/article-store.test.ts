import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Article, silentLogger } from '../../../src/core/types.ts';
import { loadArticles } from '../../../src/load/load-articles.ts';
import { ArticleStore } from '../../../src/search/postgres/article-store.ts';
import { listenForChanges } from '../../../src/search/postgres/change-listener.ts';
import { MIGRATIONS, migrate } from '../../../src/search/postgres/schema.ts';
import { eventually } from '../../support/eventually.ts';
import { testPool } from '../../support/postgres-pool.ts';
import {
  type PostgresServer,
  postgresUnavailable,
  startPostgresServer,
} from '../../support/postgres-server.ts';

if (postgresUnavailable) console.warn(`${postgresUnavailable}: the PostgreSQL tests are skipped`);

const article = (id: string, text: string, published = '2026-01-02'): Article => ({
  id,
  title: `About ${id}`,
  published,
  paragraphs: [
    { n: 1, text: `About ${id}`, kind: 'heading' },
    { n: 2, text, kind: 'body', heading: `About ${id}` },
  ],
});

describe.skipIf(postgresUnavailable)('PostgreSQL tables and sync', () => {
  let server: PostgresServer;
  beforeAll(async () => {
    server = await startPostgresServer();
  });
  afterAll(async () => {
    await server?.stop();
  });

  it('two processes migrating at once: one migrates, the other finds it done; again is a no-op', async () => {
    const a = testPool(await server.database('migrate_twice'));
    const b = testPool(await server.database('migrate_twice'));
    try {
      const reports = await Promise.all([migrate(a.pool), migrate(b.pool)]);
      expect(reports.map((r) => r.from).sort()).toEqual([0, MIGRATIONS.length]);
      expect(reports.every((r) => r.to === MIGRATIONS.length)).toBe(true);
      expect(await migrate(a.pool)).toEqual({ from: MIGRATIONS.length, to: MIGRATIONS.length });
      const { rows } = await a.pool.query('SELECT version FROM newsdesk_schema_version ORDER BY version');
      expect(rows.map((r) => r.version)).toEqual(MIGRATIONS.map((_, i) => i + 1));
    } finally {
      await a.end();
      await b.end();
    }
  });

  it('refuses a database migrated by a newer Newsdesk', async () => {
    const { pool, end } = testPool(await server.database('newer_schema'));
    try {
      await migrate(pool);
      await pool.query('INSERT INTO newsdesk_schema_version (version) VALUES ($1)', [MIGRATIONS.length + 1]);
      await expect(migrate(pool)).rejects.toThrow(/newer than this Newsdesk knows/);
    } finally {
      await end();
    }
  });

  it('syncs added, changed and removed articles, keeping the vocabulary counts, and announces each change', async () => {
    const url = await server.database('sync');
    const { pool, end } = testPool(url);
    const heard: (number | undefined)[] = [];
    const listener = await listenForChanges({ connectionString: url }, silentLogger, (r) => heard.push(r));
    try {
      await migrate(pool);
      const store = new ArticleStore(pool);
      const first = await store.sync(
        [article('a', 'Reactors cooled the reactor.'), article('b', 'Harbour reopened after storms.')],
        { removeMissing: true },
      );
      expect(first).toMatchObject({ added: ['a', 'b'], changed: [], removed: [] });
      const df = async (term: string) =>
        (await pool.query('SELECT df, title_df FROM newsdesk_terms WHERE term = $1', [term])).rows[0];
      expect(await df('reactor')).toEqual({ df: 1, title_df: 0 });
      expect(await df('harbour')).toEqual({ df: 1, title_df: 0 });
      await eventually(() => heard.includes(first.revision), 'the change announced');

      // Same articles again: nothing written, no revision.
      const same = await store.sync(
        [article('a', 'Reactors cooled the reactor.'), article('b', 'Harbour reopened after storms.')],
        { removeMissing: true },
      );
      expect(same).toEqual({ added: [], changed: [], removed: [], revision: first.revision });

      const second = await store.sync([article('a', 'The harbour reactor.')], { removeMissing: true });
      expect(second).toMatchObject({ added: [], changed: ['a'], removed: ['b'] });
      expect(second.revision).toBeGreaterThan(first.revision);
      expect(await df('harbour')).toEqual({ df: 1, title_df: 0 });
      expect(await df('storm')).toEqual({ df: 0, title_df: 0 });
      const { rows } = await pool.query('SELECT article_id, paragraph FROM newsdesk_passages');
      expect(rows).toEqual([{ article_id: 'a', paragraph: 2 }]);
      const totals = (await pool.query('SELECT articles, passages FROM newsdesk_totals')).rows[0];
      expect(totals).toEqual({ articles: 1, passages: 1 });
      await eventually(() => heard.includes(second.revision), 'the second change announced');
    } finally {
      await listener.close();
      await end();
    }
  });

  it("a folder's sync removes only the articles that folder held and no other folder holds", async () => {
    const { pool, end } = testPool(await server.database('origins'));
    try {
      await migrate(pool);
      const store = new ArticleStore(pool);
      const ids = async () =>
        (await pool.query('SELECT id FROM newsdesk_articles ORDER BY id')).rows.map((r) => r.id);
      const [a, b, c, x] = ['a', 'b', 'c', 'x'].map((id) => article(id, `The ${id} harbour report.`)) as [
        Article,
        Article,
        Article,
        Article,
      ];
      // Added otherwise (not by a folder): no folder's sync removes it.
      await store.put([x]);
      expect(await store.sync([a, b], { origin: '/srv/one' })).toMatchObject({
        added: ['a', 'b'],
        removed: [],
      });
      expect(await store.sync([b, c], { origin: '/srv/two' })).toMatchObject({ added: ['c'], removed: [] });
      expect(await ids()).toEqual(['a', 'b', 'c', 'x']);

      // Folder one drops b: folder two still holds it.
      expect((await store.sync([a], { origin: '/srv/one' })).removed).toEqual([]);
      expect(await ids()).toEqual(['a', 'b', 'c', 'x']);
      // Folder two drops b too: now no folder holds it.
      expect((await store.sync([c], { origin: '/srv/two' })).removed).toEqual(['b']);
      expect(await ids()).toEqual(['a', 'c', 'x']);
      // A changed article stays held by the folders that hold it.
      const changedC = article('c', 'The c harbour report, corrected.');
      await store.sync([a, changedC], { origin: '/srv/one' });
      expect((await store.sync([], { origin: '/srv/two' })).removed).toEqual([]);
      expect(await ids()).toEqual(['a', 'c', 'x']);
      expect((await store.sync([a], { origin: '/srv/one' })).removed).toEqual(['c']);
      expect(await ids()).toEqual(['a', 'x']);
      const totals = (await pool.query('SELECT articles, passages FROM newsdesk_totals')).rows[0];
      expect(totals).toEqual({ articles: 2, passages: 2 });

      // Pruning makes the database hold exactly the articles given, whoever added the others.
      expect((await store.sync([a], { removeMissing: true })).removed).toEqual(['x']);
      expect(await ids()).toEqual(['a']);
    } finally {
      await end();
    }
  });

  it('a bulk load (COPY) writes what article-by-article writes do; later changes keep the postings as a fresh load makes them', async () => {
    const seeds = await loadArticles('seeds', silentLogger);
    const odd = article('odd', 'A back\\slash, a\ttab and a line\nbreak in the harbour report.');
    const articles = [...seeds, odd];
    const bulk = testPool(await server.database('bulk_load'));
    const slow = testPool(await server.database('row_load'));
    const fresh = testPool(await server.database('fresh_load'));
    /** Every table's rows, passages named by article and paragraph (ids differ between loads). */
    const dump = async (pool: pg.Pool, impacts = true) => ({
      terms: (
        await pool.query(
          'SELECT term, df, heading_df, title_df, capital, lower FROM newsdesk_terms WHERE df + heading_df + title_df > 0 ORDER BY term',
        )
      ).rows,
      forms: (
        await pool.query(
          'SELECT term, form, uses FROM newsdesk_term_forms WHERE uses > 0 ORDER BY term, form',
        )
      ).rows,
      // The averages follow the order of changes (as MiniSearch keeps them): compared after one load only.
      totals: (
        await pool.query(
          `SELECT articles, passages, text_length, heading_length, title_length${impacts ? ', text_average, heading_average, title_average' : ''} FROM newsdesk_totals`,
        )
      ).rows,
      passages: (
        await pool.query(
          'SELECT article_id, paragraph, text, heading, title, published_at, terms::text, context::text, text_length, heading_length, title_length FROM newsdesk_passages ORDER BY article_id, paragraph',
        )
      ).rows,
      postings: (
        await pool.query(
          `SELECT q.article_id, q.paragraph, p.term, p.text_tf, p.heading_tf, p.title_tf, p.text_length, p.heading_length,
             p.title_length, round(p.impact::numeric, 4) AS impact
           FROM newsdesk_postings p JOIN newsdesk_passages q ON q.id = p.passage_id ORDER BY 1, 2, 3`,
        )
      ).rows.map((r) => (impacts ? r : { ...r, impact: undefined })),
    });
    try {
      for (const { pool } of [bulk, slow, fresh]) await migrate(pool);
      const steps: string[] = [];
      const bulkStore = new ArticleStore(bulk.pool, {
        bulkPassages: 1,
        onBulkStep: (step) => steps.push(step),
      });
      const slowStore = new ArticleStore(slow.pool);
      await bulkStore.sync(articles, { removeMissing: true });
      expect(steps).toContain('postings');
      await slowStore.sync(articles, { removeMissing: true });
      const loaded = await dump(bulk.pool);
      expect(loaded.passages.find((p) => p.article_id === 'odd')?.text).toBe(odd.paragraphs[1]?.text);
      expect(loaded.postings.length).toBeGreaterThan(500);
      expect(loaded).toEqual(await dump(slow.pool));

      // One article removed, one changed: the postings follow, in both.
      const changed = article('odd', 'The harbour report, corrected: the ferry sails at noon.');
      const after = [...seeds.slice(1), changed];
      for (const store of [bulkStore, slowStore]) await store.sync(after, { removeMissing: true });
      await new ArticleStore(fresh.pool).sync(after, { removeMissing: true });
      const expected = await dump(fresh.pool, false);
      expect(await dump(bulk.pool, false)).toEqual(expected);
      expect(await dump(slow.pool, false)).toEqual(expected);
    } finally {
      for (const { end } of [bulk, slow, fresh]) await end();
    }
  });

  it('two processes syncing the same folder at once add each article once', async () => {
    const url = await server.database('sync_twice');
    const a = testPool(url);
    const b = testPool(url);
    try {
      await migrate(a.pool);
      const articles = await loadArticles('seeds', silentLogger);
      await Promise.all([
        new ArticleStore(a.pool).sync(articles, { removeMissing: true }),
        new ArticleStore(b.pool).sync(articles, { removeMissing: true }),
      ]);
      const totals = (await a.pool.query('SELECT articles, passages FROM newsdesk_totals')).rows[0];
      const counted = (await a.pool.query('SELECT count(*)::int AS n FROM newsdesk_passages')).rows[0];
      expect(totals.articles).toBe(articles.length);
      expect(totals.passages).toBe(counted.n);
      const body = articles.reduce((n, x) => n + x.paragraphs.filter((p) => p.kind === 'body').length, 0);
      expect(counted.n).toBe(body);
    } finally {
      await a.end();
      await b.end();
    }
  });
});
